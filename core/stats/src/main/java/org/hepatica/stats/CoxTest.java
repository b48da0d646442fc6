package org.hepatica.stats;

/**
 * A global chi-square test of a Cox model (likelihood ratio, Wald or score).
 *
 * @param statistic chi-square statistic
 * @param df        degrees of freedom (number of estimated coefficients)
 * @param pValue    P(chi-square_df &gt; statistic)
 */
public record CoxTest(double statistic, int df, double pValue) {

    static CoxTest of(double statistic, int df) {
        return new CoxTest(statistic, df, Distributions.chiSquareUpperTail(statistic, df));
    }
}
