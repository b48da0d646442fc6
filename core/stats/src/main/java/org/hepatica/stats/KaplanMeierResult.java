package org.hepatica.stats;

import java.util.List;
import java.util.Objects;

/**
 * Kaplan-Meier curves, one per group (or one labelled {@code "all"}), as computed by
 * {@link KaplanMeierEstimator}. Component names are the field names of the HTTP API and of the
 * reference JSON ({@code km_log}, {@code km_log-log}, {@code km_plain} sections), so Jackson can
 * serialize the record directly.
 *
 * <p>A value that does not exist (median not reached, confidence bound undefined where R reports
 * {@code NA}) is {@code null}, never NaN or infinity.
 *
 * @param confType the confidence-interval transform: {@code "log"}, {@code "log-log"} or
 *     {@code "plain"}
 * @param confLevel the confidence level of every interval, e.g. 0.95
 * @param groups the curves, in the order of the group codes (groups without subjects are left
 *     out, with a warning)
 * @param warnings degenerate data found while fitting (no events, a one-subject group, all
 *     times tied, a landmark after the last follow-up); empty when there is nothing to say
 */
public record KaplanMeierResult(String confType, double confLevel, List<Curve> groups,
        List<String> warnings) {

    /** Copies the lists, so the result is immutable. */
    public KaplanMeierResult {
        Objects.requireNonNull(confType, "confType");
        groups = List.copyOf(groups);
        warnings = List.copyOf(warnings);
    }

    /**
     * The curve with the given label.
     *
     * @throws IllegalArgumentException if there is none
     */
    public Curve group(String label) {
        for (Curve c : groups) {
            if (c.label().equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("label has no curve: \"" + label + "\"");
    }

    /**
     * One Kaplan-Meier curve.
     *
     * @param label group label, or {@code "all"} for the ungrouped curve
     * @param n number of subjects
     * @param events number of events
     * @param median median survival time with its confidence interval (R {@code print.survfit})
     * @param rmst restricted mean survival time up to {@code tau}, or null when no tau was set
     * @param landmarks survival at each requested landmark time ({@code summary.survfit(times=,
     *     extend=TRUE)})
     * @param table the curve at every distinct time, events or censorings
     *     ({@code summary.survfit(censored=TRUE)})
     */
    public record Curve(String label, int n, int events, Median median, RestrictedMean rmst,
            List<Landmark> landmarks, List<Row> table) {

        /** Copies the lists (the estimator's own table is immutable and is kept as it is). */
        public Curve {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(median, "median");
            landmarks = List.copyOf(landmarks);
            table = table instanceof KaplanMeierEstimator.Table ? table : List.copyOf(table);
        }
    }

    /**
     * Median survival and its confidence interval, each null when not reached.
     *
     * @param estimate first time S(t) &lt; 0.5 (mid-point rule where S(t) = 0.5 over a stretch)
     * @param lower the same rule on the lower confidence curve
     * @param upper the same rule on the upper confidence curve
     */
    public record Median(Double estimate, Double lower, Double upper) {
    }

    /**
     * Restricted mean survival time (area under the curve from 0 to tau).
     *
     * @param tau the truncation time
     * @param estimate the area
     * @param stdErr its standard error, as R {@code print(fit, rmean = tau)}
     */
    public record RestrictedMean(double tau, double estimate, double stdErr) {
    }

    /**
     * Survival at a landmark time.
     *
     * @param time the landmark
     * @param nRisk number at risk at the landmark (subjects whose time is &gt;= the landmark;
     *     0 after the last follow-up)
     * @param survival S at the last curve time &lt;= the landmark
     * @param stdErr Greenwood standard error of S, null where undefined
     * @param lower lower confidence bound, null where undefined
     * @param upper upper confidence bound, null where undefined
     */
    public record Landmark(double time, int nRisk, double survival, Double stdErr, Double lower,
            Double upper) {
    }

    /**
     * The curve at one distinct time.
     *
     * @param time the time
     * @param nRisk number at risk just before the time (censored at the time count as at risk)
     * @param nEvent events at the time
     * @param nCensor censorings at the time
     * @param survival Kaplan-Meier S(t)
     * @param stdErr Greenwood standard error of S(t) (not of log S), null where S = 0
     * @param lower lower confidence bound, null where undefined
     * @param upper upper confidence bound, null where undefined
     */
    public record Row(double time, int nRisk, int nEvent, int nCensor, double survival,
            Double stdErr, Double lower, Double upper) {
    }
}
