package org.hepatica.stats;

/**
 * Welch's two-sample t-test (unequal variances), two-sided, as R's
 * {@code t.test(x, y, var.equal = FALSE)}:
 *
 * <pre>
 *   se = sqrt(s_x^2 / n_x + s_y^2 / n_y),   t = (mean_x - mean_y) / se,
 *   df = se^4 / ( (s_x^2/n_x)^2 / (n_x - 1) + (s_y^2/n_y)^2 / (n_y - 1) )   (Welch-Satterthwaite),
 *   p  = 2 * pt(-|t|, df)
 * </pre>
 * Welch BL. The generalization of "Student's" problem when several different population
 * variances are involved. Biometrika 1947;34:28-35.
 */
public final class WelchTTest {

    /**
     * The test.
     *
     * @param statistic t
     * @param df        Welch-Satterthwaite degrees of freedom
     * @param pValue    two-sided p-value; null when a sample has fewer than 2 values or both variances are 0
     */
    public record Result(double statistic, double df, Double pValue) {
    }

    private WelchTTest() {
    }

    /** The test. */
    public static WelchTTest create() {
        return new WelchTTest();
    }

    /**
     * Tests x against y.
     *
     * @throws IllegalArgumentException when a value is not finite
     */
    public Result test(double[] x, double[] y) {
        Arguments.requireFinite("x", x);
        Arguments.requireFinite("y", y);
        if (x.length < 2 || y.length < 2) {
            return new Result(Double.NaN, Double.NaN, null);
        }
        double vx = SampleSummary.variance(x) / x.length;
        double vy = SampleSummary.variance(y) / y.length;
        double se2 = vx + vy;
        if (!(se2 > 0)) {
            return new Result(Double.NaN, Double.NaN, null);
        }
        double t = (SampleSummary.mean(x) - SampleSummary.mean(y)) / Math.sqrt(se2);
        double df = se2 * se2 / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
        return new Result(t, df, IncompleteBeta.studentTwoSided(t, df));
    }
}
