package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CumulativeIncidenceEstimatorTest {

    /**
     * R: {@code fit <- cuminc(dfs_time, cause, arm); timepoints(fit, c(365, 730, 1095))} on
     * hcc_demo, cause 1 = recurrence first, 2 = death without recurrence. Estimates and
     * variances to 1e-6 relative.
     */
    @Test
    @DisplayName("hcc_demo: timepoints(cuminc(dfs_time, cause, arm), c(365, 730, 1095))")
    void matchesCuminc() {
        ReferenceCohort hcc = ReferenceCohort.load("hcc_demo");
        JsonNode cr = ReferenceData.expected("hcc_demo").get("competingRisks");
        assertEquals("dfs_time", cr.get("time").asText());
        ReferenceCohort.Factor arm = hcc.factor(cr.get("groupBy").asText());
        JsonNode curves = cr.get("cif");
        double[] times = KaplanMeierEstimatorTest.doubles(curves.get(0).get("times"));
        CumulativeIncidenceResult r = CumulativeIncidenceEstimator.create().withTimes(times)
                .fit(hcc.dfsTime, hcc.dfsCause, arm.codes(), arm.labels());
        assertEquals(curves.size(), r.cif().size());
        GoldenValues golden = new GoldenValues();
        for (int c = 0; c < curves.size(); c++) {
            JsonNode e = curves.get(c);
            CumulativeIncidenceResult.Curve a = r.cif().get(c);
            assertEquals(e.get("curve").asText(), a.curve());
            for (int i = 0; i < e.get("times").size(); i++) {
                String w = a.curve() + " t=" + e.get("times").get(i);
                golden.number(w + " time", e.get("times").get(i), a.times().get(i));
                golden.number(w + " estimate", e.get("estimate").get(i), a.estimate().get(i));
                golden.number(w + " variance", e.get("variance").get(i), a.variance().get(i));
            }
        }
        golden.assertAllMatch();
        assertEquals(36, golden.checked());
    }

    /** The derived DFS endpoint agrees with the reference KM section (same n and events). */
    @Test
    void dfsCauseAgreesWithDfsEvent() {
        ReferenceCohort hcc = ReferenceCohort.load("hcc_demo");
        for (int i = 0; i < hcc.size(); i++) {
            assertEquals(hcc.dfsEvent[i], hcc.dfsCause[i] == 0 ? 0 : 1);
        }
        JsonNode overall = ReferenceData.expected("hcc_demo").get("endpoints").get("DFS")
                .get("km_log").get("overall").get(0);
        assertEquals(overall.get("events").asInt(),
                java.util.Arrays.stream(hcc.dfsEvent).sum());
    }

    // ---------------------------------------------------------------- hand-checked cases

    /**
     * Small sample by hand: times 1..5, causes 1, 2, 0, 1, 0.
     * S(t-): 1, 4/5, 3/5 (t=3 censored), 3/5 at t=4 with n = 2.
     */
    @Test
    void smallSampleByHand() {
        double[] t = {1, 2, 3, 4, 5};
        int[] s = {1, 2, 0, 1, 0};
        CumulativeIncidenceResult r = CumulativeIncidenceEstimator.create().fit(t, s);
        CumulativeIncidenceResult.Curve c1 = r.curve("all 1");
        assertEquals(List.of(1.0, 4.0), c1.times());
        assertEquals(0.2, c1.estimate().get(0), 1e-15);
        assertEquals(0.2 + 0.6 * 1 / 2, c1.estimate().get(1), 1e-15);
        CumulativeIncidenceResult.Curve c2 = r.curve("all 2");
        assertEquals(List.of(2.0), c2.times());
        assertEquals(0.2, c2.estimate().get(0), 1e-15);
        // first jump of cause 1: n = 5, d1 = 1, S+ = 4/5: w = 1/25, a = 5/4, F = 1/5
        // Var = (1 + a F)^2 w + F^2 a^2 w - 2 F a (1 + a F) w = w (1 + aF - aF)^2 = w
        assertEquals(1.0 / 25, c1.variance().get(0), 1e-15);
        // at requested times: before the first jump 0, after the last follow-up null
        CumulativeIncidenceResult at = CumulativeIncidenceEstimator.create()
                .withTimes(6, 0.5, 4, 4).fit(t, s);
        CumulativeIncidenceResult.Curve a1 = at.curve("all 1");
        assertEquals(List.of(0.5, 4.0, 6.0), a1.times());
        assertEquals(0.0, a1.estimate().get(0));
        assertEquals(0.0, a1.variance().get(0));
        assertEquals(0.5, a1.estimate().get(1), 1e-15);
        assertNull(a1.estimate().get(2));
        assertNull(a1.variance().get(2));
        assertTrue(at.warnings().get(0).contains("no estimate"), at.warnings().toString());
    }

    @Test
    void curvesAreCauseMajorAndNamedGroupCause() {
        CumulativeIncidenceResult r = CumulativeIncidenceEstimator.create().fit(
                new double[] {1, 2, 3, 4, 5, 6}, new int[] {1, 3, 0, 3, 1, 0},
                new int[] {0, 0, 0, 1, 1, 1}, new String[] {"RFA", "RFA+RT"});
        assertEquals(List.of("RFA 1", "RFA+RT 1", "RFA 3", "RFA+RT 3"),
                r.cif().stream().map(CumulativeIncidenceResult.Curve::curve).toList());
        assertEquals("RFA+RT", r.cif().get(3).group());
        assertEquals("3", r.cif().get(3).cause());
    }

    // ---------------------------------------------------------------- properties

    /** With a single cause, the cumulative incidence is 1 - Kaplan-Meier at every time. */
    @Test
    void oneCauseGivesOneMinusKaplanMeier() {
        Random rnd = new Random(42);
        for (int rep = 0; rep < 50; rep++) {
            int n = 2 + rnd.nextInt(100);
            double[] t = new double[n];
            int[] s = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = rnd.nextInt(40);
                s[i] = rnd.nextDouble() < 0.7 ? 1 : 0;
            }
            double[] grid = {0, 5, 10, 20, 39};
            KaplanMeierResult.Curve km = KaplanMeierEstimator.create().withLandmarks(grid)
                    .fit(t, s).groups().get(0);
            CumulativeIncidenceResult cif = CumulativeIncidenceEstimator.create().withTimes(grid)
                    .fit(t, s);
            if (cif.cif().isEmpty()) {
                continue; // no events
            }
            CumulativeIncidenceResult.Curve c = cif.cif().get(0);
            for (int i = 0; i < grid.length; i++) {
                if (c.estimate().get(i) == null) {
                    continue; // after the last follow-up
                }
                assertEquals(1 - km.landmarks().get(i).survival(), c.estimate().get(i), 1e-12);
            }
        }
    }

    /** The causes' incidences add up to 1 - all-cause Kaplan-Meier; each is non-decreasing. */
    @Test
    void causesAddUpToAllCauseFailure() {
        Random rnd = new Random(17);
        for (int rep = 0; rep < 50; rep++) {
            int n = 5 + rnd.nextInt(120);
            double[] t = new double[n];
            int[] cause = new int[n];
            int[] event = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = rnd.nextInt(50);
                cause[i] = rnd.nextInt(4); // 0 censored, 1..3
                event[i] = cause[i] == 0 ? 0 : 1;
            }
            double[] grid = {1, 10, 25, 40};
            CumulativeIncidenceResult cif = CumulativeIncidenceEstimator.create().withTimes(grid)
                    .fit(t, cause);
            KaplanMeierResult.Curve km = KaplanMeierEstimator.create().withLandmarks(grid)
                    .fit(t, event).groups().get(0);
            for (int i = 0; i < grid.length; i++) {
                double sum = 0;
                boolean defined = true;
                for (CumulativeIncidenceResult.Curve c : cif.cif()) {
                    Double e = c.estimate().get(i);
                    if (e == null) {
                        defined = false;
                        break;
                    }
                    sum += e;
                    if (i > 0) {
                        assertTrue(e >= c.estimate().get(i - 1));
                    }
                    assertTrue(c.variance().get(i) >= -1e-15);
                }
                if (defined) {
                    assertEquals(1 - km.landmarks().get(i).survival(), sum, 1e-12);
                }
            }
        }
    }

    // ---------------------------------------------------------------- degenerate data

    @Test
    void noFailuresGivesNoCurvesAndWarning() {
        CumulativeIncidenceResult r = CumulativeIncidenceEstimator.create()
                .fit(new double[] {1, 2}, new int[] {0, 0});
        assertTrue(r.cif().isEmpty());
        assertEquals(List.of("no failures of any cause: no curves"), r.warnings());
    }

    @Test
    void oneSubjectAndAllTiedGroupsGiveAnAnswer() {
        CumulativeIncidenceResult r = CumulativeIncidenceEstimator.create().withTimes(3).fit(
                new double[] {3, 3, 3, 3}, new int[] {1, 2, 0, 1}, new int[] {0, 1, 1, 1},
                new String[] {"solo", "tied"});
        assertEquals(1.0, r.curve("solo 1").estimate().get(0));
        // cinc with n = 1: S+ = 0, so a = 0 and Var = w = 1 (as cmprsk reports)
        assertEquals(1.0, r.curve("solo 1").variance().get(0));
        assertEquals(1.0 / 3, r.curve("tied 1").estimate().get(0), 1e-15);
        assertEquals(1.0 / 3, r.curve("tied 2").estimate().get(0), 1e-15);
    }

    @Test
    void invalidArgumentsAreNamed() {
        assertEquals("status[0] must be >= 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> CumulativeIncidenceEstimator
                        .create().fit(new double[] {1}, new int[] {-1})).getMessage());
        assertEquals("times must not be empty", assertThrows(IllegalArgumentException.class,
                () -> CumulativeIncidenceEstimator.create().withTimes()).getMessage());
    }
}
