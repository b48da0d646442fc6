package org.hepatica.stats;

/**
 * A binomial proportion with its exact (Clopper-Pearson) confidence interval, as R's
 * {@code binom.test(x, n, conf.level = 0.95)$conf.int}:
 *
 * <pre>
 *   lower = qbeta(alpha/2, x, n - x + 1)       (0 when x = 0)
 *   upper = qbeta(1 - alpha/2, x + 1, n - x)   (1 when x = n)
 * </pre>
 * with {@code alpha = 1 - confLevel}; the quantile is that of {@link IncompleteBeta#quantile}.
 * Clopper CJ, Pearson ES. The use of confidence or fiducial limits illustrated in the case of the
 * binomial. Biometrika 1934;26:404-413.
 *
 * <p>Immutable; {@link #withConfLevel} returns a copy.
 */
public final class ClopperPearsonInterval {
    private final double confLevel;

    private ClopperPearsonInterval(double confLevel) {
        this.confLevel = confLevel;
    }

    /**
     * The proportion and its interval.
     *
     * @param count successes
     * @param n     trials
     * @param rate  {@code count / n}, null when {@code n = 0}
     * @param lower lower bound, null when {@code n = 0}
     * @param upper upper bound, null when {@code n = 0}
     */
    public record Estimate(int count, int n, Double rate, Double lower, Double upper) {
    }

    /** A 95 % interval. */
    public static ClopperPearsonInterval create() {
        return new ClopperPearsonInterval(0.95);
    }

    /** The same with another confidence level, strictly between 0 and 1. */
    public ClopperPearsonInterval withConfLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confLevel must lie strictly between 0 and 1, was " + level);
        }
        return new ClopperPearsonInterval(level);
    }

    /**
     * {@code count} of {@code n} with its interval.
     *
     * @throws IllegalArgumentException unless {@code 0 <= count <= n}
     */
    public Estimate estimate(int count, int n) {
        if (count < 0 || n < count) {
            throw new IllegalArgumentException("count must lie in 0..n, was " + count + " of " + n);
        }
        if (n == 0) {
            return new Estimate(0, 0, null, null, null);
        }
        double alpha = 1 - confLevel;
        double lower = count == 0 ? 0 : IncompleteBeta.quantile(alpha / 2, count, n - count + 1.0);
        double upper = count == n ? 1 : IncompleteBeta.quantile(1 - alpha / 2, count + 1.0, n - count);
        return new Estimate(count, n, (double) count / n, lower, upper);
    }
}
