package org.hepatica.plugin.os.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.hepatica.figure.Figure;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.AnalysisRun;
import org.hepatica.testing.ReferenceValues;
import org.junit.jupiter.api.Test;

class OsAnalysisTest {
    private final AnalysisHarness harness = AnalysisHarness.of(new OsAnalysis());

    /**
     * R on hcc_demo, OS derived from the dates: {@code survfit(Surv(os_time, os_event) ~ arm, conf.type =
     * "log-log")} with {@code summary(fit, times = 1095)}, {@code survdiff(Surv ~ arm)} (relative 1e-6), and
     * {@code summary(coxph(Surv(os_time, os_event) ~ arm))}: HR 0.42259626927368 (0.26003635402060-0.68677938312380),
     * p = 0.00050793576558 (relative 1e-6).
     */
    @Test
    void theTrialsOverallSurvivalAnalysisIsRsAtTheThreeYearLandmark() throws Exception {
        JsonNode exp = ReferenceValues.expected("hcc_demo").at("/endpoints/OS");
        AnalysisRun run = harness.run(ReferenceValues.cohort("hcc_demo"));
        JsonNode r = run.json();
        assertEquals("OS", r.get("endpoint").asText());
        assertEquals(1095.0, r.get("landmark").asDouble(), "the 3-year landmark by default (contract)");
        assertEquals("arm", r.get("treatment").asText());
        assertEquals("RFA", r.get("reference").asText());
        ReferenceValues.Comparison c = ReferenceValues.compare();
        JsonNode groups = exp.at("/km_log-log/byGroup/groups");
        for (int g = 0; g < groups.size(); g++) {
            for (String f : List.of("label", "n", "events", "median", "table")) {
                c.node("group " + g + " " + f, groups.get(g).get(f), r.at("/km/groups/" + g).get(f));
            }
            assertEquals(1095.0, groups.get(g).at("/landmarks/1/time").asDouble());
            c.node("group " + g + " landmark", groups.get(g).at("/landmarks/1"), r.at("/km/groups/" + g + "/landmarks/0"));
            assertEquals(1, r.at("/km/groups/" + g + "/landmarks").size());
        }
        ObjectNode logRank = exp.get("logRank").deepCopy();
        logRank.remove("groupBy");
        c.node("logRank", logRank, r.get("logRank"));
        c.assertAllMatch();
        assertEquals("log-log", r.at("/km/confType").asText());
        JsonNode hr = r.get("hazardRatio");
        assertEquals("arm=RFA+RT", hr.get("term").asText());
        assertEquals(0.42259626927368, hr.get("hazardRatio").asDouble(), 1e-6 * 0.42);
        assertEquals(0.26003635402060, hr.get("lower").asDouble(), 1e-6 * 0.26);
        assertEquals(0.68677938312380, hr.get("upper").asDouble(), 1e-6 * 0.69);
        assertEquals(0.00050793576558, hr.get("pValue").asDouble(), 1e-6 * 5.1e-4);
        assertEquals(1, r.get("hazardRatios").size());
    }

    @Test
    void anotherLandmarkIsTheOneReported() throws Exception {
        JsonNode exp = ReferenceValues.expected("hcc_demo").at("/endpoints/OS/km_log-log/byGroup/groups/0/landmarks/0");
        AnalysisRun run = harness.run(ReferenceValues.cohort("hcc_demo"), Map.of("landmark", 730));
        // R: summary(survfit(...), times = 730)
        ReferenceValues.compare().node("RFA at 730", exp, run.json().at("/km/groups/0/landmarks/0")).assertAllMatch();
    }

    @Test
    void theFigureCarriesTheLandmarkTheLogRankPAndTheHazardRatio() throws Exception {
        Figure f = harness.run(ReferenceValues.cohort("hcc_demo")).figure().orElseThrow();
        assertTrue(f.title().startsWith("Overall survival by arm"), f.title());
        // R: HR 0.42 (0.26-0.69), p = 0.00051
        assertTrue(f.description().contains("HR RFA+RT vs RFA 0.42 (0.26-0.69), p < 0.001"), f.description());
        assertEquals(1, f.description().split("Dotted line", -1).length - 1, f.description());
    }

    @Test
    void theAnalysisIsListedUnderItsContractId() {
        OsAnalysis a = new OsAnalysis();
        assertEquals("os", a.id());
        assertTrue(a.name().contains("Overall survival"), a.name());
        assertFalse(a.description().isBlank());
        assertEquals(List.of("treatment", "landmark", "strata"), a.parameters().stream().map(p -> p.name()).toList());
        assertEquals(1095.0, ((Number) a.parameters().get(1).defaultValue()).doubleValue());
    }
}
