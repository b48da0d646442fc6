package org.hepatica.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Gray's k-sample test for equality of the cumulative incidence functions of one cause across
 * groups (Gray 1988, Ann. Statist. 16:1141-1154), optionally stratified, exactly as R
 * {@code cmprsk::cuminc} computes it (Fortran {@code crstm}/{@code crst}, default rho = 0).
 *
 * <p>Within a stratum, at each failure time, for group k with R_k at risk, S_k(t-) its all-cause
 * Kaplan-Meier, F_k(t-) its cumulative incidence of the cause, d1_k and d2_k failures from the
 * cause and from other causes:
 * <pre>
 *   h_k = R_k / S_k(t-),  tr = sum_k h_k,  tq = sum_k h_k (1 - F_k(t-)),  F = pooled F(t-) + d1 / tr
 *   score_k += (1 - F(t-))^rho (d1_k - d1 h_k (1 - F_k(t-)) / tq)          k = 1..g-1
 * </pre>
 * and the variance matrix of the scores is accumulated from the same quantities by Gray's
 * martingale representation (see {@code crst} in cmprsk's {@code crstm.f}; every line of the
 * loop below names its counterpart). Scores and variances add over strata; the statistic is
 * s' V^-1 s on g - 1 degrees of freedom.
 *
 * <p>Degenerate data give warnings, not exceptions: fewer than two groups with subjects (no
 * tests), a singular V (cmprsk reports -1; here statistic and pValue are null).
 * pValue is the upper tail computed directly; cmprsk prints {@code 1 - pchisq(stat, df)}, the
 * same number down to about 1e-16, below which R reports 0.
 *
 * <p>Immutable and thread-safe. Cost: one radix sort ({@link TimeOrder}; none when the caller
 * passes one) and O(n x causes x groups^2).
 */
public final class GrayTest {

    private final double rho;

    private GrayTest(double rho) {
        this.rho = rho;
    }

    /** Gray's test with cmprsk's default weight, rho = 0. */
    public static GrayTest create() {
        return new GrayTest(0.0);
    }

    /**
     * A copy with weight (1 - F(t-))^rho.
     *
     * @param rho finite
     */
    public GrayTest withRho(double rho) {
        Arguments.requireFinite("rho", rho);
        return new GrayTest(rho);
    }

    /** The weight exponent rho. */
    public double rho() {
        return rho;
    }

    /**
     * Unstratified tests ({@code cuminc(time, status, group)$Tests}).
     *
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1..k cause of failure
     * @param group group code of each subject, {@code 0..labels.length-1}
     * @param labels distinct group labels
     * @throws IllegalArgumentException on invalid input, naming the argument
     */
    public GrayTestResult test(double[] time, int[] status, int[] group, String[] labels) {
        return test(time, status, group, labels, null);
    }

    /**
     * Stratified tests ({@code cuminc(time, status, group, strata)$Tests}).
     *
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1..k cause of failure
     * @param group group code of each subject, {@code 0..labels.length-1}
     * @param labels distinct group labels
     * @param strata stratum code of each subject, {@code >= 0} (any codes; only equality
     *     matters), or null for no strata
     * @throws IllegalArgumentException on invalid input, naming the argument
     */
    public GrayTestResult test(double[] time, int[] status, int[] group, String[] labels,
            int[] strata) {
        return testWith(null, time, status, group, labels, strata);
    }

    /**
     * As {@link #test(double[], int[], int[], String[])}, with the time order computed once for
     * several estimators of the same sample; the result is identical.
     *
     * @param order {@code TimeOrder.of(time)}
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1..k cause of failure
     * @param group group code of each subject, {@code 0..labels.length-1}
     * @param labels distinct group labels
     * @throws IllegalArgumentException on invalid input, naming the argument, or when
     *     {@code order} is not the order of {@code time}
     */
    public GrayTestResult test(TimeOrder order, double[] time, int[] status, int[] group,
            String[] labels) {
        return test(order, time, status, group, labels, null);
    }

    /**
     * As {@link #test(double[], int[], int[], String[], int[])}, with the time order computed
     * once for several estimators of the same sample; the result is identical.
     *
     * @param order {@code TimeOrder.of(time)}
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1..k cause of failure
     * @param group group code of each subject, {@code 0..labels.length-1}
     * @param labels distinct group labels
     * @param strata stratum code of each subject, {@code >= 0}, or null for no strata
     * @throws IllegalArgumentException on invalid input, naming the argument, or when
     *     {@code order} is not the order of {@code time}
     */
    public GrayTestResult test(TimeOrder order, double[] time, int[] status, int[] group,
            String[] labels, int[] strata) {
        Arguments.requireNonNull("order", order);
        return testWith(order, time, status, group, labels, strata);
    }

    /** The tests; {@code order} null means sort here. */
    private GrayTestResult testWith(TimeOrder order, double[] time, int[] status, int[] group,
            String[] labels, int[] strata) {
        CumulativeIncidenceEstimator.checkCompetingRisks(time, status);
        Arguments.requireLabels("labels", labels);
        Arguments.requireGroupCodes("group", group, labels.length, "time", time.length);
        int levels = 1;
        if (strata != null) {
            Arguments.requireSameLength("strata", strata.length, "time", time.length);
            Arguments.requireNonNegative("strata", strata);
            strata = SortedSurvival.dense(strata);
            levels = SortedSurvival.levels(strata);
        }
        if (order != null) {
            Arguments.requireOrderOf("order", order, "time", time);
        }
        List<String> warnings = new ArrayList<>();
        // cuminc drops groups without subjects and numbers the others 0..ng-1
        int[] count = new int[labels.length];
        for (int g : group) {
            count[g]++;
        }
        int[] recode = new int[labels.length];
        int ng = 0;
        for (int g = 0; g < labels.length; g++) {
            if (count[g] == 0) {
                warnings.add("group " + labels[g] + " has no subjects");
                recode[g] = -1;
            } else {
                recode[g] = ng++;
            }
        }
        int[] causes = CumulativeIncidenceEstimator.causes(status);
        List<GrayTestResult.CauseTest> tests = new ArrayList<>();
        if (ng < 2) {
            warnings.add("fewer than two groups: no test");
            return new GrayTestResult(tests, warnings);
        }
        if (causes.length == 0) {
            warnings.add("no failures of any cause: no test");
        }
        int n = time.length;
        int[] g0 = new int[n];
        for (int i = 0; i < n; i++) {
            g0[i] = recode[group[i]];
        }
        if (order == null) {
            order = TimeOrder.of(time);
        }
        SortedSurvival sorted = SortedSurvival.of(order, status, g0, strata, levels);
        int[] start = sorted.start;
        int ng1 = ng - 1;
        for (int cause : causes) {
            double[] s = new double[ng1];
            double[][] v = new double[ng1][ng1];
            for (int st = 0; st < levels; st++) {
                if (start[st] < start[st + 1]) {
                    crst(sorted.time, sorted.status, sorted.group, start[st], start[st + 1], cause, ng,
                            s, v);
                }
            }
            for (int i = 0; i < ng1; i++) {
                for (int j = 0; j < i; j++) {
                    v[j][i] = v[i][j];
                }
            }
            double stat = LogRankTest.quadraticForm(v, s);
            String c = Integer.toString(cause);
            if (!Double.isFinite(stat)) {
                warnings.add("cause " + c + ": the variance matrix is singular: no test");
                tests.add(new GrayTestResult.CauseTest(c, null, null, ng1));
            } else {
                tests.add(new GrayTestResult.CauseTest(c, stat,
                        Distributions.chiSquareUpperTail(stat, ng1), ng1));
            }
        }
        return new GrayTestResult(tests, warnings);
    }

    /**
     * Fortran crst for one stratum (positions [from, to) of time-sorted arrays): adds the scores of
     * groups 0..ng-2 to {@code sOut} and their covariance to the lower triangle of {@code vOut}.
     */
    private void crst(double[] time, int[] status, int[] group, int from, int to, int cause,
            int ng, double[] sOut, double[][] vOut) {
        int ng1 = ng - 1;
        double[] rs = new double[ng];
        for (int i = from; i < to; i++) {
            rs[group[i]]++;
        }
        double[] f1m = new double[ng];
        double[] f1 = new double[ng];
        double[] skmm = new double[ng];
        double[] skm = new double[ng];
        double[] v3 = new double[ng];
        double[][] v2 = new double[ng1][ng];
        double[][] c = new double[ng][ng];
        double[][] a = new double[ng][ng];
        double[] d1 = new double[ng];
        double[] d2 = new double[ng];
        double[] s = new double[ng1];
        double[][] v = new double[ng1][ng1];
        java.util.Arrays.fill(skmm, 1.0);
        java.util.Arrays.fill(skm, 1.0);
        double fm = 0.0;
        double f = 0.0;
        int ll = from;
        while (ll < to) {
            double tl = time[ll];
            int lu = ll;
            while (lu < to && time[lu] == tl) {
                lu++;
            }
            // d: failures in each group from the cause (1) and from other causes (2)
            java.util.Arrays.fill(d1, 0.0);
            java.util.Arrays.fill(d2, 0.0);
            for (int i = ll; i < lu; i++) {
                int st = status[i];
                if (st == cause) {
                    d1[group[i]]++;
                } else if (st != 0) {
                    d2[group[i]]++;
                }
            }
            double nd1 = 0;
            double nd2 = 0;
            for (int g = 0; g < ng; g++) {
                nd1 += d1[g];
                nd2 += d2[g];
            }
            if (nd1 > 0 || nd2 > 0) {
                double tr = 0;
                double tq = 0;
                for (int g = 0; g < ng; g++) {
                    if (rs[g] <= 0) {
                        continue;
                    }
                    double td = d1[g] + d2[g];
                    skm[g] = skmm[g] * (rs[g] - td) / rs[g]; // right-continuous KM
                    f1[g] = f1m[g] + (skmm[g] * d1[g]) / rs[g]; // right-continuous cuminc
                    tr += rs[g] / skmm[g]; // tr = sum_r h_r
                    tq += rs[g] * (1 - f1m[g]) / skmm[g]; // tq = sum_r R_r
                }
                f = fm + nd1 / tr;
                double fb = Math.pow(1 - fm, rho);
                for (int i = 0; i < ng; i++) {
                    for (int j = i; j < ng; j++) {
                        a[i][j] = 0;
                    }
                    if (rs[i] <= 0) {
                        continue;
                    }
                    double t1 = rs[i] / skmm[i];
                    a[i][i] = fb * t1 * (1 - t1 / tr);
                    c[i][i] += a[i][i] * nd1 / (tr * (1 - fm));
                    for (int j = i + 1; j < ng; j++) {
                        if (rs[j] <= 0) {
                            continue;
                        }
                        a[i][j] = -fb * t1 * rs[j] / (skmm[j] * tr);
                        c[i][j] += a[i][j] * nd1 / (tr * (1 - fm));
                    }
                }
                for (int i = 1; i < ng; i++) {
                    for (int j = 0; j < i; j++) {
                        a[i][j] = a[j][i];
                        c[i][j] = c[j][i];
                    }
                }
                for (int i = 0; i < ng1; i++) {
                    if (rs[i] <= 0) {
                        continue;
                    }
                    // score: observed - expected failures from the cause
                    s[i] += fb * (d1[i] - nd1 * rs[i] * (1 - f1m[i]) / (skmm[i] * tq));
                }
                if (nd1 > 0) {
                    for (int k = 0; k < ng; k++) {
                        if (rs[k] <= 0) {
                            continue;
                        }
                        double t4 = 1;
                        if (skm[k] > 0) {
                            t4 = 1 - (1 - f) / skm[k];
                        }
                        double t5 = 1;
                        if (nd1 > 1) {
                            t5 = 1 - (nd1 - 1) / (tr * skmm[k] - 1);
                        }
                        double t3 = t5 * skmm[k] * nd1 / (tr * rs[k]);
                        v3[k] += t4 * t4 * t3;
                        for (int i = 0; i < ng1; i++) {
                            double t1 = a[i][k] - t4 * c[i][k];
                            v2[i][k] += t1 * t4 * t3;
                            for (int j = 0; j <= i; j++) {
                                double t2 = a[j][k] - t4 * c[j][k];
                                v[i][j] += t1 * t2 * t3;
                            }
                        }
                    }
                }
                if (nd2 > 0) {
                    for (int k = 0; k < ng; k++) {
                        if (skm[k] <= 0 || d2[k] <= 0) {
                            continue;
                        }
                        double t4 = (1 - f) / skm[k];
                        double t5 = 1;
                        if (d2[k] > 1) {
                            t5 = 1 - (d2[k] - 1.0) / (rs[k] - 1.0);
                        }
                        double t3 = t5 * ((skmm[k] * skmm[k]) * d2[k]) / (rs[k] * rs[k]);
                        v3[k] += t4 * t4 * t3;
                        for (int i = 0; i < ng1; i++) {
                            double t1 = t4 * c[i][k];
                            v2[i][k] -= t1 * t4 * t3;
                            for (int j = 0; j <= i; j++) {
                                double t2 = t4 * c[j][k];
                                v[i][j] += t1 * t2 * t3;
                            }
                        }
                    }
                }
            }
            if (lu >= to) {
                break;
            }
            for (int i = ll; i < lu; i++) {
                rs[group[i]]--;
            }
            fm = f;
            System.arraycopy(f1, 0, f1m, 0, ng);
            System.arraycopy(skm, 0, skmm, 0, ng);
            ll = lu;
        }
        // label 30: add the terms that involve the accumulated c
        for (int i = 0; i < ng1; i++) {
            for (int j = 0; j <= i; j++) {
                for (int k = 0; k < ng; k++) {
                    v[i][j] += c[i][k] * c[j][k] * v3[k];
                    v[i][j] += c[i][k] * v2[j][k];
                    v[i][j] += c[j][k] * v2[i][k];
                }
            }
        }
        for (int i = 0; i < ng1; i++) {
            sOut[i] += s[i];
            for (int j = 0; j <= i; j++) {
                vOut[i][j] += v[i][j];
            }
        }
    }
}
