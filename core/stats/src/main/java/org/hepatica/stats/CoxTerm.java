package org.hepatica.stats;

/**
 * One coefficient of a Cox model, as {@code summary(coxph(...))} reports it.
 *
 * <p>Every number is null when the coefficient does not exist: the covariate is constant in the
 * analysed rows, or aliased (collinear; R reports NA), or the data have no events. A bound or
 * ratio that overflows (a diverging coefficient) is null too.
 *
 * @param term        term name: a numeric covariate's name, {@code name=level} for a level of a
 *                    categorical covariate, {@code a:b} for an interaction
 * @param coef        log hazard ratio beta
 * @param stdErr      sqrt of the diagonal of the inverse information
 * @param hazardRatio exp(beta)
 * @param lower       exp(beta - z_{(1+level)/2} stdErr)
 * @param upper       exp(beta + z_{(1+level)/2} stdErr)
 * @param z           Wald statistic beta / stdErr
 * @param pValue      two-sided Wald p-value 2 P(Z &gt; |z|)
 */
public record CoxTerm(String term, Double coef, Double stdErr, Double hazardRatio, Double lower,
                      Double upper, Double z, Double pValue) {

    static CoxTerm notEstimable(String term) {
        return new CoxTerm(term, null, null, null, null, null, null, null);
    }
}
