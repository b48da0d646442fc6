package org.hepatica.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aalen-Johansen estimator of the cumulative incidence function of each cause of failure in
 * competing-risks data, by group, with the variance that R {@code cmprsk::cuminc} reports
 * (Fortran {@code cinc}, Gray 2000; the delta-method variance of Dinse and Larson 1986 /
 * Gaynor et al. 1993 in Gray's implementation).
 *
 * <p>Within a group, at each distinct time t_j with n_j at risk, d1_j failures from the cause
 * of interest and d2_j from other causes (d_j = d1_j + d2_j), S the all-cause Kaplan-Meier
 * (S_- before t_j, S_+ after):
 * <pre>
 *   F(t)  = sum_{t_j &lt;= t} S_-(t_j) d1_j / n_j
 *   other causes (d2 &gt; 0, S_+ &gt; 0):  w = S_-^2 (1 - (d2-1)/(n-1)) d2 / n^2,
 *       v1 += (F/S_+)^2 w,   v2 += F/S_+^2 w,   v3 += w / S_+^2
 *   this cause (d1 &gt; 0):             w = S_-^2 (1 - (d1-1)/(n-1)) d1 / n^2, a = 1/S_+ (0 if S_+ = 0),
 *       v1 += (1 + a F)^2 w,   v2 += a (1 + a F) w,   v3 += a^2 w
 *   Var F(t_j) = v1 + F^2 v3 - 2 F v2      (recorded at the times with d1 &gt; 0)
 * </pre>
 * with F already updated at t_j. Estimates and variances at requested times are those at the
 * last failure time of the cause &lt;= t ({@code cmprsk::timepoints}); a time after the group's
 * last follow-up gives null (R: NA).
 *
 * <p>Curves are cause-major, named {@code "GROUP CAUSE"} (e.g. {@code "RFA+RT 1"}), for each
 * cause code that occurs in the data. Censored subjects have status 0.
 *
 * <p>Immutable and thread-safe. Cost: one radix sort ({@link TimeOrder}; none when the caller
 * passes one) and O(n x causes).
 */
public final class CumulativeIncidenceEstimator {

    private final double[] times;

    private CumulativeIncidenceEstimator(double[] times) {
        this.times = times;
    }

    /**
     * An estimator that reports each curve at its own failure times (the jumps of the curve).
     */
    public static CumulativeIncidenceEstimator create() {
        return new CumulativeIncidenceEstimator(null);
    }

    /**
     * A copy that reports every curve at these times (sorted, duplicates dropped, as
     * {@code timepoints}).
     *
     * @param times finite, &gt;= 0, at least one
     */
    public CumulativeIncidenceEstimator withTimes(double... times) {
        Arguments.requireFiniteNonNegative("times", times);
        if (times.length == 0) {
            throw new IllegalArgumentException("times must not be empty");
        }
        return new CumulativeIncidenceEstimator(Arrays.stream(times).sorted().distinct()
                .toArray());
    }

    /**
     * Fits the curves of one group labelled {@value KaplanMeierEstimator#ALL}.
     *
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1..k cause of failure
     * @throws IllegalArgumentException on invalid input, naming the argument
     */
    public CumulativeIncidenceResult fit(double[] time, int[] status) {
        return fit(time, status, new int[time == null ? 0 : time.length],
                new String[] {KaplanMeierEstimator.ALL});
    }

    /**
     * Fits one curve per cause and group.
     *
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1..k cause of failure
     * @param group group code of each subject, {@code 0..labels.length-1}
     * @param labels distinct group labels; a group without subjects gets no curve
     * @throws IllegalArgumentException on invalid input, naming the argument
     */
    public CumulativeIncidenceResult fit(double[] time, int[] status, int[] group,
            String[] labels) {
        checkCompetingRisks(time, status);
        Arguments.requireLabels("labels", labels);
        Arguments.requireGroupCodes("group", group, labels.length, "time", time.length);
        return fit(TimeOrder.of(time), status, group, labels);
    }

    /**
     * As {@link #fit(double[], int[])}, with the time order computed once for several
     * estimators of the same sample; the curves are identical.
     *
     * @param order {@code TimeOrder.of(time)}
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1..k cause of failure
     * @throws IllegalArgumentException on invalid input, naming the argument, or when
     *     {@code order} is not the order of {@code time}
     */
    public CumulativeIncidenceResult fit(TimeOrder order, double[] time, int[] status) {
        return fit(order, time, status, new int[time == null ? 0 : time.length],
                new String[] {KaplanMeierEstimator.ALL});
    }

    /**
     * As {@link #fit(double[], int[], int[], String[])}, with the time order computed once for
     * several estimators of the same sample; the curves are identical.
     *
     * @param order {@code TimeOrder.of(time)}
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1..k cause of failure
     * @param group group code of each subject, {@code 0..labels.length-1}
     * @param labels distinct group labels; a group without subjects gets no curve
     * @throws IllegalArgumentException on invalid input, naming the argument, or when
     *     {@code order} is not the order of {@code time}
     */
    public CumulativeIncidenceResult fit(TimeOrder order, double[] time, int[] status,
            int[] group, String[] labels) {
        checkCompetingRisks(time, status);
        Arguments.requireLabels("labels", labels);
        Arguments.requireGroupCodes("group", group, labels.length, "time", time.length);
        Arguments.requireOrderOf("order", order, "time", time);
        return fit(order, status, group, labels);
    }

    /** The curves, on checked input. */
    private CumulativeIncidenceResult fit(TimeOrder order, int[] status, int[] group,
            String[] labels) {
        List<String> warnings = new ArrayList<>();
        int[] causes = causes(status);
        if (causes.length == 0) {
            warnings.add("no failures of any cause: no curves");
        }
        SortedSurvival sorted = SortedSurvival.of(order, status, null, group, labels.length);
        int[] start = sorted.start;
        for (int g = 0; g < labels.length; g++) {
            if (start[g] == start[g + 1]) {
                warnings.add("group " + labels[g] + " has no subjects: no curves");
            } else if (times != null
                    && times[times.length - 1] > sorted.time[start[g + 1] - 1]) {
                warnings.add("group " + labels[g] + ": times after its last follow-up ("
                        + sorted.time[start[g + 1] - 1] + ") have no estimate");
            }
        }
        List<CumulativeIncidenceResult.Curve> curves = new ArrayList<>();
        for (int cause : causes) {
            for (int g = 0; g < labels.length; g++) {
                if (start[g] < start[g + 1]) {
                    curves.add(curve(sorted.time, sorted.status, start[g], start[g + 1], cause,
                            labels[g]));
                }
            }
        }
        return new CumulativeIncidenceResult(curves, warnings);
    }

    static void checkCompetingRisks(double[] time, int[] status) {
        Arguments.requireFiniteNonNegative("time", time);
        Arguments.requireNonNull("status", status);
        Arguments.requireSameLength("status", status.length, "time", time.length);
        Arguments.requireNonNegative("status", status);
    }

    /** The distinct non-zero status codes, ascending. */
    static int[] causes(int[] status) {
        return Arrays.stream(status).filter(s -> s != 0).distinct().sorted().toArray();
    }

    /** Fortran cinc for one cause, positions [from, to) of time-sorted arrays; then timepoints. */
    private CumulativeIncidenceResult.Curve curve(double[] time, int[] status, int from, int to,
            int cause, String label) {
        int n = to - from;
        // jump points: time, estimate, variance (at most one per distinct time)
        double[] jt = new double[16];
        double[] jf = new double[16];
        double[] jv = new double[16];
        int jumps = 0;
        double fk = 1.0; // all-cause Kaplan-Meier S(t-)
        double f = 0.0;
        double v1 = 0.0;
        double v2 = 0.0;
        double v3 = 0.0;
        double rs = n;
        int i = from;
        while (i < to) {
            double ti = time[i];
            int nd1 = 0;
            int nd2 = 0;
            int j = i;
            while (j < to && time[j] == ti) {
                int s = status[j];
                if (s == cause) {
                    nd1++;
                } else if (s != 0) {
                    nd2++;
                }
                j++;
            }
            int nd = nd1 + nd2;
            if (nd > 0) {
                double fkn = fk * (rs - nd) / rs; // S(t+)
                if (nd1 > 0) {
                    f = f + fk * nd1 / rs; // F(t) = F(t-) + S(t-) d1 / n
                }
                if (nd2 > 0 && fkn > 0) {
                    double t5 = nd2 > 1 ? 1 - (nd2 - 1.0) / (rs - 1.0) : 1.0;
                    double t6 = fk * fk * t5 * nd2 / (rs * rs);
                    double t3 = 1.0 / fkn;
                    double t4 = f / fkn;
                    v1 += t4 * t4 * t6;
                    v2 += t3 * t4 * t6;
                    v3 += t3 * t3 * t6;
                }
                if (nd1 > 0) {
                    double t5 = nd1 > 1 ? 1 - (nd1 - 1.0) / (rs - 1.0) : 1.0;
                    double t6 = fk * fk * t5 * nd1 / (rs * rs);
                    double t3 = fkn > 0 ? 1.0 / fkn : 0.0;
                    double t4 = 1 + t3 * f;
                    v1 += t4 * t4 * t6;
                    v2 += t3 * t4 * t6;
                    v3 += t3 * t3 * t6;
                    if (jumps == jt.length) {
                        jt = Arrays.copyOf(jt, jumps * 2);
                        jf = Arrays.copyOf(jf, jumps * 2);
                        jv = Arrays.copyOf(jv, jumps * 2);
                    }
                    jt[jumps] = ti;
                    jf[jumps] = f;
                    jv[jumps] = v1 + f * f * v3 - 2 * f * v2; // Var F = v1 + F^2 v3 - 2 F v2
                    jumps++;
                }
                fk = fkn;
            }
            rs -= j - i;
            i = j;
        }
        double lastTime = time[to - 1];
        double[] jumpTimes = Arrays.copyOf(jt, jumps);
        double[] at = times != null ? times : jumpTimes;
        List<Double> ts = new ArrayList<>(at.length);
        List<Double> est = new ArrayList<>(at.length);
        List<Double> var = new ArrayList<>(at.length);
        for (double t : at) {
            ts.add(t);
            if (t > lastTime) {
                est.add(null); // timepoints(): NA after the last follow-up
                var.add(null);
                continue;
            }
            int k = KaplanMeierEstimator.upperBound(jumpTimes, t); // last jump <= t
            est.add(k == 0 ? 0.0 : jf[k - 1]);
            var.add(k == 0 ? 0.0 : jv[k - 1]);
        }
        String c = Integer.toString(cause);
        return new CumulativeIncidenceResult.Curve(label + " " + c, label, c, ts, est, var);
    }
}
