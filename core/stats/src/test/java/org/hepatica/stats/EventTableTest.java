package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Sites release counts, not rows: the estimates from the pooled counts are those of the pooled
 * subjects, to the last bit, however the subjects are split across sites.
 */
class EventTableTest {

    /** Whole-day times with ties, 2 arms, a competing cause, a margin class as stratum. */
    private record Cohort(double[] time, int[] status, String[] arm, String[] margin) {

        static Cohort random(long seed, int n) {
            Random rnd = new Random(seed);
            double[] time = new double[n];
            int[] status = new int[n];
            String[] arm = new String[n];
            String[] margin = new String[n];
            for (int i = 0; i < n; i++) {
                arm[i] = rnd.nextBoolean() ? "RFA" : "RFA+RT";
                margin[i] = rnd.nextInt(3) == 0 ? "<10" : ">=10";
                double rate = arm[i].equals("RFA") ? 0.0012 : 0.0008;
                double t = -Math.log(rnd.nextDouble()) / rate;
                double c = 100 + rnd.nextDouble() * 1400;
                time[i] = Math.ceil(Math.min(t, c));
                status[i] = t <= c ? 1 + (rnd.nextInt(4) == 0 ? 1 : 0) : 0;
            }
            return new Cohort(time, status, arm, margin);
        }

        /** Cause 1 only (a cause-2 event as censored): the survival endpoint. */
        int[] survivalStatus() {
            return IntStream.of(status).map(s -> s == 1 ? 1 : 0).toArray();
        }

        /** The subjects split over sites by a seeded random assignment. */
        List<EventTable> sites(int sites, long seed, boolean competing, boolean stratified) {
            Random rnd = new Random(seed);
            int[] site = IntStream.range(0, time.length).map(i -> rnd.nextInt(sites)).toArray();
            int[] st = competing ? status : survivalStatus();
            List<EventTable> out = new ArrayList<>();
            for (int s = 0; s < sites; s++) {
                final int code = s;
                int[] rows = IntStream.range(0, time.length).filter(i -> site[i] == code).toArray();
                out.add(EventTable.of(IntStream.of(rows).mapToDouble(i -> time[i]).toArray(),
                        IntStream.of(rows).map(i -> st[i]).toArray(), competing ? 2 : 1,
                        stratified ? IntStream.of(rows).mapToObj(i -> margin[i]).toArray(String[]::new) : null,
                        IntStream.of(rows).mapToObj(i -> arm[i]).toArray(String[]::new)));
            }
            return out;
        }

        int[] armCodes() {
            return IntStream.range(0, arm.length).map(i -> arm[i].equals("RFA") ? 0 : 1).toArray();
        }

        int[] marginCodes() {
            return IntStream.range(0, margin.length).map(i -> margin[i].equals("<10") ? 0 : 1).toArray();
        }
    }

    private static final String[] ARMS = {"RFA", "RFA+RT"};

    @Test
    void kaplanMeierAndLogRankFromThePooledCountsAreThoseOfThePooledSubjects() {
        Cohort c = Cohort.random(1, 4000);
        KaplanMeierEstimator km = KaplanMeierEstimator.create().withLandmarks(730, 1095).withTau(1095);
        KaplanMeierResult whole = km.fit(c.time(), c.survivalStatus(), c.armCodes(), ARMS);
        LogRankResult wholeTest = LogRankTest.create().test(c.time(), c.survivalStatus(), c.armCodes(), ARMS);
        for (int sites : new int[] {1, 3, 5}) {
            EventTable.Sample pooled = EventTable.pool(c.sites(sites, sites, false, false)).sample();
            assertArrayEquals(ARMS, pooled.groups());
            assertEquals(whole, km.fit(pooled.time(), pooled.status(), pooled.group(), pooled.groups()),
                    sites + " sites: every curve value, median, landmark and RMST");
            assertEquals(wholeTest, LogRankTest.create().test(pooled.time(), pooled.status(), pooled.group(),
                    pooled.groups()), sites + " sites: log-rank");
        }
    }

    @Test
    void reSplittingThePatientsChangesNoPooledValue() {
        Cohort c = Cohort.random(2, 2500);
        EventTable a = EventTable.pool(c.sites(3, 11, false, false));
        EventTable b = EventTable.pool(c.sites(3, 12, false, false));
        assertEquals(a.rows().size(), b.rows().size());
        for (int r = 0; r < a.rows().size(); r++) {
            assertEquals(a.rows().get(r).time(), b.rows().get(r).time());
            assertArrayEquals(a.rows().get(r).counts(), b.rows().get(r).counts());
        }
    }

    @Test
    void theStratifiedLogRankFromPooledCountsIsThatOfThePooledSubjects() {
        Cohort c = Cohort.random(3, 3000);
        LogRankResult whole = LogRankTest.create().test(c.time(), c.survivalStatus(), c.armCodes(), ARMS, c.marginCodes());
        EventTable.Sample pooled = EventTable.pool(c.sites(4, 4, false, true)).sample();
        assertArrayEquals(new String[] {"<10", ">=10"}, pooled.strata());
        assertEquals(whole, LogRankTest.create().test(pooled.time(), pooled.status(), pooled.group(), pooled.groups(),
                pooled.stratum()));
    }

    @Test
    void cumulativeIncidenceAndGraysTestFromPooledCountsAreThoseOfThePooledSubjects() {
        Cohort c = Cohort.random(4, 3000);
        CumulativeIncidenceEstimator cif = CumulativeIncidenceEstimator.create().withTimes(365, 730, 1095);
        CumulativeIncidenceResult whole = cif.fit(c.time(), c.status(), c.armCodes(), ARMS);
        GrayTestResult wholeGray = GrayTest.create().test(c.time(), c.status(), c.armCodes(), ARMS);
        EventTable.Sample pooled = EventTable.pool(c.sites(3, 5, true, false)).sample();
        assertEquals(whole, cif.fit(pooled.time(), pooled.status(), pooled.group(), pooled.groups()));
        assertEquals(wholeGray, GrayTest.create().test(pooled.time(), pooled.status(), pooled.group(), pooled.groups()));
    }

    @Test
    void theSmallestEventCellCountsEventsAndTheRiskSetsAtEventTimes() {
        // group A: events 2 at t=1 (6 at risk), censored 1 at t=2, event 1 at t=3 (3 at risk); group B: 5 events at 4
        double[] time = {1, 1, 2, 3, 5, 5, 4, 4, 4, 4, 4};
        int[] status = {1, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1};
        String[] group = {"A", "A", "A", "A", "A", "A", "B", "B", "B", "B", "B"};
        EventTable t = EventTable.of(time, status, 1, null, group);
        assertEquals(1, t.smallestEventCell(), "one event at t = 3");
        EventTable onlyB = EventTable.of(new double[] {4, 4, 4, 4, 4, 9}, new int[] {1, 1, 1, 1, 1, 0}, 1, null, null);
        assertEquals(5, onlyB.smallestEventCell(), "5 events among 6 at risk");
        EventTable lateEvent = EventTable.of(new double[] {1, 2, 3, 8}, new int[] {0, 0, 0, 1}, 1, null, null);
        assertEquals(1, lateEvent.smallestEventCell(), "1 at risk at the last time");
        assertEquals(0, EventTable.of(new double[0], new int[0], 1, null, null).smallestEventCell());
        assertEquals(11, t.subjects());
        // competing risks: 5 events at t = 4, one of them of cause 2, discloses a cell of 1
        EventTable causes = EventTable.of(new double[] {4, 4, 4, 4, 4, 9}, new int[] {1, 1, 1, 1, 2, 0}, 2, null, null);
        assertEquals(1, causes.smallestEventCell(), "one death without recurrence at t = 4");
    }

    @Test
    void releasedRowsAreCheckedWhenReadBack() {
        EventTable.Row row = new EventTable.Row("", "A", 3, new int[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> EventTable.ofRows(2, List.of(row)), "width");
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> EventTable.ofRows(1, List.of(row, new EventTable.Row("", "A", 3.0, new int[] {0, 1}))));
        assertTrue(twice.getMessage().contains("two rows"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EventTable.Row("", "A", 3, new int[] {-1, 2}));
        assertThrows(IllegalArgumentException.class, () -> EventTable.pool(List.of()));
        assertThrows(IllegalArgumentException.class, () -> EventTable.pool(List.of(
                EventTable.ofRows(1, List.of(row)), EventTable.ofRows(2, List.of()))));
        EventTable site = EventTable.ofRows(1, List.of(row)).withStratumPrefix("site-b/");
        assertEquals("site-b/", site.rows().get(0).stratum());
        assertArrayEquals(new int[] {1, 2}, site.rows().get(0).counts());
    }

    @Test
    void minusZeroIsZeroAndEveryArgumentIsChecked() {
        EventTable t = EventTable.of(new double[] {0.0, -0.0, 2}, new int[] {1, 0, 2}, 2, null, null);
        assertEquals(2, t.causes());
        assertEquals(2, t.rows().size(), "-0.0 and 0.0 are one time");
        assertArrayEquals(new int[] {1, 1, 0}, t.rows().get(0).counts());
        assertEquals(KaplanMeierEstimator.ALL, t.rows().get(0).group());
        assertEquals(2, EventTable.ofRows(2, List.of(new EventTable.Row("", "A", 3, new int[] {1, 2, 0}))).rows().get(0).events());
        assertThrows(IllegalArgumentException.class, () -> EventTable.ofRows(1, List.of(
                new EventTable.Row("", "A", 0.0, new int[] {1, 0}), new EventTable.Row("", "A", -0.0, new int[] {0, 1}))),
                "-0.0 and 0.0 are the same row");
        assertThrows(IllegalArgumentException.class, () -> EventTable.of(new double[] {1}, new int[] {1}, 0, null, null));
        IllegalArgumentException stratum = assertThrows(IllegalArgumentException.class,
                () -> EventTable.of(new double[] {1, 2}, new int[] {1, 0}, 1, new String[] {"a"}, null));
        assertTrue(stratum.getMessage().contains("stratum"), stratum.getMessage());
        IllegalArgumentException group = assertThrows(IllegalArgumentException.class,
                () -> EventTable.of(new double[] {1, 2}, new int[] {1, 0}, 1, null, new String[] {"a", "b", "c"}));
        assertTrue(group.getMessage().contains("group"), group.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EventTable.of(new double[] {1, 2}, new int[] {1, 2}, 1, null, null), "a cause above causes");
    }
}
