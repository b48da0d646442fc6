package org.hepatica.plugin.dfs.internal;

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

class DfsAnalysisTest {
    private final AnalysisHarness harness = AnalysisHarness.of(new DfsAnalysis());

    /**
     * R on hcc_demo, DFS derived from the dates: {@code survfit(Surv(dfs_time, dfs_event) ~ arm, conf.type =
     * "log-log")} with {@code summary(fit, times = 730)}, {@code survdiff(Surv ~ arm)} (relative 1e-6), and
     * {@code summary(coxph(Surv(dfs_time, dfs_event) ~ arm))}: HR 0.590344937334 (0.460176950811-0.757332900792),
     * p = 3.36890312097e-05 (relative 1e-6).
     */
    @Test
    void theTrialsPrimaryAnalysisIsRsAtTheTwoYearLandmark() throws Exception {
        JsonNode exp = ReferenceValues.expected("hcc_demo").at("/endpoints/DFS");
        AnalysisRun run = harness.run(ReferenceValues.cohort("hcc_demo"));
        JsonNode r = run.json();
        assertEquals("DFS", r.get("endpoint").asText());
        assertEquals(730.0, r.get("landmark").asDouble(), "the 2-year landmark by default (contract)");
        assertEquals("arm", r.get("treatment").asText());
        assertEquals("RFA", r.get("reference").asText());
        ReferenceValues.Comparison c = ReferenceValues.compare();
        JsonNode groups = exp.at("/km_log-log/byGroup/groups");
        for (int g = 0; g < groups.size(); g++) {
            for (String f : List.of("label", "n", "events", "median", "table")) {
                c.node("group " + g + " " + f, groups.get(g).get(f), r.at("/km/groups/" + g).get(f));
            }
            assertEquals(730.0, groups.get(g).at("/landmarks/0/time").asDouble());
            c.node("group " + g + " landmark", groups.get(g).at("/landmarks/0"), r.at("/km/groups/" + g + "/landmarks/0"));
            assertEquals(1, r.at("/km/groups/" + g + "/landmarks").size());
        }
        ObjectNode logRank = exp.get("logRank").deepCopy();
        logRank.remove("groupBy");
        c.node("logRank", logRank, r.get("logRank"));
        c.assertAllMatch();
        assertEquals("log-log", r.at("/km/confType").asText());
        JsonNode hr = r.get("hazardRatio");
        assertEquals("arm=RFA+RT", hr.get("term").asText());
        assertEquals(0.590344937334, hr.get("hazardRatio").asDouble(), 1e-6 * 0.59);
        assertEquals(0.460176950811, hr.get("lower").asDouble(), 1e-6 * 0.46);
        assertEquals(0.757332900792, hr.get("upper").asDouble(), 1e-6 * 0.76);
        assertEquals(3.36890312097e-05, hr.get("pValue").asDouble(), 1e-6 * 3.4e-5);
        assertEquals(1, r.get("hazardRatios").size());
    }

    @Test
    void anotherLandmarkIsTheOneReported() throws Exception {
        JsonNode exp = ReferenceValues.expected("hcc_demo").at("/endpoints/DFS/km_log-log/byGroup/groups/0/landmarks/1");
        AnalysisRun run = harness.run(ReferenceValues.cohort("hcc_demo"), Map.of("landmark", 1095));
        // R: summary(survfit(...), times = 1095)
        ReferenceValues.compare().node("RFA at 1095", exp, run.json().at("/km/groups/0/landmarks/0")).assertAllMatch();
    }

    @Test
    void theFigureCarriesTheLandmarkTheLogRankPAndTheHazardRatio() throws Exception {
        Figure f = harness.run(ReferenceValues.cohort("hcc_demo")).figure().orElseThrow();
        assertTrue(f.title().startsWith("Disease-free survival by arm"), f.title());
        // R: log-rank p = 2.8e-5; HR 0.59 (0.46-0.76), p = 3.4e-5
        assertTrue(f.description().contains("Log-rank p < 0.001"), f.description());
        assertTrue(f.description().contains("HR RFA+RT vs RFA 0.59 (0.46-0.76), p < 0.001"), f.description());
        assertEquals(1, f.description().split("Dotted line", -1).length - 1, f.description());
    }

    @Test
    void theAnalysisIsListedUnderItsContractId() {
        DfsAnalysis a = new DfsAnalysis();
        assertEquals("dfs", a.id());
        assertTrue(a.name().contains("Disease-free"), a.name());
        assertFalse(a.description().isBlank());
        assertEquals(List.of("treatment", "landmark", "strata"), a.parameters().stream().map(p -> p.name()).toList());
        assertEquals(730.0, ((Number) a.parameters().get(1).defaultValue()).doubleValue());
    }
}
