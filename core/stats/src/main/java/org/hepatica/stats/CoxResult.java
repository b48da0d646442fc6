package org.hepatica.stats;

import java.util.List;
import java.util.Optional;

/**
 * The fit of a Cox proportional hazards model; field names follow the reference JSON
 * ({@code cox_efron} etc.) so the record serializes straight into the HTTP API.
 *
 * @param n                 subjects analysed
 * @param events            events among them
 * @param nDropped          rows left out for a missing value in a variable the model uses
 * @param terms             one entry per design column, in design order
 * @param logLikNull        log partial likelihood at beta = 0
 * @param logLik            log partial likelihood at the estimate
 * @param iterations        Newton-Raphson iterations used
 * @param converged         false when the iteration limit was reached (see warnings)
 * @param likelihoodRatio   2 (logLik - logLikNull); null when no coefficient was estimated
 * @param wald              beta' V^-1 beta over the estimated coefficients; null likewise
 * @param score             U' I^-1 U at beta = 0; null likewise
 * @param concordance       Harrell's C of the linear predictor (R {@code coxph}'s
 *                          {@code concordance}); null when there is no comparable pair
 * @param phTest            {@code cox.zph(fit, transform = "km")} per variable and GLOBAL;
 *                          empty when not computed
 * @param warnings          what went wrong or needs attention, empty when nothing did
 */
public record CoxResult(int n, int events, int nDropped, List<CoxTerm> terms, double logLikNull,
                        double logLik, int iterations, boolean converged, CoxTest likelihoodRatio,
                        CoxTest wald, CoxTest score, Double concordance,
                        List<ProportionalHazardsTest.TermTest> phTest, List<String> warnings) {

    /** Defensive copies: a result is a value. */
    public CoxResult {
        terms = List.copyOf(terms);
        phTest = List.copyOf(phTest);
        warnings = List.copyOf(warnings);
    }

    /** The term of that name, if the design has it. */
    public Optional<CoxTerm> term(String name) {
        return terms.stream().filter(t -> t.term().equals(name)).findFirst();
    }
}
