package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.csv.EndpointDerivation.Endpoints;
import org.hepatica.platform.internal.csv.EndpointDerivation.Outcome;
import org.junit.jupiter.api.Test;

/** The derivation rules of the cohort CSV contract, one by one. */
class EndpointDerivationTest {
    private static final double NA = Double.NaN;

    private static double day(String iso) {
        return LocalDate.parse(iso).toEpochDay();
    }

    private static Outcome dates(String treatment, String recurrence, String death, String lastFollowup) {
        return EndpointDerivation.derive(new double[] {d(treatment), d(recurrence), d(death), d(lastFollowup)}, null,
                TimeUnit.DAYS);
    }

    private static double d(String iso) {
        return iso == null ? NA : day(iso);
    }

    @Test
    void aliveWithoutRecurrenceIsCensoredAtLastFollowUpForBothEndpoints() {
        Endpoints e = dates("2020-01-01", null, null, "2021-01-01").endpoints();
        assertEquals(366, e.osTime());
        assertEquals(0, e.osEvent());
        assertEquals(366, e.dfsTime());
        assertEquals(0, e.dfsEvent());
        assertEquals(0, e.dfsCause());
    }

    @Test
    void recurrenceThenDeathGivesDfsAtRecurrenceWithCause1AndOsAtDeath() {
        Endpoints e = dates("2020-01-01", "2020-03-01", "2020-12-31", "2020-12-31").endpoints();
        assertEquals(60, e.dfsTime());
        assertEquals(1, e.dfsEvent());
        assertEquals(1, e.dfsCause());
        assertEquals(365, e.osTime());
        assertEquals(1, e.osEvent());
    }

    @Test
    void deathWithoutRecurrenceIsADfsEventOfCause2() {
        Endpoints e = dates("2020-01-01", null, "2020-07-01", "2020-07-01").endpoints();
        assertEquals(182, e.dfsTime());
        assertEquals(1, e.dfsEvent());
        assertEquals(2, e.dfsCause());
    }

    @Test
    void aRecurrenceOnTheDayOfDeathCountsAsRecurrence() {
        Endpoints e = dates("2020-01-01", "2020-07-01", "2020-07-01", "2020-07-01").endpoints();
        assertEquals(1, e.dfsCause());
        assertEquals(182, e.dfsTime());
    }

    @Test
    void datesBeforeTreatmentOrOutOfOrderAreRejectedNamingTheColumn() {
        Outcome before = dates("2020-01-01", "2019-12-31", null, "2020-06-01");
        assertFalse(before.accepted());
        assertEquals("recurrence_date", before.problems().get(0).column());
        assertTrue(before.problems().get(0).reason().contains("before treatment_date"));

        Outcome followUpFirst = dates("2020-01-01", null, "2020-06-01", "2020-05-01");
        assertEquals("last_followup_date", followUpFirst.problems().get(0).column());
        assertTrue(followUpFirst.problems().get(0).reason().contains("precedes death_date"));

        Outcome recurrenceAfterDeath = dates("2020-01-01", "2020-08-01", "2020-06-01", null);
        assertTrue(recurrenceAfterDeath.problems().stream()
                .anyMatch(p -> p.reason().equals("recurrence_date lies after death_date")));
    }

    @Test
    void withoutFollowUpOrAnyEventNoEndpointCanBeDerived() {
        Outcome o = dates("2020-01-01", null, null, null);
        assertFalse(o.accepted());
        assertTrue(o.problems().get(0).reason().contains("no endpoint can be derived"));
    }

    @Test
    void aRecurrenceWithoutFollowUpStillGivesDfsButNoOs() {
        Endpoints e = dates("2020-01-01", "2020-02-01", null, null).endpoints();
        assertTrue(e.hasDfs());
        assertFalse(e.hasOs());
        assertTrue(Double.isNaN(e.osTime()));
    }

    @Test
    void datesWinOverDurations() {
        Outcome o = EndpointDerivation.derive(new double[] {day("2020-01-01"), NA, NA, day("2020-01-11")},
                new double[] {999, 1, 999, 1}, TimeUnit.DAYS);
        assertEquals(10, o.endpoints().osTime());
        assertEquals(0, o.endpoints().osEvent());
    }

    @Test
    void durationsAreConvertedToDays() {
        Endpoints e = EndpointDerivation.derive(null, new double[] {12, 1, 6, 1}, TimeUnit.MONTHS).endpoints();
        assertEquals(365.25, e.osTime(), 1e-9);
        assertEquals(365.25 / 2, e.dfsTime(), 1e-9);
        assertEquals(1, e.dfsCause());
        Endpoints years = EndpointDerivation.derive(null, new double[] {2, 0, NA, NA}, TimeUnit.YEARS).endpoints();
        assertEquals(730.5, years.osTime(), 1e-9);
        assertFalse(years.hasDfs());
    }

    @Test
    void aDfsEventAtTheTimeOfDeathFromDurationsIsDeathWithoutRecurrence() {
        Endpoints e = EndpointDerivation.derive(null, new double[] {100, 1, 100, 1}, TimeUnit.DAYS).endpoints();
        assertEquals(2, e.dfsCause());
    }

    @Test
    void badDurationsAreRejectedWithTheirReason() {
        assertEquals("os_time is negative", reason(-1, 1, NA, NA));
        assertEquals("os_event must be 0 (censored) or 1 (event)", reason(10, 2, NA, NA));
        assertEquals("os_event is empty but os_time is given", reason(10, NA, NA, NA));
        assertEquals("dfs_time exceeds os_time", reason(10, 0, 20, 1));
    }

    @Test
    void aCensoredDfsGivenAsDurationsHasCause0EvenWhenDeathFollowsAtTheSameTime() {
        Endpoints alive = EndpointDerivation.derive(null, new double[] {400, 0, 300, 0}, TimeUnit.DAYS).endpoints();
        assertEquals(0, alive.dfsEvent());
        assertEquals(0, alive.dfsCause());
        assertEquals(300, alive.dfsTime());
        // censored for DFS at the day of an observed death: still censored, not a death without recurrence
        Endpoints sameDay = EndpointDerivation.derive(null, new double[] {300, 1, 300, 0}, TimeUnit.DAYS).endpoints();
        assertEquals(0, sameDay.dfsCause());
        // a DFS event before an observed death is a recurrence; at a censored OS time it is one too
        assertEquals(1, EndpointDerivation.derive(null, new double[] {300, 1, 200, 1}, TimeUnit.DAYS).endpoints()
                .dfsCause());
        assertEquals(1, EndpointDerivation.derive(null, new double[] {300, 0, 300, 1}, TimeUnit.DAYS).endpoints()
                .dfsCause());
        // DFS alone, without OS: any event is a recurrence, the OS endpoint is absent
        Endpoints dfsOnly = EndpointDerivation.derive(null, new double[] {NA, NA, 50, 1}, TimeUnit.DAYS).endpoints();
        assertEquals(1, dfsOnly.dfsCause());
        assertEquals(-1, dfsOnly.osEvent());
        assertTrue(Double.isNaN(dfsOnly.osTime()));
        assertEquals(-1, EndpointDerivation.derive(null, new double[] {10, 0, NA, NA}, TimeUnit.DAYS).endpoints()
                .dfsCause());
    }

    @Test
    void aDfsTimeEqualToTheOsTimeIsAccepted() {
        Outcome o = EndpointDerivation.derive(null, new double[] {100, 0, 100, 0}, TimeUnit.DAYS);
        assertTrue(o.accepted(), o.problems().toString());
    }

    @Test
    void eachDateBeforeTreatmentIsRejectedNamingItsColumn() {
        assertEquals(List.of("death_date lies before treatment_date"),
                reasons(dates("2020-01-01", null, "2019-12-31", null)));
        assertEquals(List.of("last_followup_date lies before treatment_date"),
                reasons(dates("2020-01-01", null, null, "2019-12-31")));
        assertEquals("death_date", dates("2020-01-01", null, "2019-12-31", null).problems().get(0).column());
        // on the day of treatment is allowed
        Endpoints sameDay = dates("2020-01-01", null, "2020-01-01", "2020-01-01").endpoints();
        assertEquals(0, sameDay.osTime());
        assertEquals(1, sameDay.osEvent());
    }

    @Test
    void aRecurrenceAfterTheLastFollowUpIsRejected() {
        Outcome o = dates("2020-01-01", "2020-06-01", null, "2020-05-01");
        assertEquals(List.of("last_followup_date precedes recurrence_date"), reasons(o));
        assertEquals("last_followup_date", o.problems().get(0).column());
        assertTrue(Double.isNaN(o.endpoints().osTime()));
        // on the day of the last follow-up is allowed
        assertTrue(dates("2020-01-01", "2020-05-01", null, "2020-05-01").accepted());
        // a death on the day of the last follow-up is allowed, a death after it is not
        assertTrue(dates("2020-01-01", null, "2020-05-01", "2020-05-01").accepted());
    }

    @Test
    void aDeathWithoutFollowUpDateGivesBothEndpointsAtDeath() {
        Endpoints e = dates("2020-01-01", null, "2020-01-31", null).endpoints();
        assertEquals(30, e.osTime());
        assertEquals(1, e.osEvent());
        assertEquals(30, e.dfsTime());
        assertEquals(1, e.dfsEvent());
        assertEquals(2, e.dfsCause());
    }

    @Test
    void theRecurrenceBeforeDeathSetsTheDfsTime() {
        Endpoints e = dates("2020-01-01", "2020-01-11", "2020-01-31", null).endpoints();
        assertEquals(10, e.dfsTime());
        assertEquals(30, e.osTime());
    }

    @Test
    void everyProblemOfADurationPairIsNamed() {
        Outcome o = EndpointDerivation.derive(null, new double[] {-5, 3, Double.POSITIVE_INFINITY, NA},
                TimeUnit.DAYS);
        assertEquals(List.of("os_time is negative", "os_event must be 0 (censored) or 1 (event)",
                "dfs_time is not a finite number", "dfs_event is empty but dfs_time is given"), reasons(o));
        assertEquals(List.of("os_time", "os_event", "dfs_time", "dfs_event"),
                o.problems().stream().map(p -> p.column()).toList());
        assertEquals(List.of("dfs_time is empty but dfs_event is given"),
                reasons(EndpointDerivation.derive(null, new double[] {10, 1, NA, 0}, TimeUnit.DAYS)));
        assertEquals(List.of("os_event must be 0 (censored) or 1 (event)"),
                reasons(EndpointDerivation.derive(null, new double[] {10, -1, NA, NA}, TimeUnit.DAYS)));
        assertEquals(List.of("os_event must be 0 (censored) or 1 (event)"),
                reasons(EndpointDerivation.derive(null, new double[] {10, 0.5, NA, NA}, TimeUnit.DAYS)));
        // a problem in one pair stops the comparison of the times
        assertEquals(List.of("os_event must be 0 (censored) or 1 (event)"),
                reasons(EndpointDerivation.derive(null, new double[] {10, 2, 20, 1}, TimeUnit.DAYS)));
    }

    @Test
    void withoutDatesOrDurationsTheReasonSaysWhatToGive() {
        Outcome noColumns = EndpointDerivation.derive(null, null, TimeUnit.DAYS);
        assertFalse(noColumns.accepted());
        assertEquals(null, noColumns.problems().get(0).column());
        assertTrue(noColumns.problems().get(0).reason().contains("give treatment_date"));
        Outcome emptyDurations = EndpointDerivation.derive(null, new double[] {NA, NA, NA, NA}, TimeUnit.DAYS);
        assertFalse(emptyDurations.accepted());
        Outcome noTreatment = EndpointDerivation.derive(new double[] {NA, NA, NA, day("2020-01-01")},
                new double[] {NA, NA, NA, NA}, TimeUnit.DAYS);
        assertEquals("treatment_date", noTreatment.problems().get(0).column());
        assertTrue(noTreatment.problems().get(0).reason().startsWith("treatment_date is empty"));
        // no treatment date, durations given: the durations are used
        Outcome fallback = EndpointDerivation.derive(new double[] {NA, NA, NA, NA}, new double[] {NA, NA, 5, 1},
                TimeUnit.DAYS);
        assertEquals(5, fallback.endpoints().dfsTime());
    }

    @Test
    void aTimeOfZeroIsAcceptedAndAnEventOrACensoringBothCountAsAnEndpoint() {
        Outcome zero = EndpointDerivation.derive(null, new double[] {0, 1, 0, 0}, TimeUnit.DAYS);
        assertTrue(zero.accepted(), zero.problems().toString());
        assertEquals(0, zero.endpoints().osTime());
        assertTrue(zero.endpoints().hasOs(), "a death at time 0 is an OS endpoint");
        assertTrue(zero.endpoints().hasDfs(), "so is a censoring of DFS");
        Endpoints censored = dates("2020-01-01", null, null, "2020-01-01").endpoints();
        assertTrue(censored.hasOs() && censored.hasDfs(), censored.toString());
        assertEquals(0, censored.osEvent());
        Endpoints dfsOnly = dates("2020-01-01", "2020-03-01", null, null).endpoints();
        assertFalse(dfsOnly.hasOs());
        assertTrue(dfsOnly.hasDfs());
        assertFalse(Endpoints.NONE.hasOs() || Endpoints.NONE.hasDfs());
    }

    private static List<String> reasons(Outcome o) {
        return o.problems().stream().map(p -> p.reason()).toList();
    }

    private static String reason(double osTime, double osEvent, double dfsTime, double dfsEvent) {
        Outcome o = EndpointDerivation.derive(null, new double[] {osTime, osEvent, dfsTime, dfsEvent}, TimeUnit.DAYS);
        assertFalse(o.accepted());
        return o.problems().get(0).reason();
    }
}
