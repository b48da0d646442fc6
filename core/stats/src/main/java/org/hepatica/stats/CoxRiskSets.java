package org.hepatica.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The data of one Cox fit in risk-set order, and one pass of the partial likelihood and its
 * first two derivatives: R survival {@code coxfit6.c}, function {@code coxfit6_iter}.
 *
 * <p>Covariates are copied column-major in (stratum, time) order. As {@code coxph.fit} does,
 * every column whose values are not all in {-1, 0, 1} is centred on its mean and scaled by
 * n / sum|x - mean| (R's {@code nocenter = c(-1, 0, 1)}); 0/1 indicators are used as they are.
 * This changes only the rounding, never the estimates (Newton-Raphson is affine invariant).
 *
 * <p>Walking backwards in time, with r_i = exp(x_i' beta), at each event time t with d deaths:
 * <pre>
 *   Breslow: loglik += sum_{deaths} x_i'beta - d log(S0),   S0 = sum_{risk set} r_i
 *   Efron:   loglik += sum_{deaths} x_i'beta - sum_{k=0}^{d-1} log(S0 - k/d * D0)
 * </pre>
 * where D0 is the sum of r_i over the d deaths; the score U and information I follow from the
 * weighted means S1/S0 and covariances S2/S0 - (S1/S0)^2 of the same (partial) sums. Censored
 * subjects tied with an event at t are in its risk set. The sums S0, S1, S2 are cumulated
 * backwards over time, so a pass is O(n p^2); it allocates nothing (two n-sized work arrays
 * are kept for the linear predictor and the risk scores).
 */
final class CoxRiskSets {

    final CoxTimeOrder times;
    /** Number of covariate columns. */
    final int p;
    /** Centred and scaled covariates by sorted position: xc[j][s]. */
    final double[][] xc;
    /** Column means subtracted (0 for unscaled columns). */
    final double[] means;
    /** Factor each column was multiplied by (1 for unscaled columns). */
    final double[] scale;

    /** The walk over the risk sets (two threads from {@link TwoThreads#PARALLEL_THRESHOLD} subjects). */
    final CoxRiskSetWalk walk;

    private final double[] eta;
    private final double[] risk;
    private final double[] info;

    /**
     * R's centring and scaling of the columns ({@code coxph.fit}): a column with a value outside
     * {-1, 0, 1} is centred on its mean and multiplied by n / sum|x - mean|; others are kept.
     *
     * @param means  column means subtracted (0 for unscaled columns)
     * @param scale  factor each column is multiplied by (1 for unscaled columns)
     */
    record Centring(double[] means, double[] scale) {

        /** Of covariate columns x[j][i] (all finite, equal lengths). */
        static Centring of(double[][] x) {
            int p = x.length;
            double[] means = new double[p];
            double[] scale = new double[p];
            for (int j = 0; j < p; j++) {
                column(x[j], means, scale, j);
            }
            return new Centring(means, scale);
        }

        /**
         * As {@link #of}, started now and given by the supplier: from 50,000 subjects one task per
         * column is offered to the helper thread, and the supplier takes on this thread the
         * columns the helper has not started (each column's values are computed alike by either
         * thread); below, the supplier computes them all.
         */
        static Supplier<Centring> begin(double[][] x) {
            int p = x.length;
            int n = p == 0 ? 0 : x[0].length;
            if (n < TwoThreads.PARALLEL_THRESHOLD) {
                return () -> of(x);
            }
            double[] means = new double[p];
            double[] scale = new double[p];
            List<TwoThreads.Forked<Void>> columns = new ArrayList<>(p);
            for (int j = 0; j < p; j++) {
                int col = j;
                columns.add(TwoThreads.fork(() -> column(x[col], means, scale, col)));
            }
            return () -> {
                for (int j = p - 1; j >= 0; j--) { // the last offered first: the helper starts at the first
                    columns.get(j).join();
                }
                return new Centring(means, scale);
            };
        }

        /** Mean and factor of one column into means[j] and scale[j]. */
        private static void column(double[] col, double[] means, double[] scale, int j) {
            int n = col.length;
            boolean zeroOne = true;
            for (int i = 0; i < n; i++) {
                double v = col[i];
                if (v != 0 && v != 1 && v != -1) {
                    zeroOne = false;
                    break;
                }
            }
            double mean = 0;
            double factor = 1;
            if (!zeroOne) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += col[i];
                }
                mean = sum / n;
                double abs = 0;
                for (int i = 0; i < n; i++) {
                    abs += Math.abs(col[i] - mean);
                }
                factor = abs > 0 ? n / abs : 1.0; // rare case of a constant covariate
            }
            means[j] = mean;
            scale[j] = factor;
        }
    }

    /**
     * @param times sorted subjects
     * @param x     covariate columns, x[j][i] for input subject i (all finite)
     */
    CoxRiskSets(CoxTimeOrder times, double[][] x) {
        this(times, x, Centring.of(x));
    }

    /**
     * @param times    sorted subjects
     * @param x        covariate columns, x[j][i] for input subject i (all finite)
     * @param centring {@code Centring.of(x)} (computed beforehand, for example while sorting)
     */
    CoxRiskSets(CoxTimeOrder times, double[][] x, Centring centring) {
        this.times = times;
        this.p = x.length;
        int n = times.n;
        means = centring.means().clone();
        scale = centring.scale().clone();
        xc = new double[p][];
        int[] order = times.order;
        // x in sorted order, centred and scaled; from 50,000 subjects the later half of the
        // positions of every column on the helper thread (each value is computed alike by either)
        for (int j = 0; j < p; j++) {
            xc[j] = new double[n];
        }
        int half = n >= TwoThreads.PARALLEL_THRESHOLD ? n / 2 : n;
        TwoThreads.Forked<Void> later = half < n ? TwoThreads.fork(() -> sortColumns(x, order, half, n)) : null;
        sortColumns(x, order, 0, half);
        if (later != null) {
            later.join();
        }
        walk = new CoxRiskSetWalk(times, n >= TwoThreads.PARALLEL_THRESHOLD);
        eta = new double[n];
        risk = new double[n];
        info = new double[p * p];
    }

    /** xc[j][s] = (x[j][order[s]] - mean_j) * scale_j for the positions s in [from, to), every column. */
    private void sortColumns(double[][] x, int[] order, int from, int to) {
        for (int j = 0; j < p; j++) {
            double[] col = x[j];
            double mean = means[j];
            double factor = scale[j];
            double[] sorted = xc[j];
            for (int s = from; s < to; s++) { // gather: random reads, sequential writes
                sorted[s] = (col[order[s]] - mean) * factor;
            }
        }
    }

    /**
     * One pass at {@code beta} (on the scaled covariates). Fills the score {@code u} and the
     * information in the upper triangle {@code imat[j][i], j <= i} (the layout
     * {@link CoxCholesky#factor} reads) and returns the log partial likelihood.
     *
     * <p>At an event time with d deaths, R's {@code coxfit6_iter} adds the deaths' sums to the
     * risk set in d steps of 1/d (Efron; Breslow: one step of all of them). With
     * den_k = S0 + f_k D0, f_k = (k+1)/d, the d terms are summed here in closed form:
     * <pre>
     *   loglik -= sum_k log den_k
     *   U      -= S1 s0 + D1 s1                                  s_m = sum_k f_k^m / den_k
     *   I      += S2 s0 + D2 s1 - (S1 S1' q0 + (S1 D1' + D1 S1') q1 + D1 D1' q2),
     *                                                            q_m = sum_k f_k^m / den_k^2
     * </pre>
     * (S = risk set without the deaths, D = the deaths), which costs O(p^2) per event time
     * instead of per death; Breslow is the case f_k = 1.
     */
    double derivatives(double[] beta, boolean efron, double[] u, double[][] imat) {
        return derivatives(beta, efron, u, imat, null);
    }

    /**
     * As {@link #derivatives(double[], boolean, double[], double[][])}, and when {@code zph} is
     * given, the sums of the {@code cox.zph} test at the same beta in the same walk (the score
     * and information are the same values either way).
     */
    double derivatives(double[] beta, boolean efron, double[] u, double[][] imat, ZphSums zph) {
        Arrays.fill(u, 0.0);
        Arrays.fill(info, 0.0);
        double loglik;
        if (zph == null) {
            loglik = walk.run(xc, beta, eta, risk, efron, u, null, null, info, null);
        } else {
            Arrays.fill(zph.uTime, 0.0);
            Arrays.fill(zph.infoTime[0], 0.0);
            Arrays.fill(zph.infoTime[1], 0.0);
            loglik = walk.run(xc, beta, eta, risk, efron, u, zph.g, zph.uTime, info, zph.infoTime);
            System.arraycopy(u, 0, zph.u, 0, p);
            System.arraycopy(info, 0, zph.info, 0, p * p);
        }
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < p; i++) {
                imat[j][i] = info[j * p + i];
            }
        }
        return loglik;
    }

    /**
     * The sums of the {@code cox.zph} score test of all p columns at the beta of one walk: the
     * score U and information I of beta, the score of the g(t) x terms and the information
     * blocks sum g V and sum g^2 V (upper triangles, [j * p + i], j &lt;= i).
     */
    static final class ZphSums {
        /** g(t) per sorted position. */
        final double[] g;
        final double[] u;
        final double[] uTime;
        final double[] info;
        final double[][] infoTime;

        ZphSums(double[] g, int p) {
            this.g = g;
            u = new double[p];
            uTime = new double[p];
            info = new double[p * p];
            infoTime = new double[][] {new double[p * p], new double[p * p]};
        }
    }
}
