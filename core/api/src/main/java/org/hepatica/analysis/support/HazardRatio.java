package org.hepatica.analysis.support;

import java.util.ArrayList;
import java.util.List;
import org.hepatica.stats.CoxDesign;
import org.hepatica.stats.CoxResult;
import org.hepatica.stats.CoxTerm;

/**
 * A hazard ratio as the contract's results report it ({@code hazardRatio} of {@code dfs} and
 * {@code os}, the subgroups of {@code mvi-subgroups}): exp(beta) with its Wald confidence interval
 * and two-sided Wald p-value. Each number is null when the coefficient could not be estimated
 * (a constant or aliased term, no events).
 *
 * @param term        the Cox term, e.g. {@code arm=RFA+RT}
 * @param hazardRatio exp(beta)
 * @param lower       lower confidence bound
 * @param upper       upper confidence bound
 * @param pValue      Wald p-value
 */
public record HazardRatio(String term, Double hazardRatio, Double lower, Double upper, Double pValue) {

    /** The hazard ratio of a fitted term. */
    public static HazardRatio of(CoxTerm t) {
        return new HazardRatio(t.term(), t.hazardRatio(), t.lower(), t.upper(), t.pValue());
    }

    /** The hazard ratios of every term of {@code variable} (one per non-reference level), in design order. */
    public static List<HazardRatio> ofVariable(CoxResult fit, CoxDesign design, String variable) {
        List<HazardRatio> out = new ArrayList<>();
        List<String> owners = design.termVariables();
        for (int j = 0; j < owners.size(); j++) {
            if (owners.get(j).equals(variable)) {
                out.add(of(fit.terms().get(j)));
            }
        }
        return out;
    }
}
