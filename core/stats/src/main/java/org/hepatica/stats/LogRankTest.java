package org.hepatica.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The k-sample log-rank test, optionally stratified, and its Fleming-Harrington G-rho
 * generalisation, as R {@code survdiff} (survival 3.5, {@code survdiff2.c}).
 *
 * <p>Within each stratum, at each distinct time t with n at risk and d events, of which n_g at
 * risk and d_g events in group g, and weight w = S(t-)^rho (S the pooled Kaplan-Meier of the
 * stratum, left-continuous; w = 1 for the log-rank test, rho = 0):
 * <pre>
 *   O_g  += w d_g
 *   E_g  += w d n_g / n
 *   V_gh += w^2 d (n - d) / (n^2 (n - 1)) n_g (n delta_gh - n_h)      (only when n &gt; 1)
 * </pre>
 * O, E and V are summed over strata. Groups with E_g = 0 are dropped; with the first remaining
 * group left out, chiSquare = (O - E)' V^-1 (O - E) on df = (remaining groups - 1), and
 * pValue = P(chi-square(df) &gt; chiSquare).
 *
 * <p>Degenerate data give a result with warnings instead of an exception: fewer than two groups
 * with expected events (no test: chiSquare and pValue null), a singular V (e.g. every subject
 * at risk fails at the only shared event time: null statistic; R's {@code solve} stops there).
 *
 * <p>Immutable and thread-safe. Cost: one radix sort ({@link TimeOrder}; none when the caller
 * passes one), O(n + distinct times x groups^2).
 */
public final class LogRankTest {

    private final double rho;

    private LogRankTest(double rho) {
        this.rho = rho;
    }

    /** The log-rank test (rho = 0). */
    public static LogRankTest create() {
        return new LogRankTest(0.0);
    }

    /**
     * A copy with Fleming-Harrington weights S(t-)^rho (rho = 1: Peto-Peto / Gehan-Wilcoxon-like).
     *
     * @param rho finite
     */
    public LogRankTest withRho(double rho) {
        Arguments.requireFinite("rho", rho);
        return new LogRankTest(rho);
    }

    /** The weight exponent rho. */
    public double rho() {
        return rho;
    }

    /**
     * Unstratified test ({@code survdiff(Surv(time, status) ~ group)}).
     *
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1 event
     * @param group group code of each subject, {@code 0..labels.length-1}
     * @param labels distinct group labels
     * @throws IllegalArgumentException on invalid input, naming the argument
     */
    public LogRankResult test(double[] time, int[] status, int[] group, String[] labels) {
        return test(time, status, group, labels, null);
    }

    /**
     * As {@link #test(double[], int[], int[], String[])}, with the time order computed once for
     * several estimators of the same sample; the result is identical.
     *
     * @param order {@code TimeOrder.of(time)}
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1 event
     * @param group group code of each subject, {@code 0..labels.length-1}
     * @param labels distinct group labels
     * @throws IllegalArgumentException on invalid input, naming the argument, or when
     *     {@code order} is not the order of {@code time}
     */
    public LogRankResult test(TimeOrder order, double[] time, int[] status, int[] group,
            String[] labels) {
        return test(order, time, status, group, labels, null);
    }

    /**
     * Stratified test ({@code survdiff(Surv(time, status) ~ group + strata(s))}).
     *
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1 event
     * @param group group code of each subject, {@code 0..labels.length-1}
     * @param labels distinct group labels
     * @param strata stratum code of each subject, {@code >= 0} (any codes; only equality
     *     matters), or null for no strata
     * @throws IllegalArgumentException on invalid input, naming the argument
     */
    public LogRankResult test(double[] time, int[] status, int[] group, String[] labels,
            int[] strata) {
        return testWith(null, time, status, group, labels, strata);
    }

    /**
     * As {@link #test(double[], int[], int[], String[], int[])}, with the time order computed
     * once for several estimators of the same sample; the result is identical.
     *
     * @param order {@code TimeOrder.of(time)}
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1 event
     * @param group group code of each subject, {@code 0..labels.length-1}
     * @param labels distinct group labels
     * @param strata stratum code of each subject, {@code >= 0}, or null for no strata
     * @throws IllegalArgumentException on invalid input, naming the argument, or when
     *     {@code order} is not the order of {@code time}
     */
    public LogRankResult test(TimeOrder order, double[] time, int[] status, int[] group,
            String[] labels, int[] strata) {
        Arguments.requireNonNull("order", order);
        return testWith(order, time, status, group, labels, strata);
    }

    /** The test; {@code order} null means sort here. */
    private LogRankResult testWith(TimeOrder order, double[] time, int[] status, int[] group,
            String[] labels, int[] strata) {
        Arguments.requireFiniteNonNegative("time", time);
        Arguments.requireNonNull("status", status);
        Arguments.requireSameLength("status", status.length, "time", time.length);
        Arguments.requireCodes("status", status, 1);
        Arguments.requireLabels("labels", labels);
        Arguments.requireGroupCodes("group", group, labels.length, "time", time.length);
        int levels = 1;
        if (strata != null) {
            Arguments.requireSameLength("strata", strata.length, "time", time.length);
            Arguments.requireNonNegative("strata", strata);
            strata = SortedSurvival.dense(strata);
            levels = SortedSurvival.levels(strata);
        }
        if (order == null) {
            order = TimeOrder.of(time);
        } else {
            Arguments.requireOrderOf("order", order, "time", time);
        }
        int ng = labels.length;
        SortedSurvival sorted = SortedSurvival.of(order, status, group, strata, levels);
        double[] obs = new double[ng];
        double[] exp = new double[ng];
        double[] var = new double[ng * ng];
        double[] risk = new double[ng];
        double[] kaplan = rho != 0.0 ? new double[time.length] : null;
        for (int s = 0; s < levels; s++) {
            stratum(sorted, sorted.start[s], sorted.start[s + 1], obs, exp, var, risk, kaplan);
        }
        return result(labels, obs, exp, var, countSubjects(group, ng));
    }

    private static int[] countSubjects(int[] group, int ng) {
        int[] count = new int[ng];
        for (int g : group) {
            count[g]++;
        }
        return count;
    }

    /** survdiff2.c for one stratum: positions [from, to) of the time-sorted sample. */
    private void stratum(SortedSurvival sorted, int from, int to, double[] obs, double[] exp,
            double[] var, double[] risk, double[] kaplan) {
        double[] time = sorted.time;
        int[] status = sorted.status;
        int[] group = sorted.group;
        int ng = risk.length;
        java.util.Arrays.fill(risk, 0.0);
        if (kaplan != null) {
            // left-continuous pooled Kaplan-Meier of the stratum
            double km = 1.0;
            int i = from;
            while (i < to) {
                double nrisk = to - i;
                double deaths = 0;
                int j = i;
                double ti = time[i];
                while (j < to && time[j] == ti) {
                    kaplan[j] = km;
                    deaths += status[j];
                    j++;
                }
                km = km * (nrisk - deaths) / nrisk;
                i = j;
            }
        }
        // backward over the distinct times, so risk[g] = number in g with time >= t
        int i = to - 1;
        while (i >= from) {
            double wt = kaplan == null ? 1.0 : Math.pow(kaplan[i], rho);
            int deaths = 0;
            double ti = time[i];
            int j = i;
            while (j >= from && time[j] == ti) {
                int k = group[j];
                risk[k] += 1;
                if (status[j] != 0) {
                    deaths++;
                    obs[k] += wt; // O_g += w d_g
                }
                j--;
            }
            i = j;
            double nrisk = to - (j + 1);
            if (deaths > 0) {
                double e = wt * deaths / nrisk;
                for (int k = 0; k < ng; k++) {
                    exp[k] += e * risk[k]; // E_g += w d n_g / n
                }
                if (nrisk == 1) {
                    continue; // one subject at risk: no variance
                }
                // V_gh += w^2 d (n - d) / (n^2 (n - 1)) * n_g (n delta_gh - n_h)
                double f = wt * wt * deaths * (nrisk - deaths) / (nrisk * nrisk * (nrisk - 1));
                for (int g = 0; g < ng; g++) {
                    double fg = f * risk[g];
                    if (fg == 0.0) {
                        continue;
                    }
                    int row = g * ng;
                    var[row + g] += fg * nrisk;
                    for (int h = 0; h < ng; h++) {
                        var[row + h] -= fg * risk[h];
                    }
                }
            }
        }
    }

    private static LogRankResult result(String[] labels, double[] obs, double[] exp,
            double[] var, int[] subjects) {
        int ng = labels.length;
        List<String> warnings = new ArrayList<>();
        for (int g = 0; g < ng; g++) {
            if (subjects[g] == 0) {
                warnings.add("group " + labels[g] + " has no subjects");
            }
        }
        // keep groups with E > 0, then drop the first of them (survdiff.R)
        int[] keep = new int[ng];
        int m = 0;
        for (int g = 0; g < ng; g++) {
            if (exp[g] > 0) {
                keep[m++] = g;
            }
        }
        Double chi = null;
        Double p = null;
        int df = Math.max(m - 1, 0);
        if (m < 2) {
            warnings.add("fewer than two groups have events expected: no test");
        } else {
            int k = m - 1;
            double[][] a = new double[k][k];
            double[] b = new double[k];
            for (int r = 0; r < k; r++) {
                int gr = keep[r + 1];
                b[r] = obs[gr] - exp[gr];
                for (int c = 0; c < k; c++) {
                    a[r][c] = var[gr * ng + keep[c + 1]];
                }
            }
            double q = quadraticForm(a, b); // (O - E)' V^-1 (O - E)
            if (Double.isNaN(q)) {
                warnings.add("the variance matrix is singular (no event time where the"
                        + " groups share the risk set and not everyone fails): no test");
            } else {
                chi = q;
                p = Distributions.chiSquareUpperTail(q, df);
            }
        }
        List<Double> o = new ArrayList<>(ng);
        List<Double> e = new ArrayList<>(ng);
        for (int g = 0; g < ng; g++) {
            o.add(obs[g]);
            e.add(exp[g]);
        }
        return new LogRankResult(List.of(labels), chi, df, p, o, e, warnings);
    }

    /**
     * s' V^-1 s (V symmetric, k x k; used by the log-rank and Gray tests).
     *
     * @return NaN when V is singular: a pivot at most 1e-10 times the largest |V_ij|, or V = 0
     */
    static double quadraticForm(double[][] v, double[] s) {
        double[] x = GaussianElimination.solve(v, s, 1e-10);
        if (x == null) {
            return Double.NaN;
        }
        double q = 0.0;
        for (int r = 0; r < s.length; r++) {
            q += x[r] * s[r];
        }
        return q;
    }
}
