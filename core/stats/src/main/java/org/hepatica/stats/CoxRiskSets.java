package org.hepatica.stats;

import java.util.Arrays;

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

    private static final double LN2 = Math.log(2.0);

    final CoxTimeOrder times;
    /** Number of covariate columns. */
    final int p;
    /** Centred and scaled covariates by sorted position: xc[j][s]. */
    final double[][] xc;
    /** Column means subtracted (0 for unscaled columns). */
    final double[] means;
    /** Factor each column was multiplied by (1 for unscaled columns). */
    final double[] scale;

    private final double[] eta;
    private final double[] risk;
    private final double[] a;
    private final double[] a2;
    private final double[] cmat;
    private final double[] cmat2;
    private final double[] info;
    private final CoxRangeSums sums = new CoxRangeSums();

    /**
     * @param times sorted subjects
     * @param x     covariate columns, x[j][i] for input subject i (all finite)
     */
    CoxRiskSets(CoxTimeOrder times, double[][] x) {
        this.times = times;
        this.p = x.length;
        int n = times.n;
        means = new double[p];
        scale = new double[p];
        xc = new double[p][];
        int[] order = times.order;
        int[] position = new int[n];
        for (int s = 0; s < n; s++) {
            position[order[s]] = s;
        }
        for (int j = 0; j < p; j++) {
            double[] col = x[j];
            boolean zeroOne = true;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double v = col[i];
                sum += v;
                if (v != 0 && v != 1 && v != -1) {
                    zeroOne = false;
                }
            }
            double mean = 0;
            double factor = 1;
            if (!zeroOne) {
                mean = sum / n;
                double abs = 0;
                for (int i = 0; i < n; i++) {
                    abs += Math.abs(col[i] - mean);
                }
                factor = abs > 0 ? n / abs : 1.0; // rare case of a constant covariate
            }
            means[j] = mean;
            scale[j] = factor;
            double[] sorted = new double[n];
            for (int i = 0; i < n; i++) { // scatter: sequential reads, buffered random writes
                sorted[position[i]] = (col[i] - mean) * factor;
            }
            xc[j] = sorted;
        }
        eta = new double[n];
        risk = new double[n];
        a = new double[p];
        a2 = new double[p];
        cmat = new double[p * p];
        cmat2 = new double[p * p];
        info = new double[p * p];
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
        linearPredictor(xc, beta, eta, risk);
        Arrays.fill(u, 0.0);
        Arrays.fill(info, 0.0);
        double loglik = walk(xc, eta, risk, efron, u, null, null, times, sums, a, a2, cmat, cmat2, info, null);
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < p; i++) {
                imat[j][i] = info[j * p + i];
            }
        }
        return loglik;
    }

    /** eta = X beta by position (column sweeps), risk = exp(eta). */
    static void linearPredictor(double[][] cols, double[] beta, double[] eta, double[] risk) {
        Arrays.fill(eta, 0.0);
        for (int j = 0; j < cols.length; j++) {
            double b = beta[j];
            if (b == 0) {
                continue;
            }
            double[] col = cols[j];
            for (int s = 0; s < eta.length; s++) {
                eta[s] += b * col[s];
            }
        }
        for (int s = 0; s < eta.length; s++) {
            risk[s] = Math.exp(eta[s]);
        }
    }

    /**
     * The backward walk shared by the fit and the zph test. For each event time: the censored
     * subjects since the previous (later) event time join the sums, the deaths' sums are
     * formed, the Efron/Breslow terms are added, then the deaths join the risk set.
     *
     * @param u       score, length p (or 2p with {@code gt})
     * @param gt      time weight per position for the zph test, or null
     * @param uTime   when {@code gt} is given: the score of the g(t) x terms, length p
     * @param info    p x p information (upper triangle, [j * p + i], j &lt;= i)
     * @param infoTime when {@code gt} is given: {sum g V, sum g^2 V} in the same layout
     * @return the log partial likelihood
     */
    static double walk(double[][] cols, double[] eta, double[] risk, boolean efron, double[] u,
                       double[] gt, double[] uTime, CoxTimeOrder times, CoxRangeSums sums,
                       double[] a, double[] a2, double[] cmat, double[] cmat2, double[] info,
                       double[][] infoTime) {
        final int p = cols.length;
        final int[] groupStart = times.groupStart;
        final int[] groupEvents = times.groupEvents;
        double loglik = 0;
        double denom = 0;
        int hi = times.n; // the censored in [censoredStart, hi) have not joined the sums yet
        for (int g = times.nGroups - 1; g >= 0; g--) {
            if (times.lastInStratum[g]) { // a new stratum: empty risk set
                denom = 0;
                Arrays.fill(a, 0.0);
                Arrays.fill(cmat, 0.0);
                hi = groupStart[g + 1];
            }
            int ndead = groupEvents[g];
            if (ndead == 0) {
                continue;
            }
            int start = groupStart[g];
            int censoredStart = start + ndead;
            // censored since the last event time, including those tied with this one
            denom += sums.add(risk, censoredStart, hi, cols, a, cmat); // S0, S1, S2
            hi = start;
            Arrays.fill(a2, 0.0);
            Arrays.fill(cmat2, 0.0);
            double denom2 = sums.add(risk, start, censoredStart, cols, a2, cmat2); // D0, D1, D2
            for (int s = start; s < censoredStart; s++) {
                loglik += eta[s]; // sum over deaths of x'beta
            }
            double wt = gt == null ? 1.0 : gt[start];
            if (gt == null) {
                CoxRangeSums.columnSums(cols, start, censoredStart, u); // sum over deaths of x
            } else {
                for (int i = 0; i < p; i++) {
                    double sx = CoxRangeSums.sum(cols[i], start, ndead);
                    u[i] += sx;
                    uTime[i] += wt * sx; // g(t) x of the deaths
                }
            }
            // the d terms of Efron (f_k = (k+1)/d) or Breslow (f_k = 1), in closed form
            double s0 = 0;
            double s1 = 0;
            double q0 = 0;
            double q1 = 0;
            double q2 = 0;
            if (!efron || ndead == 1) {
                double den = denom + denom2;
                double inv = 1.0 / den;
                loglik -= ndead * Math.log(den);
                s0 = ndead * inv;
                s1 = s0;
                q0 = ndead * inv * inv;
                q1 = q0;
                q2 = q0;
            } else {
                // sum_k log den_k as the log of a product, kept in range by its binary exponent
                double product = 1;
                int exponent = 0;
                for (int k = 0; k < ndead; k++) {
                    double f = (k + 1.0) / ndead;
                    double den = denom + f * denom2;
                    double inv = 1.0 / den;
                    product *= den;
                    if ((k & 7) == 7) {
                        int e = Math.getExponent(product);
                        exponent += e;
                        product = Math.scalb(product, -e);
                    }
                    s0 += inv;
                    s1 += f * inv;
                    double inv2 = inv * inv;
                    q0 += inv2;
                    q1 += f * inv2;
                    q2 += f * f * inv2;
                }
                loglik -= Math.log(product) + exponent * LN2;
            }
            for (int i = 0; i < p; i++) {
                double ai = a[i];
                double bi = a2[i];
                double mean = ai * s0 + bi * s1; // sum over the d terms of S1/S0
                u[i] -= mean;
                if (gt != null) {
                    uTime[i] -= wt * mean;
                }
                int row = i * p;
                for (int j = 0; j <= i; j++) {
                    double aj = a[j];
                    double bj = a2[j];
                    double v = cmat[row + j] * s0 + cmat2[row + j] * s1
                            - (ai * aj * q0 + (ai * bj + bi * aj) * q1 + bi * bj * q2); // S2/S0 - mean mean'
                    info[j * p + i] += v;
                    if (gt != null) {
                        infoTime[0][j * p + i] += wt * v;
                        infoTime[1][j * p + i] += wt * wt * v;
                    }
                }
            }
            denom += denom2; // the deaths stay in the risk set of earlier times
            for (int i = 0; i < p; i++) {
                a[i] += a2[i];
            }
            for (int c = 0; c < p * p; c++) {
                cmat[c] += cmat2[c];
            }
        }
        return loglik;
    }
}
