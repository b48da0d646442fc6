package org.hepatica.stats;

/**
 * Welch's one-way analysis of means without assuming equal variances, as R's
 * {@code oneway.test(y ~ g, var.equal = FALSE)}: with {@code w_i = n_i / s_i^2},
 * {@code W = sum w_i} and the weighted mean {@code m = sum w_i mean_i / W},
 *
 * <pre>
 *   tmp = sum_i (1 - w_i / W)^2 / (n_i - 1) / (k^2 - 1)
 *   F   = sum_i w_i (mean_i - m)^2 / ((k - 1) (1 + 2 (k - 2) tmp))
 *   df1 = k - 1,   df2 = 1 / (3 tmp),   p = pf(F, df1, df2, lower.tail = FALSE)
 * </pre>
 * With two groups it is Welch's t-test ({@code F = t^2}). Welch BL. On the comparison of several
 * mean values: an alternative approach. Biometrika 1951;38:330-336.
 */
public final class WelchAnova {

    /**
     * The test.
     *
     * @param statistic F
     * @param df1       numerator degrees of freedom, k - 1
     * @param df2       denominator degrees of freedom
     * @param pValue    upper F tail; null with fewer than two groups, a group of fewer than 2 values or a group variance of 0
     */
    public record Result(double statistic, double df1, double df2, Double pValue) {
    }

    private WelchAnova() {
    }

    /** The test. */
    public static WelchAnova create() {
        return new WelchAnova();
    }

    /**
     * Tests the groups (empty ones are left out).
     *
     * @throws IllegalArgumentException when a value is not finite
     */
    public Result test(double[]... groups) {
        int k = 0;
        for (int g = 0; g < groups.length; g++) {
            Arguments.requireFinite("groups[" + g + "]", groups[g]);
            k += groups[g].length > 0 ? 1 : 0;
        }
        double[] w = new double[k];
        double[] mean = new double[k];
        double[] n = new double[k];
        int i = 0;
        for (double[] g : groups) {
            if (g.length == 0) {
                continue;
            }
            double v = g.length < 2 ? Double.NaN : SampleSummary.variance(g);
            if (!(v > 0)) {
                return new Result(Double.NaN, k - 1, Double.NaN, null);
            }
            n[i] = g.length;
            w[i] = g.length / v;
            mean[i] = SampleSummary.mean(g);
            i++;
        }
        if (k < 2) {
            return new Result(Double.NaN, Math.max(0, k - 1), Double.NaN, null);
        }
        double sumW = 0;
        double m = 0;
        for (int j = 0; j < k; j++) {
            sumW += w[j];
            m += w[j] * mean[j];
        }
        m /= sumW;
        double tmp = 0;
        double between = 0;
        for (int j = 0; j < k; j++) {
            double f = 1 - w[j] / sumW;
            tmp += f * f / (n[j] - 1);
            between += w[j] * (mean[j] - m) * (mean[j] - m);
        }
        tmp /= (double) k * k - 1;
        double stat = between / ((k - 1) * (1 + 2 * (k - 2) * tmp));
        double df2 = 1 / (3 * tmp);
        return new Result(stat, k - 1, df2, IncompleteBeta.fUpperTail(stat, k - 1, df2));
    }
}
