package org.hepatica.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The likelihood-ratio test of two nested Cox models fitted on the same subjects, as R
 * {@code anova(reduced, full)} for {@code coxph} fits:
 * <pre>
 *   statistic = 2 (logLik_full - logLik_reduced),   df = p_full - p_reduced,
 *   p = P(chi-square_df &gt; statistic)
 * </pre>
 * where p is the number of coefficients each fit estimated (aliased and constant terms, which R
 * reports as NA, do not count). Typical use: an interaction test, {@code arm + mvi} against
 * {@code arm * mvi}.
 *
 * <p>When the full model estimates no coefficient more than the reduced one (for example every
 * interaction term is aliased because one treatment x subgroup cell is empty), there is nothing
 * to test: statistic 0, df 0, {@code pValue} null and a warning, never NaN. A slightly negative
 * statistic from rounding in the iterations is reported as 0.
 */
public final class CoxLikelihoodRatioTest {

    /**
     * The test.
     *
     * @param statistic 2 (logLik_full - logLik_reduced), &gt;= 0
     * @param df        coefficients the full model adds
     * @param pValue    P(chi-square_df &gt; statistic); null when df = 0
     * @param warnings  why there is no p-value, or what needs attention; empty otherwise
     */
    public record Result(double statistic, int df, Double pValue, List<String> warnings) {
        /** Copies the warnings, so the result is immutable. */
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private CoxLikelihoodRatioTest() {
    }

    /**
     * Compares a model with the model it is nested in.
     *
     * @param reduced the smaller model
     * @param full    the larger model, fitted on the same subjects
     * @throws IllegalArgumentException when the fits have different subjects or events, or the
     *     full model estimates fewer coefficients than the reduced one
     */
    public static Result compare(CoxResult reduced, CoxResult full) {
        Arguments.requireNonNull("reduced", reduced);
        Arguments.requireNonNull("full", full);
        if (reduced.n() != full.n() || reduced.events() != full.events()) {
            throw new IllegalArgumentException("nested models must be fitted on the same subjects: reduced n="
                    + reduced.n() + " events=" + reduced.events() + ", full n=" + full.n() + " events="
                    + full.events());
        }
        int df = estimated(full) - estimated(reduced);
        if (df < 0) {
            throw new IllegalArgumentException("the full model estimates fewer coefficients (" + estimated(full)
                    + ") than the reduced one (" + estimated(reduced) + ")");
        }
        List<String> warnings = new ArrayList<>();
        if (!reduced.converged() || !full.converged()) {
            warnings.add("a model did not converge: the likelihood-ratio test is unreliable");
        }
        if (df == 0) {
            warnings.add("the full model estimates no coefficient beyond the reduced one (its extra terms are"
                    + " aliased or constant, e.g. an empty cell): nothing to test");
            return new Result(0.0, 0, null, warnings);
        }
        // anova.coxphlist: Chisq = 2 * diff(loglik), Df = diff(df)
        double statistic = Math.max(0.0, 2.0 * (full.logLik() - reduced.logLik()));
        return new Result(statistic, df, Distributions.chiSquareUpperTail(statistic, df), warnings);
    }

    /** Coefficients a fit estimated (R's non-NA coefficients). */
    private static int estimated(CoxResult fit) {
        int p = 0;
        for (CoxTerm t : fit.terms()) {
            if (t.coef() != null) {
                p++;
            }
        }
        return p;
    }
}
