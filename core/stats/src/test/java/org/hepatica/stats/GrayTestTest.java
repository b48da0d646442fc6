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

class GrayTestTest {

    /**
     * R: {@code cuminc(dfs_time, cause, arm)$Tests} on hcc_demo (rho = 0): statistic, p-value
     * ({@code 1 - pchisq}) and df per cause; 1e-6 relative.
     */
    @Test
    @DisplayName("hcc_demo: cuminc(dfs_time, cause, arm)$Tests")
    void matchesCumincTests() {
        ReferenceCohort hcc = ReferenceCohort.load("hcc_demo");
        JsonNode cr = ReferenceData.expected("hcc_demo").get("competingRisks");
        ReferenceCohort.Factor arm = hcc.factor(cr.get("groupBy").asText());
        GrayTestResult r = GrayTest.create().test(hcc.dfsTime, hcc.dfsCause, arm.codes(),
                arm.labels());
        JsonNode tests = cr.get("grayTest");
        assertEquals(tests.size(), r.tests().size());
        GoldenValues golden = new GoldenValues();
        for (int i = 0; i < tests.size(); i++) {
            JsonNode e = tests.get(i);
            GrayTestResult.CauseTest a = r.tests().get(i);
            assertEquals(e.get("cause").asText(), a.cause());
            golden.number("cause " + a.cause() + " statistic", e.get("statistic"), a.statistic());
            golden.pValue("cause " + a.cause() + " pValue", e.get("pValue"), a.pValue());
            golden.count("cause " + a.cause() + " df", e.get("df"), a.df());
        }
        golden.assertAllMatch();
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    /**
     * With one cause Gray's score is the log-rank O - E (1 - F = S), only the variance estimator
     * differs, so the two statistics are of the same size.
     */
    @Test
    void oneCauseIsCloseToLogRank() {
        Random rnd = new Random(8);
        int n = 400;
        double[] t = new double[n];
        int[] s = new int[n];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = rnd.nextInt(2);
            t[i] = rnd.nextExponential() / (1 + 0.5 * g[i]);
            s[i] = rnd.nextDouble() < 0.8 ? 1 : 0;
        }
        String[] labels = {"a", "b"};
        double gray = GrayTest.create().test(t, s, g, labels).tests().get(0).statistic();
        double logRank = LogRankTest.create().test(t, s, g, labels).chiSquare();
        assertEquals(logRank, gray, 0.2 * logRank);
    }

    @Test
    void relabellingGroupsAndStrataOfOneLevelChangeNothing() {
        Random rnd = new Random(21);
        int n = 300;
        double[] t = new double[n];
        int[] s = new int[n];
        int[] g = new int[n];
        int[] flipped = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = rnd.nextInt(3);
            flipped[i] = 2 - g[i];
            t[i] = rnd.nextInt(100);
            s[i] = rnd.nextInt(3);
        }
        GrayTestResult a = GrayTest.create().test(t, s, g, new String[] {"x", "y", "z"});
        GrayTestResult b = GrayTest.create().test(t, s, flipped, new String[] {"z", "y", "x"});
        GrayTestResult c = GrayTest.create().test(t, s, g, new String[] {"x", "y", "z"},
                new int[n]);
        for (int k = 0; k < 2; k++) {
            double sa = a.tests().get(k).statistic();
            assertEquals(2, a.tests().get(k).df());
            assertEquals(sa, b.tests().get(k).statistic(), 1e-9 * sa);
            assertEquals(sa, c.tests().get(k).statistic(), 1e-12 * sa);
        }
    }

    @Test
    void stratifiedTestAddsScoresOverStrata() {
        Random rnd = new Random(4);
        int n = 300;
        double[] t = new double[n];
        int[] s = new int[n];
        int[] g = new int[n];
        int[] st = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = rnd.nextInt(2);
            st[i] = rnd.nextInt(2);
            t[i] = rnd.nextExponential() * (1 + st[i]);
            s[i] = rnd.nextInt(3);
        }
        GrayTestResult r = GrayTest.create().test(t, s, g, new String[] {"a", "b"}, st);
        assertEquals(2, r.tests().size());
        assertTrue(r.tests().get(0).statistic() >= 0);
        assertTrue(r.tests().get(0).pValue() > 0 && r.tests().get(0).pValue() <= 1);
    }

    @Test
    void oneGroupGivesNoTestAndWarning() {
        GrayTestResult r = GrayTest.create().test(new double[] {1, 2}, new int[] {1, 2},
                new int[] {0, 0}, new String[] {"a", "b"});
        assertTrue(r.tests().isEmpty());
        assertEquals(List.of("group b has no subjects", "fewer than two groups: no test"),
                r.warnings());
    }

    @Test
    void singularVarianceGivesNullStatisticAndWarning() {
        // cause 2 never occurs in a subject who could be compared: V = 0
        GrayTestResult r = GrayTest.create().test(new double[] {1, 1}, new int[] {1, 1},
                new int[] {0, 1}, new String[] {"a", "b"});
        GrayTestResult.CauseTest c = r.cause("1");
        assertNull(c.statistic());
        assertNull(c.pValue());
        assertTrue(r.warnings().get(0).contains("singular"), r.warnings().toString());
    }

    @Test
    void oneSubjectGroupAndTiedTimesGiveAnAnswer() {
        GrayTestResult r = GrayTest.create().test(new double[] {4, 1, 2, 2, 3, 3},
                new int[] {1, 1, 2, 1, 0, 1}, new int[] {0, 1, 1, 1, 1, 1},
                new String[] {"solo", "rest"});
        assertEquals(2, r.tests().size());
        for (GrayTestResult.CauseTest t : r.tests()) {
            assertTrue(t.statistic() == null || (t.statistic() >= 0 && t.pValue() <= 1),
                    t.toString());
        }
    }

    @Test
    void invalidArgumentsAreNamed() {
        assertEquals("rho must be finite, was NaN", assertThrows(IllegalArgumentException.class,
                () -> GrayTest.create().withRho(Double.NaN)).getMessage());
        assertEquals(0.5, GrayTest.create().withRho(0.5).rho());
        GrayTest g = GrayTest.create();
        double[] time = {1, 2, 3, 4};
        int[] status = {1, 2, 0, 1};
        int[] group = {0, 1, 0, 1};
        String[] labels = {"RFA", "RFA+RT"};
        assertMessage("group[1] must be in 0..0, was 1", () -> g.test(time, status, group, new String[] {"RFA"}));
        assertMessage("labels[1] duplicates labels[0]: \"RFA\"",
                () -> g.test(time, status, group, new String[] {"RFA", "RFA"}));
        assertMessage("group has length 3 but time has length 4", () -> g.test(time, status, new int[] {0, 1, 0}, labels));
        assertMessage("strata has length 2 but time has length 4",
                () -> g.test(time, status, group, labels, new int[] {0, 1}));
        assertMessage("strata[3] must be >= 0, was -2",
                () -> g.test(time, status, group, labels, new int[] {0, 1, 0, -2}));
        assertMessage("status has length 3 but time has length 4", () -> g.test(time, new int[] {1, 2, 0}, group, labels));
        assertMessage("status[3] must be >= 0, was -1", () -> g.test(time, new int[] {1, 2, 0, -1}, group, labels));
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
