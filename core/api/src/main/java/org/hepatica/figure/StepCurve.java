package org.hepatica.figure;

import java.util.List;
import org.hepatica.stats.KaplanMeierResult;

/**
 * One step curve of a {@link StepPlot}. At {@code time[i]} the curve steps to {@code value[i]}
 * (the value after the step); before {@code time[0]} it is at the plot's start value (1 for
 * survival, 0 for cumulative incidence). Times are in the data's unit (see
 * {@link StepPlot#dataUnit}) and ascending; a step whose time or value is NaN is skipped. The
 * arrays are copied on construction; null arrays other than the optional ones count as empty.
 *
 * @param label       the group, drawn as given (e.g. "RFA+RT")
 * @param n           patients in the group, shown in the legend and as the number at risk at time 0
 * @param time        step times
 * @param value       the value after each step
 * @param lower       lower confidence bound after each step, or null; NaN where undefined
 * @param upper       upper confidence bound after each step, or null; NaN where undefined
 * @param censorTimes times of censorings, marked '+' on the curve, or null
 * @param riskTime    times of a Kaplan-Meier table's rows (censor-only rows included), or null
 * @param nRisk       patients at risk just before each {@code riskTime}, or null
 * @param median      the median time, drawn as dashed guides, or null when not reached or unknown
 */
public record StepCurve(String label, int n, double[] time, double[] value, double[] lower, double[] upper,
        double[] censorTimes, double[] riskTime, int[] nRisk, Double median) {

    /** Copies the arrays. */
    public StepCurve {
        label = label == null ? "" : label;
        time = time == null ? new double[0] : time.clone();
        value = value == null ? new double[0] : value.clone();
        lower = lower == null ? null : lower.clone();
        upper = upper == null ? null : upper.clone();
        censorTimes = censorTimes == null ? null : censorTimes.clone();
        riskTime = riskTime == null ? null : riskTime.clone();
        nRisk = nRisk == null ? null : nRisk.clone();
    }

    /**
     * A Kaplan-Meier curve as the estimator returns it (and results store it): a step at every
     * table row, its confidence bounds, '+' at every row with censorings, the table's numbers at
     * risk and the median estimate.
     */
    public static StepCurve kaplanMeier(KaplanMeierResult.Curve curve) {
        List<KaplanMeierResult.Row> table = curve.table();
        int m = table.size();
        double[] time = new double[m];
        double[] value = new double[m];
        double[] lower = new double[m];
        double[] upper = new double[m];
        int[] nRisk = new int[m];
        int censored = 0;
        for (int i = 0; i < m; i++) {
            KaplanMeierResult.Row r = table.get(i);
            time[i] = r.time();
            value[i] = r.survival();
            lower[i] = r.lower() == null ? Double.NaN : r.lower();
            upper[i] = r.upper() == null ? Double.NaN : r.upper();
            nRisk[i] = r.nRisk();
            censored += r.nCensor() > 0 ? 1 : 0;
        }
        double[] censorTimes = new double[censored];
        for (int i = 0, k = 0; i < m; i++) {
            if (table.get(i).nCensor() > 0) {
                censorTimes[k++] = table.get(i).time();
            }
        }
        return new StepCurve(curve.label(), curve.n(), time, value, lower, upper, censorTimes, time, nRisk,
                curve.median().estimate());
    }

    /** The number of steps (time and value pairs). */
    int steps() {
        return Math.min(time.length, value.length);
    }

    /** Whether step {@code i} is drawn. */
    boolean isStep(int i) {
        return Double.isFinite(time[i]) && !Double.isNaN(value[i]);
    }

    /** Whether the curve has a confidence band. */
    boolean hasBand() {
        return lower != null && upper != null;
    }

    /** Whether the curve has a number-at-risk row. */
    boolean hasRiskTable() {
        return riskTime != null && nRisk != null;
    }

    /**
     * Index of the last drawn step at or before {@code t}, -1 before the first.
     */
    int stepAt(double t) {
        int at = -1;
        for (int i = 0; i < steps(); i++) {
            if (isStep(i)) {
                if (time[i] > t) {
                    break;
                }
                at = i;
            }
        }
        return at;
    }

    /** The curve's value at {@code t} (right-continuous), {@code start} before the first step. */
    double valueAt(double t, double start) {
        int i = stepAt(t);
        return i < 0 ? start : value[i];
    }

    /** The last time the curve is known at: its last step, censoring or table row; 0 when it has none. */
    double end() {
        double end = 0;
        for (int i = 0; i < steps(); i++) {
            end = isStep(i) ? Math.max(end, time[i]) : end;
        }
        return Math.max(end, Math.max(finiteMax(censorTimes), finiteMax(riskTime)));
    }

    /**
     * Patients at risk at time {@code t}: {@code n} at (or before) 0, else {@code nRisk[j]} of the
     * first table row with {@code riskTime[j] >= t}, 0 after the last row.
     */
    int atRisk(double t) {
        if (t <= 0) {
            return n;
        }
        int m = Math.min(riskTime.length, nRisk.length);
        double tolerance = 1e-9 * Math.max(1, Math.abs(t)); // a tick converted between units is not exact
        for (int j = 0; j < m; j++) {
            if (riskTime[j] >= t - tolerance) {
                return nRisk[j];
            }
        }
        return 0;
    }

    private static double finiteMax(double[] a) {
        double max = 0;
        if (a != null) {
            for (double v : a) {
                max = Double.isFinite(v) ? Math.max(max, v) : max;
            }
        }
        return max;
    }
}
