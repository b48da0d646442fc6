package org.example.hcc.rmst.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.CohortView;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.AnalysisRun;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.Test;

class RmstDifferenceAnalysisTest {
    private final AnalysisHarness harness = AnalysisHarness.of(new RmstDifferenceAnalysis());

    /** RFA: 100 (event), 200 (censored), 300 (event), 400 (censored); RFA+RT: 150 (censored), 250 (event), 500 (censored). */
    private static CohortView small() {
        return TestCohorts.rows("patient_id", "arm", "dfs_time", "dfs_event", "os_time", "os_event")
                .row("P1", "RFA", 100, 1, 100, 1).row("P2", "RFA", 200, 0, 200, 0).row("P3", "RFA", 300, 1, 300, 1)
                .row("P4", "RFA", 400, 0, 400, 0).row("P5", "RFA+RT", 150, 0, 150, 0).row("P6", "RFA+RT", 250, 1, 250, 1)
                .row("P7", "RFA+RT", 500, 0, 500, 0)
                .build();
    }

    /**
     * By hand, tau = 350.
     * RFA: S = 1 on [0,100), 3/4 on [100,300), 3/8 on [300,350]: RMST = 100 + 0.75*200 + 0.375*50 = 268.75;
     *   areas after each event time up to tau: A(100) = 150 + 18.75 = 168.75, A(300) = 18.75;
     *   Var = 168.75^2 * 1/(4*3) + 18.75^2 * 1/(2*1) = 2548.828125, SE = 50.485920.
     * RFA+RT: S = 1 on [0,250), 1/2 on [250,350]: RMST = 300; Var = 50^2 * 1/(2*1) = 1250, SE = 35.355339.
     * D = 300 - 268.75 = 31.25; SE(D) = sqrt(2548.828125 + 1250) = 61.634634;
     * 95 %: 31.25 -/+ 1.959964 * 61.634634 = (-89.551663, 152.051663); p = 2 (1 - Phi(0.507022)) = 0.612141.
     * (Python: statistics.NormalDist; tolerance 1e-6.)
     */
    @Test
    void theDifferenceAndItsIntervalAreTheHandComputation() throws Exception {
        AnalysisRun run = harness.run(small(), Map.of("tau", 350));
        JsonNode r = run.json();
        assertEquals(268.75, r.at("/arms/0/estimate").asDouble(), 1e-9);
        assertEquals(50.485920, r.at("/arms/0/stdErr").asDouble(), 1e-6);
        assertEquals(300.0, r.at("/arms/1/estimate").asDouble(), 1e-9);
        assertEquals(35.355339, r.at("/arms/1/stdErr").asDouble(), 1e-6);
        JsonNode d = r.get("difference");
        assertEquals("RFA+RT - RFA", d.get("contrast").asText());
        assertEquals(31.25, d.get("estimate").asDouble(), 1e-9);
        assertEquals(61.634634, d.get("stdErr").asDouble(), 1e-6);
        assertEquals(-89.551663, d.get("lower").asDouble(), 1e-6);
        assertEquals(152.051663, d.get("upper").asDouble(), 1e-6);
        assertEquals(0.612141, d.get("pValue").asDouble(), 1e-6);
        assertTrue(run.figure().isPresent(), "the curves are drawn with the horizon");
    }

    /**
     * The reference cohort against R: per arm, R survival 3.5.3
     * {@code print(survfit(Surv(dfs_time, dfs_event) ~ arm), rmean = 1095)} (../shared/reference,
     * endpoints.DFS.km_log-log.byGroup); the difference and its Wald interval combine them as
     * {@code survRMST::rmst2(time, status, arm, tau = 1095)} does. Relative tolerance 1e-6.
     */
    @Test
    void theReferenceCohortMatchesR() throws Exception {
        Path dir = Path.of(System.getProperty("hepatica.reference.dir", "../../../shared/reference"));
        assertTrue(Files.exists(dir.resolve("hcc_demo.csv")), "the reference cohorts (../shared/reference) are needed: none at " + dir);
        JsonNode groups = new ObjectMapper().readTree(dir.resolve("hcc_demo.expected.json").toFile())
                .at("/endpoints/DFS/km_log-log/byGroup/groups");
        AnalysisRun run = harness.run(TestCohorts.csv(dir.resolve("hcc_demo.csv")), Map.of("tau", 1095));
        for (int i = 0; i < 2; i++) {
            JsonNode expected = groups.get(i).get("rmst");
            JsonNode arm = run.json().at("/arms/" + i);
            assertEquals(groups.get(i).get("label").asText(), arm.get("label").asText());
            assertClose(expected.get("estimate").asDouble(), arm.get("estimate").asDouble(), "RMST " + arm.get("label"));
            assertClose(expected.get("stdErr").asDouble(), arm.get("stdErr").asDouble(), "SE " + arm.get("label"));
        }
        JsonNode d = run.json().get("difference");
        // R: 810.897996000804 - 647.871323237507 = 163.026673; SE = sqrt(27.62096^2 + 30.29448^2) = 40.996012;
        // 95 %: (82.675966, 243.377380); p = 6.98938e-05
        assertClose(163.026673, d.get("estimate").asDouble(), "difference");
        assertClose(40.996012, d.get("stdErr").asDouble(), "SE of the difference");
        assertClose(82.675966, d.get("lower").asDouble(), "lower");
        assertClose(243.377380, d.get("upper").asDouble(), "upper");
        assertEquals(6.98938e-05, d.get("pValue").asDouble(), 1e-9);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-6, what);
    }

    @Test
    void theHorizonIsRequiredAndPositive() {
        assertEquals("tau", assertThrows(InvalidParameterException.class, () -> harness.run(small())).parameter());
        assertEquals("tau", assertThrows(InvalidParameterException.class,
                () -> harness.run(small(), Map.of("tau", 0))).parameter());
    }

    @Test
    void moreThanTwoArmsAreRefused() {
        CohortView three = TestCohorts.rows("patient_id", "arm", "dfs_time", "dfs_event", "os_time", "os_event")
                .row("P1", "A", 10, 1, 10, 1).row("P2", "B", 20, 1, 20, 1).row("P3", "C", 30, 0, 30, 0).build();
        AnalysisException e = assertThrows(AnalysisException.class, () -> harness.run(three, Map.of("tau", 25)));
        assertTrue(e.getMessage().contains("two arms"), e.getMessage());
    }

    @Test
    void theNormalQuantileIsR() {
        // R: qnorm(0.975) = 1.959963984540054, qnorm(0.95) = 1.644853626951472
        assertEquals(1.959963984540054, RmstDifferenceAnalysis.normalQuantile(0.975), 1e-9);
        assertEquals(1.644853626951472, RmstDifferenceAnalysis.normalQuantile(0.95), 1e-9);
    }
}
