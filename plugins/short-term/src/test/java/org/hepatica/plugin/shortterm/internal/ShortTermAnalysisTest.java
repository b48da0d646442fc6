package org.hepatica.plugin.shortterm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.cohort.CohortView;
import org.hepatica.figure.Figure;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.AnalysisRun;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.Test;

class ShortTermAnalysisTest {
    private final AnalysisHarness harness = AnalysisHarness.of(new ShortTermAnalysis());

    private static Path reference(String file) {
        return Path.of(System.getProperty("hepatica.reference.dir", "../../../shared/reference")).resolve(file);
    }

    private static void close(List<String> mismatches, String what, JsonNode expected, JsonNode actual) {
        double e = expected.asDouble();
        if (actual == null || !actual.isNumber() || Math.abs(e - actual.asDouble()) > 1e-6 * Math.abs(e)) {
            mismatches.add(what + ": expected " + e + ", was " + actual);
        }
    }

    /**
     * R on hcc_demo: {@code table(arm, response_mrecist)}; per rate {@code binom.test(count, n)$conf.int}
     * (Clopper-Pearson), {@code fisher.test(table)}, {@code chisq.test(table, correct = FALSE)};
     * counts exact, the rest relative 1e-6.
     */
    @Test
    void responsesRatesAndTestsOfTheDemoCohortMatchR() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(reference("hcc_demo.expected.json").toFile()).get("shortTerm");
        AnalysisRun run = harness.run(TestCohorts.csv(reference("hcc_demo.csv")));
        JsonNode r = run.json();
        List<String> mismatches = new ArrayList<>();
        assertEquals(expected.get("notAssessed").asInt(), r.get("notAssessed").asInt());
        for (int a = 0; a < 2; a++) {
            JsonNode e = expected.get("responseCounts").get(a);
            JsonNode c = r.get("responseCounts").get(a);
            for (String f : List.of("arm", "CR", "PR", "SD", "PD")) {
                if (!e.get(f).asText().equals(c.get(f).asText())) {
                    mismatches.add("responseCounts " + a + " " + f + ": expected " + e.get(f) + ", was " + c.get(f));
                }
            }
        }
        for (String rate : List.of("objectiveResponse", "diseaseControl", "adverseGrade3Plus")) {
            for (int a = 0; a < 2; a++) {
                JsonNode e = expected.get(rate).get("byArm").get(a);
                JsonNode c = r.get(rate).get("byArm").get(a);
                for (String f : List.of("arm", "count", "n")) {
                    if (!e.get(f).asText().equals(c.get(f).asText())) {
                        mismatches.add(rate + " " + a + " " + f + ": expected " + e.get(f) + ", was " + c.get(f));
                    }
                }
                for (String f : List.of("rate", "lower", "upper")) {
                    close(mismatches, rate + " " + a + " " + f, e.get(f), c.get(f));
                }
            }
            for (String f : List.of("fisherPValue", "chiSquare", "chiSquarePValue")) {
                close(mismatches, rate + " " + f, expected.get(rate).get("test").get(f), r.get(rate).get("test").get(f));
            }
            assertEquals(1, r.get(rate).get("test").get("df").asInt());
        }
        assertEquals(List.of(), mismatches);
        assertEquals(400, r.get("n").asInt());
        assertEquals(0, r.get("nDropped").asInt());
        int notAssessed = r.at("/responseCounts/0/notAssessed").asInt() + r.at("/responseCounts/1/notAssessed").asInt();
        assertEquals(12, notAssessed, "the arms' not-assessed patients add up to the total");
        assertTrue(run.warnings().contains(
                "12 patients not assessed by mRECIST: counted apart, left out of the response rates"), run.warnings().toString());
        assertEquals(1, run.warnings().size(), run.warnings().toString());
    }

    /** The figure's text (its description) carries the rates of R's reference as percentages with their intervals. */
    @Test
    void theFigureShowsEachArmsRatesAndFishersP() throws Exception {
        AnalysisRun run = harness.run(TestCohorts.csv(reference("hcc_demo.csv")));
        Figure f = run.figure().orElseThrow();
        String d = f.description();
        // ORR RFA 170/193 = 88.1 % (82.7-92.3), RFA+RT 185/195 = 94.9 % (90.8-97.5); Fisher p = 0.0182
        assertTrue(d.contains("ORR 88.1% (82.7\u201392.3)"), d);
        assertTrue(d.contains("DCR 97.4% (94.1\u201399.2)"), d);
        assertTrue(d.contains("Objective response (CR+PR): RFA 88.1% (82.7\u201392.3), RFA+RT 94.9% (90.8\u201397.5);"
                + " Fisher p = 0.018"), d);
        assertTrue(d.contains("Grade \u2265 3 adverse events: RFA 5.0% (2.4\u20139.0), RFA+RT 9.0% (5.4\u201313.9);"
                + " Fisher p = 0.17"), d);
        assertTrue(d.contains("Disease control (not PD)"), d);
        // RFA: CR 155 of 193 assessed
        assertTrue(d.contains("CR 155 (80.3%)"), d);
        assertTrue(f.svg().contains("Assessed patients (%)"));
        assertTrue(f.title().contains("by arm"), f.title());
    }

    // ---------------------------------------------------------------- small cohorts counted by hand

    /**
     * Arm A: CR, pr (lower case), " SD" (padded), PD and two not assessed;
     * grades 3, 2, 4, missing, 0, 5. Arm B: CR, CR, PD; grades 1, 2, 2. One patient without an arm.
     */
    private static CohortView small() {
        return TestCohorts.rows("patient_id", "arm", "response_mrecist", "ae_max_grade", "os_time", "os_event")
                .row("P1", "A", "CR", 3, 100, 0).row("P2", "A", "pr", 2, 100, 0).row("P3", "A", " SD", 4, 100, 0)
                .row("P4", "A", "PD", null, 100, 0).row("P5", "A", null, 0, 100, 0).row("P6", "A", null, 5, 100, 0)
                .row("P7", "B", "CR", 1, 100, 0).row("P8", "B", "CR", 2, 100, 0).row("P9", "B", "PD", 2, 100, 0)
                .row("P10", null, "CR", 3, 100, 0)
                .build();
    }

    @Test
    void responsesAreCountedPerArmAndAnythingElseIsNotAssessed() throws Exception {
        AnalysisRun run = harness.run(small());
        JsonNode a = run.json().at("/responseCounts/0");
        assertEquals("A", a.get("arm").asText());
        assertEquals(List.of(1, 1, 1, 1, 2), List.of(a.get("CR").asInt(), a.get("PR").asInt(), a.get("SD").asInt(),
                a.get("PD").asInt(), a.get("notAssessed").asInt()));
        JsonNode b = run.json().at("/responseCounts/1");
        assertEquals(List.of(2, 0, 0, 1, 0), List.of(b.get("CR").asInt(), b.get("PR").asInt(), b.get("SD").asInt(),
                b.get("PD").asInt(), b.get("notAssessed").asInt()));
        assertEquals(2, run.json().get("notAssessed").asInt());
        assertEquals(9, run.json().get("n").asInt());
        assertEquals(1, run.json().get("nDropped").asInt());
        assertTrue(run.warnings().contains("1 of 10 patients left out for a missing value (arm missing for 1)"));
        assertEquals(2, run.warnings().size(), run.warnings().toString());
        assertTrue(run.warnings().contains(
                "2 patients not assessed by mRECIST: counted apart, left out of the response rates"));
    }

    @Test
    void objectiveResponseAndDiseaseControlAreOverTheAssessedPatients() throws Exception {
        JsonNode r = harness.run(small()).json();
        // A: CR + PR = 2 of 4 assessed; B: 2 of 3
        JsonNode orrA = r.at("/objectiveResponse/byArm/0");
        assertEquals(2, orrA.get("count").asInt());
        assertEquals(4, orrA.get("n").asInt());
        assertEquals(0.5, orrA.get("rate").asDouble(), 1e-12);
        // R: binom.test(2, 4)$conf.int = 0.06758599, 0.93241401
        assertEquals(0.06758599, orrA.get("lower").asDouble(), 1e-7);
        assertEquals(0.93241401, orrA.get("upper").asDouble(), 1e-7);
        assertEquals(2, r.at("/objectiveResponse/byArm/1/count").asInt());
        assertEquals(3, r.at("/objectiveResponse/byArm/1/n").asInt());
        // not PD: A 3 of 4, B 2 of 3
        assertEquals(3, r.at("/diseaseControl/byArm/0/count").asInt());
        assertEquals(4, r.at("/diseaseControl/byArm/0/n").asInt());
        assertEquals(2, r.at("/diseaseControl/byArm/1/count").asInt());
        assertEquals(3, r.at("/diseaseControl/byArm/1/n").asInt());
        // ORR table {{2, 2}, {2, 1}}: X^2 = 7 (2 - 4)^2 / (4 * 3 * 4 * 3) = 0.19444, 1 df;
        // R: chisq.test(matrix(c(2,2,2,1), 2), correct = FALSE)$p.value = 0.6592430, fisher.test(...)$p.value = 1
        JsonNode test = r.at("/objectiveResponse/test");
        assertEquals(7.0 * 4 / 144, test.get("chiSquare").asDouble(), 1e-12);
        assertEquals(1, test.get("df").asInt());
        assertEquals(0.6592430, test.get("chiSquarePValue").asDouble(), 1e-7);
        assertEquals(1.0, test.get("fisherPValue").asDouble(), 1e-9);
    }

    @Test
    void gradeThreeAndAboveIsCountedOverThePatientsWithAGrade() throws Exception {
        JsonNode r = harness.run(small()).json();
        // A: grades 3, 2, 4, -, 0, 5 -> 3 of 5 at grade >= 3 (exactly 3 counts); B: 1, 2, 2 -> 0 of 3
        JsonNode a = r.at("/adverseGrade3Plus/byArm/0");
        assertEquals(3, a.get("count").asInt());
        assertEquals(5, a.get("n").asInt());
        assertEquals(0.6, a.get("rate").asDouble(), 1e-12);
        JsonNode b = r.at("/adverseGrade3Plus/byArm/1");
        assertEquals(0, b.get("count").asInt());
        assertEquals(3, b.get("n").asInt());
        // R: binom.test(0, 3)$conf.int = 0, 0.7075982
        assertEquals(0.0, b.get("lower").asDouble(), 1e-12);
        assertEquals(0.7075982, b.get("upper").asDouble(), 1e-7);
        // R: fisher.test(matrix(c(3,0,2,3), 2))$p.value = 0.1964286
        assertEquals(0.1964286, r.at("/adverseGrade3Plus/test/fisherPValue").asDouble(), 1e-7);
    }

    @Test
    void withASingleArmThereIsNoTestBetweenArms() throws Exception {
        CohortView c = TestCohorts.rows("patient_id", "arm", "response_mrecist", "ae_max_grade", "os_time", "os_event")
                .row("P1", "A", "CR", 3, 100, 0).row("P2", "A", "PD", 1, 100, 0).row("P3", "A", "SD", 1, 100, 0)
                .build();
        AnalysisRun run = harness.run(c);
        JsonNode test = run.json().at("/objectiveResponse/test");
        assertEquals(0, test.get("df").asInt());
        assertTrue(test.get("fisherPValue").isNull());
        assertTrue(test.get("chiSquare").isNull());
        assertTrue(test.get("chiSquarePValue").isNull());
        assertEquals(List.of(), run.warnings(), "nothing to warn about: no missing arm, everyone assessed and graded");
        assertEquals(1.0 / 3, run.json().at("/objectiveResponse/byArm/0/rate").asDouble(), 1e-12);
    }

    @Test
    void withoutAGradeColumnThereIsNoAdverseEventRateAndItIsSaid() throws Exception {
        CohortView c = TestCohorts.rows("patient_id", "arm", "response_mrecist", "os_time", "os_event")
                .row("P1", "A", "CR", 100, 0).row("P2", "B", "PD", 100, 0)
                .build();
        AnalysisRun run = harness.run(c);
        assertTrue(run.json().get("adverseGrade3Plus").isNull());
        assertTrue(run.warnings().contains("the cohort has no column ae_max_grade: no adverse-event rate"),
                run.warnings().toString());
        String d = run.figure().orElseThrow().description();
        assertFalse(d.contains("adverse"), d);
        assertTrue(d.contains("Objective response"), d);
    }

    @Test
    void withoutAResponseColumnEveryPatientIsNotAssessed() throws Exception {
        CohortView c = TestCohorts.rows("patient_id", "arm", "ae_max_grade", "os_time", "os_event")
                .row("P1", "A", 3, 100, 0).row("P2", "B", 1, 100, 0).row("P3", "B", 4, 100, 0)
                .build();
        AnalysisRun run = harness.run(c);
        assertEquals(3, run.json().get("notAssessed").asInt());
        assertEquals(0, run.json().at("/objectiveResponse/byArm/0/n").asInt());
        assertTrue(run.json().at("/objectiveResponse/byArm/0/rate").isNull(), "0 of 0 has no rate");
        assertTrue(run.warnings().contains("the cohort has no column response_mrecist: every patient is not assessed"),
                run.warnings().toString());
        assertEquals(2, run.json().at("/adverseGrade3Plus/byArm/1/n").asInt());
        assertEquals(1, run.json().at("/adverseGrade3Plus/byArm/1/count").asInt());
        String d = run.figure().orElseThrow().description();
        assertTrue(d.contains("ORR NA"), d);
    }

    @Test
    void aCohortWithoutAnyArmCannotBeAnalysed() {
        CohortView c = TestCohorts.rows("patient_id", "arm", "response_mrecist", "os_time", "os_event")
                .row("P1", null, "CR", 100, 0).build();
        assertThrows(AnalysisException.class, () -> harness.run(c));
    }

    @Test
    void aStoredResultWithoutResponseCountsHasNoFigure() {
        org.hepatica.analysis.StoredResult stored = new org.hepatica.analysis.StoredResult("r", "short-term", "c",
                Map.of(), Map.of("treatment", "arm"), null);
        assertTrue(new ShortTermAnalysis().figure(stored, org.hepatica.analysis.FigureRequest.DEFAULT).isEmpty());
    }

    @Test
    void theAnalysisIsListedUnderItsContractId() {
        ShortTermAnalysis a = new ShortTermAnalysis();
        assertEquals("short-term", a.id());
        assertFalse(a.name().isBlank());
        assertFalse(a.description().isBlank());
        assertEquals(List.of("treatment"), a.parameters().stream().map(p -> p.name()).toList());
    }
}
