package org.hepatica.stats;

/**
 * The Kruskal-Wallis rank-sum test of k independent samples, with the tie correction, as R's
 * {@code kruskal.test(list(...))}:
 *
 * <pre>
 *   H = (12 / (n (n + 1)) * sum_i R_i^2 / n_i - 3 (n + 1)) / (1 - sum(t^3 - t) / (n^3 - n)),
 *   p = pchisq(H, k - 1, lower.tail = FALSE)
 * </pre>
 * ({@code R_i} the sum of the mid-ranks of sample i in the pooled sample, {@code t} the sizes of
 * the groups of tied values). Kruskal WH, Wallis WA. Use of ranks in one-criterion variance
 * analysis. Journal of the American Statistical Association 1952;47:583-621.
 */
public final class KruskalWallisTest {

    /**
     * The test.
     *
     * @param statistic H (R's "Kruskal-Wallis chi-squared")
     * @param df        k - 1, over the non-empty samples
     * @param pValue    upper chi-square tail; null with fewer than two non-empty samples or when every value is tied
     */
    public record Result(double statistic, int df, Double pValue) {
    }

    private KruskalWallisTest() {
    }

    /** The test. */
    public static KruskalWallisTest create() {
        return new KruskalWallisTest();
    }

    /**
     * Tests the samples (empty ones are left out).
     *
     * @throws IllegalArgumentException when a value is not finite
     */
    public Result test(double[]... samples) {
        int n = 0;
        int k = 0;
        for (int g = 0; g < samples.length; g++) {
            Arguments.requireFinite("samples[" + g + "]", samples[g]);
            n += samples[g].length;
            k += samples[g].length > 0 ? 1 : 0;
        }
        if (k < 2) {
            return new Result(Double.NaN, Math.max(0, k - 1), null);
        }
        double[] pooled = new double[n];
        int at = 0;
        for (double[] s : samples) {
            System.arraycopy(s, 0, pooled, at, s.length);
            at += s.length;
        }
        Ranks r = Ranks.of(pooled);
        double sum = 0;
        at = 0;
        for (double[] s : samples) {
            double rankSum = 0;
            for (int i = 0; i < s.length; i++) {
                rankSum += r.ranks()[at + i];
            }
            at += s.length;
            if (s.length > 0) {
                sum += rankSum * rankSum / s.length; // R_i^2 / n_i
            }
        }
        double nn = n;
        double ties = 1 - r.tieTerm() / (nn * nn * nn - nn);
        if (!(ties > 0)) {
            return new Result(Double.NaN, k - 1, null);
        }
        double h = (12 * sum / (nn * (nn + 1)) - 3 * (nn + 1)) / ties;
        return new Result(h, k - 1, Distributions.chiSquareUpperTail(h, k - 1));
    }
}
