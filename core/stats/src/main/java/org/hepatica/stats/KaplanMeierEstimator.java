package org.hepatica.stats;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Kaplan-Meier (product-limit) estimator of the survival function, with Greenwood variance,
 * pointwise confidence intervals, median, landmark survival and restricted mean, matching R
 * {@code survival} 3.5 ({@code survfit}, {@code summary.survfit}, {@code print.survfit}).
 *
 * <p>At each distinct time t_j with n_j at risk, d_j events and c_j censorings (censored at t_j
 * count as at risk for the events at t_j):
 * <pre>
 *   S(t)        = prod_{t_j &lt;= t} (n_j - d_j) / n_j
 *   G(t)        = sum_{t_j &lt;= t, d_j &gt; 0} d_j / (n_j (n_j - d_j))   Greenwood; +inf once n_j = d_j
 *   se(log S)   = sqrt(G(t));   stdErr reported = se(S) = S(t) sqrt(G(t))
 * </pre>
 * Confidence intervals at level 1 - alpha, z = qnorm(1 - alpha/2), as R {@code survfit_confint}
 * with {@code conf.lower = "usual"}:
 * <pre>
 *   plain:   S -/+ z S sqrt(G), clipped to [0, 1]
 *   log:     exp(log S -/+ z sqrt(G)), upper clipped at 1; undefined where S = 0
 *   log-log: exp(-exp(log(-log S) -/+ z sqrt(G) / log S)); undefined where S = 0 or S = 1
 * </pre>
 * Median (R {@code print.survfit}, its helper {@code minmin}): the first time the curve is below
 * 0.5 + sqrt(machine epsilon); if the curve there equals 0.5 (within that tolerance) and drops
 * later, the mid-point of that time and the next time the curve drops. The limits apply the same
 * rule to the lower and upper confidence curves; each is null when not reached.
 *
 * <p>Landmark survival at time t ({@code summary.survfit(fit, times, extend = TRUE)}): S, its
 * standard error and limits at the last curve time &lt;= t (1, 0, 1, 1 before the first), and
 * n at risk = the number whose time is &gt;= t (0 after the last follow-up).
 *
 * <p>Restricted mean to tau ({@code print(fit, rmean = tau)}, {@code survmean}): the area under S
 * from 0 to tau, with variance sum_j A_j^2 d_j / (n_j (n_j - d_j)) over times t_j &lt;= tau, where
 * A_j is the area under S from t_j to tau (terms with n_j = d_j contribute 0).
 *
 * <p>Differences from R: times are not merged by {@code aeqSurv} (R's {@code timefix}), which
 * only matters for times that differ by less than about 1e-8 relative; a tau before the first
 * time gives tau (R stops with an error).
 *
 * <p>Immutable and thread-safe. Cost: one radix sort ({@link TimeOrder}; none when the caller
 * passes one shared with other estimators), O(n) work and memory; the confidence limits of the
 * table are computed when a row is read.
 */
public final class KaplanMeierEstimator {

    /** Label of the ungrouped curve. */
    public static final String ALL = "all";

    /** sqrt(.Machine$double.eps), the tolerance of R's median rule. */
    private static final double MEDIAN_TOLERANCE = Math.sqrt(Math.ulp(1.0));

    /** The confidence-interval transform (R {@code survfit(conf.type = )}). */
    public enum ConfType {
        /** Interval on the log survival scale, R's default. */
        LOG("log"),
        /** Interval on the log(-log) scale. */
        LOG_LOG("log-log"),
        /** Symmetric interval on the survival scale. */
        PLAIN("plain");

        private final String label;

        ConfType(String label) {
            this.label = label;
        }

        /** The name used by R and by the API: {@code log}, {@code log-log}, {@code plain}. */
        public String label() {
            return label;
        }

        /** The R / API name, as {@link #label()}. */
        @Override
        public String toString() {
            return label;
        }

        /**
         * Parses the R / API name.
         *
         * @throws IllegalArgumentException for any other name
         */
        public static ConfType of(String label) {
            for (ConfType t : values()) {
                if (t.label.equals(label)) {
                    return t;
                }
            }
            throw new IllegalArgumentException(
                    "confType must be one of log, log-log, plain, was " + label);
        }
    }

    private final ConfType confType;
    private final double confLevel;
    private final double[] landmarks;
    private final double tau;

    private KaplanMeierEstimator(ConfType confType, double confLevel, double[] landmarks,
            double tau) {
        this.confType = confType;
        this.confLevel = confLevel;
        this.landmarks = landmarks;
        this.tau = tau;
    }

    /** An estimator with R's defaults: log intervals, 95 %, no landmarks, no restricted mean. */
    public static KaplanMeierEstimator create() {
        return new KaplanMeierEstimator(ConfType.LOG, 0.95, new double[0], Double.NaN);
    }

    /** A copy with another confidence-interval transform. */
    public KaplanMeierEstimator withConfType(ConfType type) {
        Arguments.requireNonNull("confType", type);
        return new KaplanMeierEstimator(type, confLevel, landmarks, tau);
    }

    /**
     * A copy with another confidence level.
     *
     * @param level strictly between 0 and 1
     */
    public KaplanMeierEstimator withConfLevel(double level) {
        Arguments.requireProbability("confLevel", level);
        return new KaplanMeierEstimator(confType, level, landmarks, tau);
    }

    /**
     * A copy that reports survival at these times (in the given order).
     *
     * @param times finite, &gt;= 0
     */
    public KaplanMeierEstimator withLandmarks(double... times) {
        Arguments.requireFiniteNonNegative("landmarks", times);
        return new KaplanMeierEstimator(confType, confLevel, times.clone(), tau);
    }

    /**
     * A copy that reports the restricted mean survival time up to {@code tau}.
     *
     * @param tau finite, &gt;= 0
     */
    public KaplanMeierEstimator withTau(double tau) {
        Arguments.requireFiniteNonNegative("tau", tau);
        return new KaplanMeierEstimator(confType, confLevel, landmarks, tau);
    }

    /** The confidence-interval transform. */
    public ConfType confType() {
        return confType;
    }

    /** The confidence level. */
    public double confLevel() {
        return confLevel;
    }

    /**
     * Fits one curve, labelled {@value #ALL}, to all subjects.
     *
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1 event; same length as time
     * @throws IllegalArgumentException on invalid input, naming the argument
     */
    public KaplanMeierResult fit(double[] time, int[] status) {
        checkSample(time, status);
        return fit(TimeOrder.of(time), status, null, new String[] {ALL}, true);
    }

    /**
     * As {@link #fit(double[], int[])}, with the time order computed once for several
     * estimators of the same sample.
     *
     * @param order {@code TimeOrder.of(time)}
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1 event; same length as time
     * @throws IllegalArgumentException on invalid input, naming the argument, or when
     *     {@code order} is not the order of {@code time}
     */
    public KaplanMeierResult fit(TimeOrder order, double[] time, int[] status) {
        checkSample(time, status);
        Arguments.requireOrderOf("order", order, "time", time);
        return fit(order, status, null, new String[] {ALL}, true);
    }

    /**
     * Fits one curve per group.
     *
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1 event; same length as time
     * @param group group code of each subject, {@code 0..labels.length-1}
     * @param labels distinct group labels; a group without subjects gets no curve, only a warning
     * @throws IllegalArgumentException on invalid input, naming the argument
     */
    public KaplanMeierResult fit(double[] time, int[] status, int[] group, String[] labels) {
        checkSample(time, status);
        Arguments.requireLabels("labels", labels);
        Arguments.requireGroupCodes("group", group, labels.length, "time", time.length);
        return fit(TimeOrder.of(time), status, group, labels, false);
    }

    /**
     * As {@link #fit(double[], int[], int[], String[])}, with the time order computed once for
     * several estimators of the same sample; the curves are identical.
     *
     * @param order {@code TimeOrder.of(time)}
     * @param time follow-up times, finite and &gt;= 0
     * @param status 0 censored, 1 event; same length as time
     * @param group group code of each subject, {@code 0..labels.length-1}
     * @param labels distinct group labels; a group without subjects gets no curve, only a warning
     * @throws IllegalArgumentException on invalid input, naming the argument, or when
     *     {@code order} is not the order of {@code time}
     */
    public KaplanMeierResult fit(TimeOrder order, double[] time, int[] status, int[] group,
            String[] labels) {
        checkSample(time, status);
        Arguments.requireLabels("labels", labels);
        Arguments.requireGroupCodes("group", group, labels.length, "time", time.length);
        Arguments.requireOrderOf("order", order, "time", time);
        return fit(order, status, group, labels, false);
    }

    private static void checkSample(double[] time, int[] status) {
        Arguments.requireFiniteNonNegative("time", time);
        Arguments.requireNonNull("status", status);
        Arguments.requireSameLength("status", status.length, "time", time.length);
        Arguments.requireCodes("status", status, 1);
    }

    private KaplanMeierResult fit(TimeOrder order, int[] status, int[] group, String[] labels,
            boolean single) {
        List<String> warnings = new ArrayList<>();
        SortedSurvival sorted = SortedSurvival.of(order, status, null, single ? null : group,
                labels.length);
        int[] start = sorted.start;
        double z = Distributions.normalQuantile(1.0 - (1.0 - confLevel) / 2.0);
        List<KaplanMeierResult.Curve> curves = new ArrayList<>(labels.length);
        for (int g = 0; g < labels.length; g++) {
            if (start[g] == start[g + 1]) {
                warnings.add(single ? "no subjects: no curve"
                        : "group " + labels[g] + " has no subjects: no curve");
                continue;
            }
            CurveArrays c = CurveArrays.compute(sorted.time, sorted.status, start[g], start[g + 1], confType,
                    z);
            curves.add(c.toResult(labels[g], landmarks, tau, warnings));
        }
        return new KaplanMeierResult(confType.label(), confLevel, curves, warnings);
    }

    /** One curve held in primitive arrays, one entry per distinct time. */
    static final class CurveArrays {
        final double[] time;
        final int[] nRisk;
        final int[] nEvent;
        final int[] nCensor;
        final double[] surv;
        /** Greenwood sum G(t): the variance of log S; +infinity once S = 0. */
        final double[] greenwood;
        final int subjects;
        final int events;
        final ConfType confType;
        final double z;

        private CurveArrays(int rows, int subjects, int events, ConfType confType, double z) {
            this.time = new double[rows];
            this.nRisk = new int[rows];
            this.nEvent = new int[rows];
            this.nCensor = new int[rows];
            this.surv = new double[rows];
            this.greenwood = new double[rows];
            this.subjects = subjects;
            this.events = events;
            this.confType = confType;
            this.z = z;
        }

        /** Builds the curve of the subjects at positions {@code [from, to)} of time-sorted arrays. */
        static CurveArrays compute(double[] t, int[] status, int from, int to, ConfType confType,
                double z) {
            int rows = 0;
            int events = 0;
            double prev = Double.NaN;
            for (int i = from; i < to; i++) {
                if (t[i] != prev) {
                    rows++;
                    prev = t[i];
                }
                events += status[i];
            }
            CurveArrays c = new CurveArrays(rows, to - from, events, confType, z);
            int atRisk = to - from;
            double km = 1.0;
            double g = 0.0;
            int row = 0;
            int i = from;
            while (i < to) {
                double ti = t[i];
                int d = 0;
                int j = i;
                while (j < to && t[j] == ti) {
                    d += status[j];
                    j++;
                }
                int removed = j - i;
                if (d > 0) {
                    // S(t) = S(t-) (n - d) / n;  G += d / (n (n - d))   (survfitkm.c, Greenwood)
                    double n = atRisk;
                    km *= (n - d) / n;
                    g += d / (n * (n - d)); // n == d gives +inf, as in R (std.err NaN)
                }
                c.time[row] = ti;
                c.nRisk[row] = atRisk;
                c.nEvent[row] = d;
                c.nCensor[row] = removed - d;
                c.surv[row] = km;
                c.greenwood[row] = g;
                atRisk -= removed;
                row++;
                i = j;
            }
            return c;
        }

        int rows() {
            return time.length;
        }

        /** se(S) = S sqrt(G), NaN where S = 0. */
        double stdErr(int row) {
            return surv[row] * Math.sqrt(greenwood[row]);
        }

        double lower(int row) {
            return bound(surv[row], Math.sqrt(greenwood[row]), true);
        }

        double upper(int row) {
            return bound(surv[row], Math.sqrt(greenwood[row]), false);
        }

        /** R survfit_confint(p, se, logse = TRUE): one bound, NaN where undefined. */
        double bound(double p, double se, boolean lower) {
            switch (confType) {
                case PLAIN: {
                    double se2 = se * p * z; // se(S) * z
                    return lower ? Math.max(p - se2, 0.0) : Math.min(p + se2, 1.0);
                }
                case LOG: {
                    if (p == 0.0) {
                        return Double.NaN;
                    }
                    double se2 = z * se;
                    return lower ? Math.exp(Math.log(p) - se2)
                            : Math.min(Math.exp(Math.log(p) + se2), 1.0);
                }
                case LOG_LOG: {
                    if (p == 0.0 || p == 1.0) {
                        return Double.NaN;
                    }
                    double se2 = z * se / Math.log(p);
                    double ll = Math.log(-Math.log(p));
                    return lower ? Math.exp(-Math.exp(ll - se2)) : Math.exp(-Math.exp(ll + se2));
                }
                default:
                    throw new IllegalStateException(confType.name());
            }
        }

        KaplanMeierResult.Curve toResult(String label, double[] landmarks, double tau,
                List<String> warnings) {
            if (events == 0) {
                warnings.add(label + ": no events; survival stays 1 and the median is not"
                        + " reached");
            }
            if (subjects == 1) {
                warnings.add(label + ": only one subject; no variance");
            } else if (rows() == 1) {
                warnings.add(label + ": all times are tied");
            }
            List<KaplanMeierResult.Landmark> lm = new ArrayList<>(landmarks.length);
            for (double t : landmarks) {
                lm.add(landmark(t));
                if (t > time[rows() - 1]) {
                    warnings.add(label + ": landmark " + format(t) + " is after the last"
                            + " follow-up (" + format(time[rows() - 1])
                            + "); survival carried forward, 0 at risk");
                }
            }
            KaplanMeierResult.RestrictedMean rmst = Double.isNaN(tau) ? null : rmst(tau);
            return new KaplanMeierResult.Curve(label, subjects, events, median(), rmst, lm,
                    new Table(this));
        }

        /** summary.survfit(times = t, extend = TRUE) for one curve. */
        KaplanMeierResult.Landmark landmark(double t) {
            int upto = upperBound(time, t); // rows with time <= t
            int before = lowerBound(time, t); // rows with time < t
            int atRisk = before < rows() ? nRisk[before] : 0;
            if (upto == 0) {
                // survfit0 row at time 0: surv 1, std.err 0, lower = upper = 1
                return new KaplanMeierResult.Landmark(t, atRisk, 1.0, 0.0, 1.0, 1.0);
            }
            int r = upto - 1;
            return new KaplanMeierResult.Landmark(t, atRisk, surv[r], nullIfNaN(stdErr(r)),
                    nullIfNaN(lower(r)), nullIfNaN(upper(r)));
        }

        /**
         * print.survfit median and limits: R's minmin on surv, lower and upper. The scans use
         * facts that make them short without changing the answer: S is non-increasing (also in
         * floating point), so its crossing is found by bisection; upper &gt;= S, so the upper
         * scan starts where S crosses (with a 2 tol margin); a censor-only row repeats the
         * values of the row before, so it can never be the first to cross; and the lower scan
         * skips rows whose bound is provably above the line (exp(-x) &gt;= 1 - x for log; the
         * exact log-log bound is exp(-L e^{z se / L}), L = -log S).
         */
        KaplanMeierResult.Median median() {
            int n = rows();
            // S: first row with S < .5 + tol, by bisection
            int first = firstBelow(0.5 + MEDIAN_TOLERANCE, 0);
            Double estimate = null;
            if (first < n) {
                estimate = time[first];
                double y1 = surv[first];
                if (Math.abs(y1 - 0.5) < MEDIAN_TOLERANCE) {
                    int next = firstBelow(y1, first + 1); // first later S < S[first]
                    if (next < n) {
                        estimate = (time[first] + time[next]) / 2.0;
                    }
                }
            }
            int upperFrom = firstBelow(0.5 + 2 * MEDIAN_TOLERANCE, 0);
            return new KaplanMeierResult.Median(estimate, minmin(true, 0),
                    minmin(false, Math.max(upperFrom - 1, 0)));
        }

        /** First row at or after {@code from} with S &lt; y (S is non-increasing). */
        private int firstBelow(double y, int from) {
            int lo = from;
            int hi = rows();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (surv[mid] < y) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        /**
         * R minmin(y, x) on the lower or upper confidence curve, scanning from row
         * {@code from}: the first x with y &lt; .5 + tol (NA y skipped); if that y is .5 within
         * tol and a later y is smaller, the mid-point of the two x.
         */
        private Double minmin(boolean lower, int from) {
            int n = rows();
            double c = 0.5 + MEDIAN_TOLERANCE;
            double k = -Math.log(c);
            int first = -1;
            double y1 = Double.NaN;
            for (int i = from; i < n; i++) {
                if (i > 0 && nEvent[i] == 0) {
                    continue; // same values as row i - 1
                }
                if (lower && aboveLine(surv[i], Math.sqrt(greenwood[i]), c, k)) {
                    continue;
                }
                double y = lower ? lower(i) : upper(i);
                if (!Double.isNaN(y) && y < c) {
                    first = i;
                    y1 = y;
                    break;
                }
            }
            if (first < 0) {
                return null;
            }
            if (Math.abs(y1 - 0.5) < MEDIAN_TOLERANCE) {
                for (int i = first + 1; i < n; i++) {
                    if (nEvent[i] == 0) {
                        continue;
                    }
                    double y = lower ? lower(i) : upper(i);
                    if (!Double.isNaN(y) && y < y1) {
                        return (time[first] + time[i]) / 2.0;
                    }
                }
            }
            return time[first];
        }

        /**
         * True when the lower bound at (p, se) is certainly &gt;= c, judged without computing it
         * (a 1e-9 relative margin covers the rounding of the exact formula).
         */
        private boolean aboveLine(double p, double se, double c, double k) {
            switch (confType) {
                case LOG:
                    return p * (1 - z * se) >= c * (1 + 1e-9); // exp(-x) >= 1 - x
                case LOG_LOG: {
                    if (!(p > 0.0 && p < 1.0)) {
                        return false;
                    }
                    double l = -Math.log(p);
                    return l * Math.exp(z * se / l) < k * (1 - 1e-9); // lower = exp(-L e^(z se/L))
                }
                default:
                    return false; // plain: the exact bound is as cheap
            }
        }

        /** survmean: restricted mean to tau and its standard error. */
        KaplanMeierResult.RestrictedMean rmst(double tau) {
            int keep = upperBound(time, tau); // rows with time <= tau
            // rectangles: width (t_j - t_{j-1}) times S(t_{j-1}), t_0 = 0, S(t_0) = 1
            double area = 0.0;
            double prevTime = 0.0;
            double prevSurv = 1.0;
            double[] rect = new double[keep + 1];
            for (int j = 0; j < keep; j++) {
                rect[j] = (time[j] - prevTime) * prevSurv;
                prevTime = time[j];
                prevSurv = surv[j];
            }
            rect[keep] = (tau - prevTime) * prevSurv;
            for (double r : rect) {
                area += r;
            }
            // var = sum_j A_j^2 d_j / (n_j (n_j - d_j)), A_j = area from t_j to tau
            double var = 0.0;
            double tail = 0.0;
            for (int j = keep - 1; j >= 0; j--) {
                tail += rect[j + 1];
                int n = nRisk[j];
                int d = nEvent[j];
                if (n - d != 0) {
                    var += tail * tail * ((double) d / ((double) n * (n - d)));
                }
            }
            return new KaplanMeierResult.RestrictedMean(tau, area, Math.sqrt(var));
        }
    }

    /** The table as a read-only list whose rows (and their confidence limits) are made on get. */
    static final class Table extends AbstractList<KaplanMeierResult.Row>
            implements RandomAccess {
        private final CurveArrays c;

        Table(CurveArrays c) {
            this.c = c;
        }

        @Override
        public KaplanMeierResult.Row get(int i) {
            Objects.checkIndex(i, c.rows());
            return new KaplanMeierResult.Row(c.time[i], c.nRisk[i], c.nEvent[i], c.nCensor[i],
                    c.surv[i], nullIfNaN(c.stdErr(i)), nullIfNaN(c.lower(i)),
                    nullIfNaN(c.upper(i)));
        }

        @Override
        public int size() {
            return c.rows();
        }
    }

    static Double nullIfNaN(double v) {
        return Double.isFinite(v) ? Double.valueOf(v) : null;
    }

    /** Number of elements &lt;= x in an ascending array. */
    static int upperBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of elements &lt; x in an ascending array. */
    static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static String format(double t) {
        return t == Math.rint(t) && Math.abs(t) < 1e15 ? Long.toString((long) t)
                : String.format(Locale.ROOT, "%s", t);
    }

    @Override
    public String toString() {
        return "KaplanMeierEstimator[confType=" + confType.label() + ", confLevel=" + confLevel
                + ", landmarks=" + Arrays.toString(landmarks)
                + (Double.isNaN(tau) ? "" : ", tau=" + tau) + "]";
    }
}
