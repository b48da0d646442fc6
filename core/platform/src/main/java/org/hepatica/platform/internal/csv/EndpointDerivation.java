package org.hepatica.platform.internal.csv;

import java.util.ArrayList;
import java.util.List;
import org.hepatica.cohort.TimeUnit;

/**
 * The one place where DFS and OS are derived, following the cohort CSV contract.
 *
 * <p>With dates (days since 1970-01-01, {@code NaN} when empty), measured from {@code treatment_date}:
 * <ul>
 * <li>OS: time = (death_date or else last_followup_date) - treatment_date; event = death observed.</li>
 * <li>DFS: time = (earliest of recurrence_date and death_date, or else last_followup_date) -
 * treatment_date; event = recurrence or death.</li>
 * <li>DFS cause: 1 = recurrence first (a recurrence on the day of death counts as recurrence),
 * 2 = death without recurrence, 0 = censored.</li>
 * </ul>
 * When the row has no treatment_date, or the file has no date columns, the durations
 * {@code os_time, os_event, dfs_time, dfs_event} are used, converted to days. From durations alone
 * the DFS cause is 2 when the DFS event falls on the day of an observed death, 1 for any other DFS
 * event, since the recurrence itself is not recorded.
 *
 * <p>A row is rejected when a date lies before treatment_date, last_followup_date precedes another
 * date, a recurrence_date lies after death_date, a time is negative, an event is not 0/1, an event
 * has no time or a time no event, dfs_time exceeds os_time, or no endpoint can be derived.
 */
public final class EndpointDerivation {

    /** Columns used by the derivation. */
    public static final String TREATMENT = "treatment_date";
    public static final String RECURRENCE = "recurrence_date";
    public static final String DEATH = "death_date";
    public static final String LAST_FOLLOWUP = "last_followup_date";
    public static final String OS_TIME = "os_time";
    public static final String OS_EVENT = "os_event";
    public static final String DFS_TIME = "dfs_time";
    public static final String DFS_EVENT = "dfs_event";

    /** A problem of one row: the column concerned and the reason. */
    public record Problem(String column, String reason) {
    }

    /**
     * The endpoints of one row; times {@code NaN} and events -1 where the endpoint is not derivable.
     */
    public record Endpoints(double osTime, int osEvent, double dfsTime, int dfsEvent, int dfsCause) {
        static final Endpoints NONE = new Endpoints(Double.NaN, -1, Double.NaN, -1, -1);

        public boolean hasOs() {
            return osEvent >= 0;
        }

        public boolean hasDfs() {
            return dfsEvent >= 0;
        }
    }

    /** The outcome: endpoints when {@code problems} is empty. */
    public record Outcome(Endpoints endpoints, List<Problem> problems) {
        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    private EndpointDerivation() {
    }

    /**
     * Derives the endpoints of one row.
     *
     * @param dates     treatment, recurrence, death, last follow-up in epoch days ({@code NaN} = empty);
     *                  null when the file has no date columns
     * @param durations os_time, os_event, dfs_time, dfs_event as read ({@code NaN} = empty); null when
     *                  the file has no duration columns
     * @param unit      unit of the duration times
     */
    public static Outcome derive(double[] dates, double[] durations, TimeUnit unit) {
        if (dates != null && !Double.isNaN(dates[0])) {
            return fromDates(dates[0], dates[1], dates[2], dates[3]);
        }
        if (durations != null && hasAny(durations)) {
            return fromDurations(durations[0], durations[1], durations[2], durations[3], unit);
        }
        String reason = dates != null
                ? "treatment_date is empty and no os_time/dfs_time is given: no endpoint can be derived"
                : "no endpoint can be derived: give treatment_date with last_followup_date, or os_time/dfs_time";
        return new Outcome(Endpoints.NONE, List.of(new Problem(dates != null ? TREATMENT : null, reason)));
    }

    private static boolean hasAny(double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    static Outcome fromDates(double treatment, double recurrence, double death, double lastFollowup) {
        List<Problem> problems = new ArrayList<>(2);
        before(problems, RECURRENCE, recurrence, treatment);
        before(problems, DEATH, death, treatment);
        before(problems, LAST_FOLLOWUP, lastFollowup, treatment);
        if (!Double.isNaN(lastFollowup)) {
            if (lastFollowup < recurrence) {
                problems.add(new Problem(LAST_FOLLOWUP, "last_followup_date precedes recurrence_date"));
            }
            if (lastFollowup < death) {
                problems.add(new Problem(LAST_FOLLOWUP, "last_followup_date precedes death_date"));
            }
        }
        if (recurrence > death) {
            problems.add(new Problem(RECURRENCE, "recurrence_date lies after death_date"));
        }
        if (!problems.isEmpty()) {
            return new Outcome(Endpoints.NONE, problems);
        }
        boolean died = !Double.isNaN(death);
        boolean recurred = !Double.isNaN(recurrence);
        boolean followed = !Double.isNaN(lastFollowup);

        // OS: time = (death_date or last_followup_date) - treatment_date; event = death observed
        double osTime = died ? death - treatment : followed ? lastFollowup - treatment : Double.NaN;
        int osEvent = died ? 1 : followed ? 0 : -1;

        // DFS: time = (earliest of recurrence and death, or last follow-up) - treatment; event = either
        double dfsTime;
        int dfsEvent;
        int cause;
        if (recurred || died) {
            double first = recurred && died ? Math.min(recurrence, death) : recurred ? recurrence : death;
            dfsTime = first - treatment;
            dfsEvent = 1;
            // a recurrence on the day of death counts as recurrence (recurrence <= death checked above)
            cause = recurred ? 1 : 2;
        } else if (followed) {
            dfsTime = lastFollowup - treatment;
            dfsEvent = 0;
            cause = 0;
        } else {
            dfsTime = Double.NaN;
            dfsEvent = -1;
            cause = -1;
        }
        if (dfsEvent < 0) {
            // neither follow-up nor an event date: no OS either (a death would have given DFS)
            return new Outcome(Endpoints.NONE, List.of(new Problem(LAST_FOLLOWUP,
                    "last_followup_date is empty and no event date is given: no endpoint can be derived")));
        }
        return new Outcome(new Endpoints(osTime, osEvent, dfsTime, dfsEvent, cause), List.of());
    }

    private static void before(List<Problem> problems, String column, double date, double treatment) {
        if (date < treatment) {
            problems.add(new Problem(column, column + " lies before treatment_date"));
        }
    }

    static Outcome fromDurations(double osTime, double osEvent, double dfsTime, double dfsEvent, TimeUnit unit) {
        List<Problem> problems = new ArrayList<>(2);
        boolean os = checkPair(problems, OS_TIME, osTime, OS_EVENT, osEvent);
        boolean dfs = checkPair(problems, DFS_TIME, dfsTime, DFS_EVENT, dfsEvent);
        if (problems.isEmpty() && os && dfs && dfsTime > osTime) {
            problems.add(new Problem(DFS_TIME, "dfs_time exceeds os_time"));
        }
        if (!problems.isEmpty()) {
            return new Outcome(Endpoints.NONE, problems);
        }
        int cause = -1;
        if (dfs) {
            boolean deathThen = os && osEvent == 1 && dfsTime == osTime;
            cause = dfsEvent == 0 ? 0 : deathThen ? 2 : 1;
        }
        return new Outcome(new Endpoints(
                os ? unit.toDays(osTime) : Double.NaN, os ? (int) osEvent : -1,
                dfs ? unit.toDays(dfsTime) : Double.NaN, dfs ? (int) dfsEvent : -1, cause), List.of());
    }

    /**
     * Checks one (time, event) pair, adding a problem for each thing wrong with it; returns whether the
     * pair is given at all (either value present). A given pair is valid when no problem was added.
     */
    private static boolean checkPair(List<Problem> problems, String timeName, double time, String eventName,
            double event) {
        boolean hasTime = !Double.isNaN(time);
        boolean hasEvent = !Double.isNaN(event);
        if (!hasTime && !hasEvent) {
            return false;
        }
        if (hasTime && time < 0) {
            problems.add(new Problem(timeName, timeName + " is negative"));
        }
        if (hasTime && Double.isInfinite(time)) {
            problems.add(new Problem(timeName, timeName + " is not a finite number"));
        }
        if (hasEvent && event != 0 && event != 1) {
            problems.add(new Problem(eventName, eventName + " must be 0 (censored) or 1 (event)"));
        }
        if (!hasTime) {
            problems.add(new Problem(timeName, timeName + " is empty but " + eventName + " is given"));
        }
        if (!hasEvent) {
            problems.add(new Problem(eventName, eventName + " is empty but " + timeName + " is given"));
        }
        return true;
    }
}
