package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
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

    private static String reason(double osTime, double osEvent, double dfsTime, double dfsEvent) {
        Outcome o = EndpointDerivation.derive(null, new double[] {osTime, osEvent, dfsTime, dfsEvent}, TimeUnit.DAYS);
        assertFalse(o.accepted());
        return o.problems().get(0).reason();
    }
}
