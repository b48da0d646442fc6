package org.hepatica.stats;

import java.util.Arrays;

/**
 * The summary of a numeric sample of a "Table 1": n, mean, standard deviation (denominator
 * n - 1), median and quartiles by R's default quantile definition, type 7
 * ({@code quantile(x, c(.25, .5, .75))}): for probability p and the sorted values
 * {@code x_1 <= ... <= x_n}, with {@code h = (n - 1) p + 1},
 * {@code Q(p) = x_floor(h) + (h - floor(h)) (x_floor(h)+1 - x_floor(h))} (Hyndman RJ, Fan Y.
 * Sample quantiles in statistical packages. The American Statistician 1996;50:361-365).
 *
 * @param n      values
 * @param mean   arithmetic mean, null when n = 0
 * @param sd     standard deviation, null when n &lt; 2
 * @param median type-7 median, null when n = 0
 * @param q1     type-7 first quartile, null when n = 0
 * @param q3     type-7 third quartile, null when n = 0
 */
public record SampleSummary(int n, Double mean, Double sd, Double median, Double q1, Double q3) {

    /**
     * Summarises finite values.
     *
     * @throws IllegalArgumentException when a value is not finite
     */
    public static SampleSummary of(double[] values) {
        Arguments.requireFinite("values", values);
        int n = values.length;
        if (n == 0) {
            return new SampleSummary(0, null, null, null, null, null);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new SampleSummary(n, mean(values), n < 2 ? null : Math.sqrt(variance(values)),
                quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75));
    }

    /**
     * The type-7 quantile of sorted values.
     *
     * @param sorted ascending, at least one value
     * @param p      probability in [0, 1]
     */
    public static double quantile(double[] sorted, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must lie in [0, 1], was " + p);
        }
        if (sorted.length == 0) {
            throw new IllegalArgumentException("sorted must hold at least one value");
        }
        double h = (sorted.length - 1) * p; // 0-based: h = (n - 1) p
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The standardized mean difference of two samples, {@code (mean_b - mean_a) / sqrt((sd_a^2 + sd_b^2) / 2)}
     * (Austin PC. Balance diagnostics for comparing the distribution of baseline covariates between
     * treatment groups in propensity-score matched samples. Statistics in Medicine 2009;28:3083-3107).
     *
     * @return the difference, or null when a mean or SD is missing or both SDs are 0
     */
    public static Double standardizedMeanDifference(SampleSummary a, SampleSummary b) {
        if (a.mean() == null || b.mean() == null || a.sd() == null || b.sd() == null) {
            return null;
        }
        double pooled = Math.sqrt((a.sd() * a.sd() + b.sd() * b.sd()) / 2);
        return pooled > 0 ? (b.mean() - a.mean()) / pooled : null;
    }

    /** The arithmetic mean, summed twice for accuracy (R's {@code mean}: a second pass adds the mean residual). */
    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        double m = s / x.length;
        double r = 0;
        for (double v : x) {
            r += v - m;
        }
        return m + r / x.length;
    }

    /** The sample variance, denominator n - 1 (two-pass), at least two values. */
    static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }
}
