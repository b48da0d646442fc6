package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.CohortView;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.AnalysisRun;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.Test;

class ${analysisClass}Test {
    private final AnalysisHarness harness = AnalysisHarness.of(new ${analysisClass}());

    /** Arm RFA: 100 (death), 200 (alive), 300 (death), 400 (alive); RFA+RT: 150 (alive), 250 (death), 500 (alive). */
    private static CohortView cohort() {
        return TestCohorts.rows("patient_id", "arm", "os_time", "os_event")
                .row("P1", "RFA", 100, 1).row("P2", "RFA", 200, 0).row("P3", "RFA", 300, 1).row("P4", "RFA", 400, 0)
                .row("P5", "RFA+RT", 150, 0).row("P6", "RFA+RT", 250, 1).row("P7", "RFA+RT", 500, 0)
                .build();
    }

    @Test
    void survivalAtTheLandmarkIsTheKaplanMeierEstimateWithItsGreenwoodError() throws Exception {
        AnalysisRun run = harness.run(cohort(), Map.of("landmark", 350));
        JsonNode rfa = run.json().at("/groups/0/landmarks/0");
        // by hand: S(350) = (1 - 1/4)(1 - 1/2) = 0.375;
        // Greenwood: SE = 0.375 * sqrt(1/(4*3) + 1/(2*1)) = 0.375 * sqrt(0.583333) = 0.286411
        // R: summary(survfit(Surv(time, status) ~ arm), times = 350)  (tolerance 1e-6)
        assertEquals(0.375, rfa.get("survival").asDouble(), 1e-12);
        assertEquals(0.286411, rfa.get("stdErr").asDouble(), 1e-6);
        assertEquals(1, rfa.get("nRisk").asInt(), "at risk at 350: the patient followed to 400");
        // RFA+RT: S(350) = 1 - 1/2 = 0.5
        assertEquals(0.5, run.json().at("/groups/1/landmarks/0/survival").asDouble(), 1e-12);
        assertEquals("RFA+RT", run.json().at("/groups/1/label").asText());
        assertEquals(7, run.json().get("n").asInt());
        assertTrue(run.figure().isPresent(), "the curves are drawn");
    }

    @Test
    void aNegativeLandmarkIsRefusedNamingTheParameter() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> harness.run(cohort(), Map.of("landmark", -1)));
        assertEquals("landmark", e.parameter());
    }

    @Test
    void aColumnTheCohortLacksIsRefusedNamingTheParameter() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> harness.run(cohort(), Map.of("groupBy", "site")));
        assertEquals("groupBy", e.parameter());
    }
}
