package org.hepatica.plugin.mvisubgroups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortView;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.AnalysisRun;
import org.hepatica.testing.ReferenceValues;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MviSubgroupsAnalysisTest {
    private final AnalysisHarness harness = AnalysisHarness.of(new MviSubgroupsAnalysis());

    /**
     * R: per MVI level {@code coxph(Surv ~ arm, subset(d, mvi == level))} (Efron) and
     * {@code anova(coxph(Surv ~ arm + mvi, d), coxph(Surv ~ arm * mvi, d))} on the patients whose MVI is
     * known. Counts exact, the Cox fits relative 1e-4 (R reaches them by iteration).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DFS", "OS"})
    void theSubgroupHazardRatiosAndTheInteractionTestAreThoseOfR(String endpoint) throws Exception {
        JsonNode exp = ReferenceValues.expected("hcc_demo").at("/endpoints/" + endpoint + "/mviSubgroups");
        AnalysisRun run = harness.run(ReferenceValues.cohort("hcc_demo"), Map.of("endpoint", endpoint));
        ReferenceValues.Comparison c = ReferenceValues.compareIterated().node(endpoint, exp, run.json());
        c.assertAllMatch();
        assertEquals(20, c.checked(), "treatment, subgroup, reference, 7 values per level, the interaction's 3");
        JsonNode r = run.json();
        assertEquals("arm=RFA+RT", r.at("/subgroups/0/term").asText());
        assertEquals(384, r.get("n").asInt(), "MVI known for 384 of 400");
        assertEquals(16, r.get("nDropped").asInt());
        assertEquals(16, r.at("/missing/mvi").asInt());
        assertEquals(endpoint, r.get("endpoint").asText());
    }

    @Test
    void theForestPlotHasOneRowPerLevelAndTheInteractionBelow() throws Exception {
        AnalysisRun run = harness.run(ReferenceValues.cohort("hcc_demo"));
        String title = run.figure().orElseThrow().title();
        String d = run.figure().orElseThrow().description();
        assertTrue(title.startsWith("Disease-free survival: RFA+RT vs RFA by mvi"), title);
        // R (DFS): MVI 0 HR 0.56 (0.39-0.80), p = 0.0014; MVI 1 HR 0.60 (0.42-0.87), p = 0.0072; interaction p = 0.83
        assertTrue(d.contains("mvi mvi = 0 0.56 (0.39-0.80), p = 0.001"), d);
        assertTrue(d.contains("mvi mvi = 1 0.60 (0.42-0.87), p = 0.007"), d);
        assertTrue(d.contains("Interaction arm \u00d7 mvi: p = 0.83 (likelihood ratio, 1 df)"), d);
        assertTrue(d.contains("hazard ratio of arm RFA+RT (95% CI)"), d);
    }

    /** Level B of the subgroup holds arm A only: it gets no hazard ratio, and says why. */
    @Test
    void aLevelWithASingleArmHasNoHazardRatio() throws Exception {
        CohortView c = TestCohorts.rows("patient_id", "arm", "site", "dfs_time", "dfs_event")
                .row("P1", "A", "S1", 100, 1).row("P2", "A", "S1", 200, 0).row("P3", "A", "S1", 300, 1)
                .row("P4", "B", "S1", 150, 1).row("P5", "B", "S1", 250, 0).row("P6", "B", "S1", 350, 1)
                .row("P7", "A", "S2", 120, 1).row("P8", "A", "S2", 220, 1).row("P9", "A", "S2", 320, 0)
                .build();
        AnalysisRun run = harness.run(c, Map.of("subgroup", "site"));
        JsonNode s2 = run.json().at("/subgroups/1");
        assertEquals("S2", s2.get("level").asText());
        assertEquals(3, s2.get("n").asInt());
        assertEquals(2, s2.get("events").asInt());
        assertTrue(s2.get("hazardRatio").isNull());
        assertTrue(s2.get("warnings").toString().contains("only arm [A] in this subgroup: no hazard ratio"),
                s2.get("warnings").toString());
        JsonNode s1 = run.json().at("/subgroups/0");
        assertTrue(s1.get("hazardRatio").isNumber());
        assertFalse(s1.get("warnings").toString().contains("only arm"), s1.get("warnings").toString());
        assertEquals("site", run.json().get("subgroup").asText());
        assertEquals("A", run.json().get("reference").asText());
        // the arm x site interaction is aliased (no B in S2): no test, and the result says so
        assertEquals(0, run.json().at("/interaction/df").asInt());
        assertTrue(run.json().at("/interaction/pValue").isNull());
        assertFalse(run.warnings().isEmpty());
        String d = run.figure().orElseThrow().description();
        assertFalse(d.contains("Interaction"), "no interaction p, no footnote: " + d);
    }

    @Test
    void aStoredResultWithoutSubgroupsHasNoFigure() {
        StoredResult stored = new StoredResult("r", "mvi-subgroups", "c", Map.of(), Map.of("subgroups", List.of()), null);
        assertTrue(new MviSubgroupsAnalysis().figure(stored, FigureRequest.DEFAULT).isEmpty());
    }

    @Test
    void theAnalysisIsListedUnderItsContractId() {
        MviSubgroupsAnalysis a = new MviSubgroupsAnalysis();
        assertEquals("mvi-subgroups", a.id());
        assertFalse(a.name().isBlank());
        assertFalse(a.description().isBlank());
        assertEquals(List.of("endpoint", "treatment", "subgroup"), a.parameters().stream().map(p -> p.name()).toList());
        assertEquals("mvi", a.parameters().get(2).defaultValue());
    }
}
