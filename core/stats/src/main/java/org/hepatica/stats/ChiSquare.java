package org.hepatica.stats;

/**
 * The chi-square distribution's upper tail, for tests that plugins assemble themselves from
 * fitted statistics (R {@code pchisq(x, df, lower.tail = FALSE)}).
 */
public final class ChiSquare {

    private ChiSquare() {
    }

    /**
     * P(X &gt; x) for X ~ chi-square with {@code df} degrees of freedom: the regularized upper
     * incomplete gamma function Q(df/2, x/2), the function behind every p-value of the log-rank,
     * Cox and Gray tests of this package.
     *
     * @param x  the statistic, finite and &gt;= 0
     * @param df degrees of freedom, &gt; 0
     * @throws IllegalArgumentException for a negative or non-finite x, or df &lt;= 0
     */
    public static double upperTail(double x, double df) {
        Arguments.requireFiniteNonNegative("x", x);
        Arguments.requirePositive("df", df);
        return Distributions.chiSquareUpperTail(x, df);
    }
}
