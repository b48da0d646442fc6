package org.hepatica.stats;

/**
 * The Wilcoxon rank-sum (Mann-Whitney) test of two independent samples by its normal
 * approximation, with the continuity and tie corrections, as R's
 * {@code wilcox.test(x, y, exact = FALSE, correct = TRUE)}:
 *
 * <pre>
 *   W     = sum of the mid-ranks of x in the pooled sample - n_x (n_x + 1) / 2
 *   sigma = sqrt( n_x n_y / 12 * ( (n + 1) - sum(t^3 - t) / (n (n - 1)) ) )
 *   z     = (W - n_x n_y / 2 - sign(W - n_x n_y / 2) * 0.5) / sigma
 *   p     = 2 * min(pnorm(z), pnorm(z, lower.tail = FALSE))
 * </pre>
 * ({@code t} the sizes of the groups of tied values; the 0.5 is left out with
 * {@link #withContinuityCorrection withContinuityCorrection(false)}). Wilcoxon F. Individual
 * comparisons by ranking methods. Biometrics Bulletin 1945;1:80-83; Mann HB, Whitney DR.
 * Annals of Mathematical Statistics 1947;18:50-60; Hollander M, Wolfe DA. Nonparametric
 * Statistical Methods, 1973, ch. 4.
 */
public final class WilcoxonRankSumTest {
    private final boolean correct;

    private WilcoxonRankSumTest(boolean correct) {
        this.correct = correct;
    }

    /**
     * The test.
     *
     * @param statistic W (R's {@code statistic})
     * @param z         the normal deviate
     * @param pValue    two-sided p-value; null when sigma = 0 (every value tied) or a sample is empty
     */
    public record Result(double statistic, double z, Double pValue) {
    }

    /** With the continuity correction, as R's default. */
    public static WilcoxonRankSumTest create() {
        return new WilcoxonRankSumTest(true);
    }

    /** The same with or without the continuity correction. */
    public WilcoxonRankSumTest withContinuityCorrection(boolean correction) {
        return new WilcoxonRankSumTest(correction);
    }

    /**
     * Tests x against y.
     *
     * @throws IllegalArgumentException when a value is not finite
     */
    public Result test(double[] x, double[] y) {
        Arguments.requireFinite("x", x);
        Arguments.requireFinite("y", y);
        int nx = x.length;
        int ny = y.length;
        if (nx == 0 || ny == 0) {
            return new Result(Double.NaN, Double.NaN, null);
        }
        double[] pooled = new double[nx + ny];
        System.arraycopy(x, 0, pooled, 0, nx);
        System.arraycopy(y, 0, pooled, nx, ny);
        Ranks r = Ranks.of(pooled);
        double rankSum = 0;
        for (int i = 0; i < nx; i++) {
            rankSum += r.ranks()[i];
        }
        double w = rankSum - nx * (nx + 1.0) / 2;
        double n = nx + ny;
        double z = w - nx * (double) ny / 2;
        double sigma = Math.sqrt(nx * (double) ny / 12 * ((n + 1) - r.tieTerm() / (n * (n - 1))));
        if (!(sigma > 0)) {
            return new Result(w, Double.NaN, null);
        }
        double correction = correct ? Math.signum(z) * 0.5 : 0;
        z = (z - correction) / sigma;
        double p = 2 * Math.min(Distributions.normalCdf(z), Distributions.normalUpperTail(z));
        return new Result(w, z, Math.min(1.0, p));
    }
}
