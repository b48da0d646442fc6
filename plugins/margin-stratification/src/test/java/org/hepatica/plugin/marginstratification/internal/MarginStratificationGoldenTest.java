package org.hepatica.plugin.marginstratification.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortView;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.AnalysisRun;
import org.hepatica.testing.ReferenceValues;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The analysis as a whole: against R on the demo cohort, and on small cohorts around the cut-off. */
class MarginStratificationGoldenTest {
    private final AnalysisHarness harness = AnalysisHarness.of(new MarginStratificationAnalysis());

    /**
     * R: {@code d$cls <- ifelse(d$margin_mm < 10, "<10", ">=10")}; {@code survfit(Surv ~ cls, d, conf.type =
     * "log-log")} with landmarks 730, 1095 and rmean 1095; {@code survdiff(Surv ~ cls)};
     * {@code survdiff(Surv ~ arm + strata(cls))}; {@code coxph(Surv ~ arm + strata(cls))} (Efron). Counts
     * exact, closed-form values relative 1e-6, the Cox fit relative 1e-4.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DFS", "OS"})
    void theClassesCurvesAndTestsAreThoseOfR(String endpoint) throws Exception {
        JsonNode exp = ReferenceValues.expected("hcc_demo").at("/endpoints/" + endpoint + "/marginStratification");
        AnalysisRun run = harness.run(ReferenceValues.cohort("hcc_demo"), Map.of("endpoint", endpoint));
        JsonNode r = run.json();
        ReferenceValues.Comparison c = ReferenceValues.compare();
        for (String f : List.of("cutoffMm", "n", "excludedMissingMargin", "km", "logRankBetweenClasses",
                "stratifiedLogRankTreatment")) {
            c.node(f, exp.get(f), r.get(f));
        }
        c.assertAllMatch();
        assertTrue(c.checked() > 1000, "compared " + c.checked() + " values");
        ReferenceValues.compareIterated().node("stratifiedCoxTreatment", exp.get("stratifiedCoxTreatment"),
                r.get("stratifiedCoxTreatment"), Map.of(".tRFA+RT", "arm=RFA+RT")).assertAllMatch();
        assertEquals("arm", r.get("treatment").asText());
        assertEquals(endpoint, r.get("endpoint").asText());
        assertEquals(400, r.at("/stratifiedCoxTreatment/n").asInt());
    }

    /**
     * Margins 9.9, 10 (exactly the cut-off), 10.1, unknown, 4 and 12 mm. The patient at exactly 10 mm is
     * in the upper class; the one without a margin is left out and counted.
     */
    private static CohortView small() {
        return TestCohorts.rows("patient_id", "arm", "margin_mm", "dfs_time", "dfs_event", "os_time", "os_event")
                .row("P1", "RFA", 9.9, 100, 1, 100, 1).row("P2", "RFA", 10, 200, 1, 200, 0)
                .row("P3", "RFA+RT", 10.1, 300, 0, 300, 0).row("P4", "RFA+RT", null, 150, 1, 150, 0)
                .row("P5", "RFA+RT", 4, 250, 1, 250, 1).row("P6", "RFA", 12, 400, 0, 400, 0)
                .build();
    }

    @Test
    void aMarginOfExactly10mmIsInTheUpperClassAndAnUnknownMarginIsLeftOut() throws Exception {
        AnalysisRun run = harness.run(small());
        JsonNode r = run.json();
        assertEquals(6, r.get("n").asInt(), "patients with the endpoint and an arm");
        assertEquals(1, r.get("excludedMissingMargin").asInt());
        assertEquals(1, r.get("nDropped").asInt());
        assertEquals(1, r.at("/missing/margin_mm").asInt());
        assertEquals(10.0, r.get("cutoffMm").asDouble());
        assertEquals("<10", r.at("/km/0/label").asText());
        assertEquals(2, r.at("/km/0/n").asInt(), "9.9 and 4 mm");
        assertEquals(2, r.at("/km/0/events").asInt());
        assertEquals(">=10", r.at("/km/1/label").asText());
        assertEquals(3, r.at("/km/1/n").asInt(), "10, 10.1 and 12 mm");
        assertEquals(1, r.at("/km/1/events").asInt());
        // <10: events at 100 and 250 -> S(100) = 1/2; >=10: event at 200 among 3 -> S(200) = 2/3
        assertEquals(0.5, r.at("/km/0/table/0/survival").asDouble(), 1e-12);
        assertEquals(2.0 / 3, r.at("/km/1/table/0/survival").asDouble(), 1e-12);
        // log-rank between the classes: observed 2 and 1
        assertEquals(2.0, r.at("/logRankBetweenClasses/observed/0").asDouble(), 1e-12);
        assertEquals(1.0, r.at("/logRankBetweenClasses/observed/1").asDouble(), 1e-12);
        assertEquals(5, r.at("/stratifiedCoxTreatment/n").asInt());
        assertEquals(3, r.at("/stratifiedCoxTreatment/events").asInt());
        assertEquals("arm=RFA+RT", r.at("/stratifiedCoxTreatment/terms/0/term").asText());
        assertTrue(run.warnings().stream().anyMatch(w -> w.contains("margin_mm")), run.warnings().toString());
    }

    @Test
    void anotherCutoffMovesThePatientsAtIt() throws Exception {
        JsonNode r = harness.run(small(), Map.of("cutoffMm", 10.1, "endpoint", "OS")).json();
        assertEquals("<10.1", r.at("/km/0/label").asText());
        assertEquals(3, r.at("/km/0/n").asInt(), "9.9, 10 and 4 mm");
        assertEquals(2, r.at("/km/1/n").asInt(), "10.1 and 12 mm");
        assertEquals(10.1, r.get("cutoffMm").asDouble());
        assertEquals("OS", r.get("endpoint").asText());
        // OS events: P1 (9.9 mm, 100 d) and P5 (4 mm, 250 d), both below 10.1
        assertEquals(2, r.at("/km/0/events").asInt());
        assertEquals(0, r.at("/km/1/events").asInt());
    }

    @ParameterizedTest(name = "cutoffMm = {0}")
    @ValueSource(doubles = {0, -5})
    void aCutoffThatIsNoWidthIsRefused(double cutoff) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> harness.run(small(), Map.of("cutoffMm", cutoff)));
        assertEquals("cutoffMm", e.parameter());
        assertTrue(e.getMessage().contains("> 0"), e.getMessage());
    }

    @Test
    void aCohortWithoutMarginsCannotBeStratified() {
        CohortView c = TestCohorts.rows("patient_id", "arm", "dfs_time", "dfs_event")
                .row("P1", "RFA", 100, 1).row("P2", "RFA+RT", 200, 0).build();
        AnalysisException e = assertThrows(AnalysisException.class, () -> harness.run(c));
        assertTrue(e.getMessage().contains("margin_mm"), e.getMessage());
    }

    @Test
    void theFigureNamesTheClassesAsAReaderWritesThemWithTheTests() throws Exception {
        AnalysisRun run = harness.run(ReferenceValues.cohort("hcc_demo"));
        String d = run.figure().orElseThrow().description();
        // R (DFS): log-rank between classes p = 0.0336; stratified Cox HR 0.576 (0.449-0.740), p = 1.5e-5
        assertTrue(d.contains("margin < 10 mm"), d);
        assertTrue(d.contains("margin \u2265 10 mm"), d);
        assertTrue(d.contains("Log-rank between classes p = 0.034"), d);
        assertTrue(d.contains("HR RFA+RT (stratified by class) 0.58 (0.45-0.74), p < 0.001"), d);
        assertTrue(run.figure().orElseThrow().title().startsWith("Disease-free survival by margin width"),
                run.figure().orElseThrow().title());
    }

    @Test
    void aStoredResultWithoutAStratifiedHazardRatioIsDrawnWithoutIt() {
        StoredResult stored = new StoredResult("r", "margin-stratification", "c", Map.of(),
                Map.of("endpoint", "OS", "km", List.of(Map.of("label", "<10", "n", 1, "events", 0, "table", List.of())),
                        "stratifiedCoxTreatment", Map.of("terms", List.of())), null);
        String d = new MarginStratificationAnalysis().figure(stored, FigureRequest.DEFAULT).map(f -> f.description())
                .orElse("");
        assertFalse(d.contains("HR"), d);
    }

    @Test
    void theAnalysisIsListedUnderItsContractId() {
        MarginStratificationAnalysis a = new MarginStratificationAnalysis();
        assertEquals("margin-stratification", a.id());
        assertFalse(a.name().isBlank());
        assertFalse(a.description().isBlank());
        assertEquals(List.of("endpoint", "treatment", "cutoffMm"), a.parameters().stream().map(p -> p.name()).toList());
    }
}
