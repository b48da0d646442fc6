package org.hepatica.plugin.baseline.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.CohortView;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.AnalysisRun;
import org.hepatica.testing.CohortRows;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.Test;

class BaselineAnalysisTest {
    private final AnalysisHarness harness = AnalysisHarness.of(new BaselineAnalysis());

    private static Path reference(String file) {
        return Path.of(System.getProperty("hepatica.reference.dir", "../../../shared/reference")).resolve(file);
    }

    /** Relative tolerance 1e-6 (1e-4 below 1e-10), as the reference README says. */
    private static void close(List<String> mismatches, String what, JsonNode expected, JsonNode actual) {
        if (expected == null || expected.isNull()) {
            if (actual != null && !actual.isNull()) {
                mismatches.add(what + ": expected null, was " + actual);
            }
            return;
        }
        if (actual == null || !actual.isNumber()) {
            mismatches.add(what + ": expected " + expected + ", was " + actual);
            return;
        }
        double e = expected.asDouble();
        double a = actual.asDouble();
        double tol = (Math.abs(e) < 1e-10 ? 1e-4 : 1e-6) * Math.max(Math.abs(e), 1e-300);
        if (Math.abs(e - a) > Math.max(tol, 1e-12)) {
            mismatches.add(what + ": expected " + e + ", was " + a);
        }
    }

    private static void exact(List<String> mismatches, String what, JsonNode expected, JsonNode actual) {
        if (!expected.asText().equals(actual.asText())) {
            mismatches.add(what + ": expected " + expected.asText() + ", was " + actual.asText());
        }
    }

    /**
     * R on hcc_demo by arm: {@code t.test(x ~ arm)}, {@code wilcox.test(x ~ arm, exact = FALSE)},
     * {@code quantile(x)} (type 7), {@code chisq.test(table(arm, x), correct = FALSE)},
     * {@code fisher.test(table(arm, x))}; counts exact, everything else relative 1e-6.
     */
    @Test
    void table1OfTheDemoCohortMatchesR() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(reference("hcc_demo.expected.json").toFile()).get("baseline");
        AnalysisRun run = harness.run(TestCohorts.csv(reference("hcc_demo.csv")), Map.of("treatment", "arm"));
        JsonNode variables = run.json().get("variables");
        List<String> names = new ArrayList<>();
        variables.forEach(v -> names.add(v.get("variable").asText()));
        List<String> expectedNames = new ArrayList<>();
        expected.forEach(v -> expectedNames.add(v.get("variable").asText()));
        assertEquals(expectedNames, names, "the default covariates: every one with values in each arm, in column order");
        assertTrue(run.warnings().stream().anyMatch(w -> w.contains("no value in some arm") && w.contains("rt_dose_gy")),
                "the RT dose, recorded in the RT arm only, is left out and said so: " + run.warnings());
        assertFalse(run.warnings().stream().anyMatch(w -> w.contains("missing value") || w.contains("only arm")),
                "every patient has an arm, and there are two: " + run.warnings());
        assertEquals(400, run.json().get("n").asInt());
        assertEquals(0, run.json().get("nDropped").asInt());

        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            JsonNode a = variables.get(i);
            String v = e.get("variable").asText();
            exact(mismatches, v + " type", e.get("type"), a.get("type"));
            exact(mismatches, v + " missing", e.get("missing"), a.get("missing"));
            for (int arm = 0; arm < e.get("byArm").size(); arm++) {
                JsonNode ea = e.get("byArm").get(arm);
                JsonNode aa = a.get("byArm").get(arm);
                String where = v + " " + ea.get("arm").asText();
                exact(mismatches, where + " arm", ea.get("arm"), aa.get("arm"));
                exact(mismatches, where + " n", ea.get("n"), aa.get("n"));
                if (e.get("type").asText().equals("numeric")) {
                    for (String f : List.of("mean", "sd", "median", "q1", "q3")) {
                        close(mismatches, where + " " + f, ea.get(f), aa.get(f));
                    }
                } else {
                    // R orders the levels by locale, the platform by code point (IMRT, SBRT, none): matched by name
                    for (JsonNode el : ea.get("levels")) {
                        JsonNode al = null;
                        for (JsonNode l : aa.get("levels")) {
                            if (l.get("level").asText().equals(el.get("level").asText())) {
                                al = l;
                            }
                        }
                        if (al == null) {
                            mismatches.add(where + " level " + el.get("level").asText() + " missing");
                            continue;
                        }
                        exact(mismatches, where + " " + el.get("level").asText() + " count", el.get("count"), al.get("count"));
                        close(mismatches, where + " " + el.get("level").asText() + " percent", el.get("percent"),
                                al.get("percent"));
                    }
                    if (aa.get("levels").size() != ea.get("levels").size()) {
                        mismatches.add(where + ": " + aa.get("levels").size() + " levels, R " + ea.get("levels").size());
                    }
                }
            }
            for (String f : List.of("welchTPValue", "wilcoxonPValue", "smd", "chiSquarePValue", "fisherPValue")) {
                close(mismatches, v + " " + f, e.get(f), a.get(f));
            }
        }
        assertEquals(List.of(), mismatches);
    }

    // ---------------------------------------------------------------- small cohorts worked by hand

    private static CohortRows header() {
        return TestCohorts.rows("patient_id", "arm", "age", "sex", "smoker", "treatment_date", "last_followup_date");
    }

    /**
     * RFA: ages 50, 60, 70, 80; RFA+RT: 40, 45, 50 and one unknown. Sex F, F, M, M / M, M, M, F.
     * The smoker column is recorded in the RFA arm only. One patient without an arm.
     */
    private static CohortView twoArms() {
        return header()
                .row("P1", "RFA", 50, "F", 1, "2020-01-01", "2021-01-01")
                .row("P2", "RFA", 60, "F", 0, "2020-01-02", "2021-01-01")
                .row("P3", "RFA", 70, "M", null, "2020-01-03", "2021-01-01")
                .row("P4", "RFA", 80, "M", 1, "2020-01-04", "2021-01-01")
                .row("P5", "RFA+RT", 40, "M", null, "2020-01-05", "2021-01-01")
                .row("P6", "RFA+RT", 45, "M", null, "2020-01-06", "2021-01-01")
                .row("P7", "RFA+RT", 50, "M", null, "2020-01-07", "2021-01-01")
                .row("P8", "RFA+RT", null, "F", null, "2020-01-08", "2021-01-01")
                .row("P9", null, 99, "F", 1, "2020-01-09", "2021-01-01")
                .build();
    }

    @Test
    void aNumericCovariateIsSummarisedPerArmWithItsMissingValuesCounted() throws Exception {
        AnalysisRun run = harness.run(twoArms(), Map.of("variables", List.of("age", "sex")));
        JsonNode age = run.json().at("/variables/0");
        assertEquals("numeric", age.get("type").asText());
        assertEquals(1, age.get("missing").asInt(), "P8's age is unknown; P9 has no arm and is not in the table");
        JsonNode rfa = age.at("/byArm/0");
        assertEquals("RFA", rfa.get("arm").asText());
        assertEquals(4, rfa.get("n").asInt());
        assertEquals(0, rfa.get("missing").asInt());
        assertEquals(65.0, rfa.get("mean").asDouble(), 1e-12);
        // sd = sqrt((225 + 25 + 25 + 225) / 3) = sqrt(500 / 3)
        assertEquals(Math.sqrt(500.0 / 3), rfa.get("sd").asDouble(), 1e-12);
        assertEquals(65.0, rfa.get("median").asDouble(), 1e-12);
        // type 7: q1 at position 1 + 0.25 * 3 = 1.75 -> 50 + 0.75 * 10
        assertEquals(57.5, rfa.get("q1").asDouble(), 1e-12);
        assertEquals(72.5, rfa.get("q3").asDouble(), 1e-12);
        JsonNode rt = age.at("/byArm/1");
        assertEquals(3, rt.get("n").asInt());
        assertEquals(1, rt.get("missing").asInt());
        assertEquals(45.0, rt.get("mean").asDouble(), 1e-12);
        // SMD: (45 - 65) / sqrt((500/3 + 25) / 2), second arm minus first over the pooled SD
        assertEquals(-20 / Math.sqrt((500.0 / 3 + 25) / 2), age.get("smd").asDouble(), 1e-12);
        assertTrue(age.get("welchAnovaPValue").isNull());
        assertTrue(age.get("kruskalPValue").isNull());
        assertEquals(8, run.json().get("n").asInt());
        assertEquals(1, run.json().get("nDropped").asInt());
        assertTrue(run.warnings().contains("1 of 9 patients left out for a missing value (arm missing for 1)"),
                run.warnings().toString());
    }

    /**
     * Welch's t on RFA 50, 60, 70, 80 vs RFA+RT 40, 45, 50: means 65 and 45, variances 500/3 and 25,
     * t = 20 / sqrt(500/12 + 25/3) = 2.828427 on 4.0755 Welch-Satterthwaite df.
     * R: {@code t.test(c(50,60,70,80), c(40,45,50))$p.value} = 0.04640720993 and
     * {@code wilcox.test(c(50,60,70,80), c(40,45,50), exact = FALSE)$p.value} = 0.07446183142
     * (tie correction, continuity correction); tolerance 1e-9.
     */
    @Test
    void welchAndWilcoxonPValuesAreThoseOfR() throws Exception {
        AnalysisRun run = harness.run(twoArms(), Map.of("variables", List.of("age")));
        assertEquals(0.04640720993, run.json().at("/variables/0/welchTPValue").asDouble(), 1e-9);
        assertEquals(0.07446183142, run.json().at("/variables/0/wilcoxonPValue").asDouble(), 1e-9);
    }

    @Test
    void aCategoricalCovariateHasItsLevelCountsAndPercentagesOfThePatientsWithAValue() throws Exception {
        AnalysisRun run = harness.run(twoArms(), Map.of("variables", List.of("sex")));
        JsonNode sex = run.json().at("/variables/0");
        assertEquals("categorical", sex.get("type").asText());
        assertEquals(0, sex.get("missing").asInt());
        JsonNode rfa = sex.at("/byArm/0");
        assertEquals(4, rfa.get("n").asInt());
        assertEquals("F", rfa.at("/levels/0/level").asText());
        assertEquals(2, rfa.at("/levels/0/count").asInt());
        assertEquals(50.0, rfa.at("/levels/0/percent").asDouble(), 1e-12);
        JsonNode rt = sex.at("/byArm/1");
        assertEquals(1, rt.at("/levels/0/count").asInt());
        assertEquals(25.0, rt.at("/levels/0/percent").asDouble(), 1e-12);
        assertEquals(3, rt.at("/levels/1/count").asInt());
        assertEquals(75.0, rt.at("/levels/1/percent").asDouble(), 1e-12);
        // 2 x 2 table {{2, 2}, {1, 3}}: Fisher p = 1 (R: fisher.test(matrix(c(2,1,2,3), 2)))
        assertEquals(1.0, sex.get("fisherPValue").asDouble(), 1e-12);
        // X^2 = 8 (2*3 - 2*1)^2 / (4 * 4 * 3 * 5) = 0.5333, p = 0.4652 (R: chisq.test(..., correct = FALSE))
        assertEquals(0.465209, sex.get("chiSquarePValue").asDouble(), 1e-6);
        assertTrue(sex.get("warnings").toString().contains("expected count below 5"),
                "expected counts of 1.5 and 2.5 are flagged");
        assertEquals(1, sex.get("warnings").size(), "only the expected-count note: " + sex.get("warnings"));
        assertTrue(sex.get("welchTPValue").isNull());
    }

    /** 2 x 2 table {{5, 5}, {5, 5}}: every expected count is exactly 5, so no note about the approximation. */
    @Test
    void expectedCountsOfExactlyFiveAreNotFlagged() throws Exception {
        CohortRows rows = TestCohorts.rows("patient_id", "arm", "sex", "os_time", "os_event");
        for (int i = 0; i < 20; i++) {
            rows.row("P" + i, i < 10 ? "A" : "B", i % 2 == 0 ? "F" : "M", 100, 0);
        }
        JsonNode sex = harness.run(rows.build(), Map.of()).json().at("/variables/0");
        assertEquals("[]", sex.get("warnings").toString());
        // R: chisq.test(matrix(5, 2, 2), correct = FALSE)$p.value = 1; fisher.test(...)$p.value = 1
        assertEquals(1.0, sex.get("chiSquarePValue").asDouble(), 1e-12);
        assertEquals(1.0, sex.get("fisherPValue").asDouble(), 1e-9);
    }

    /** A level seen only among patients without an arm is not a level of the table (R's factor of the observed values). */
    @Test
    void aLevelSeenOnlyInPatientsWithoutAnArmIsNotInTheTable() throws Exception {
        CohortView c = TestCohorts.rows("patient_id", "arm", "site", "os_time", "os_event")
                .row("P1", "A", "S01", 100, 0).row("P2", "A", "S02", 100, 0)
                .row("P3", "B", "S01", 100, 0).row("P4", "B", "S02", 100, 0)
                .row("P5", null, "S03", 100, 0)
                .build();
        JsonNode site = harness.run(c, Map.of("variables", List.of("site"))).json().at("/variables/0");
        assertEquals(2, site.at("/byArm/0/levels").size(), site.toString());
        assertEquals("S02", site.at("/byArm/0/levels/1/level").asText());
        assertEquals(1.0, site.get("chiSquarePValue").asDouble(), 1e-12, "a 2 x 2 table of ones, not 2 x 3");
    }

    /** Arm B's only sex is the first level (F): it still counts as having a value. */
    @Test
    void byDefaultACovariateWhoseOnlyValueInAnArmIsItsFirstLevelIsKept() throws Exception {
        CohortView c = TestCohorts.rows("patient_id", "arm", "sex", "os_time", "os_event")
                .row("P1", "A", "F", 100, 0).row("P2", "A", "M", 100, 0)
                .row("P3", "B", "F", 100, 0).row("P4", "B", "F", 100, 0)
                .build();
        AnalysisRun run = harness.run(c, Map.of());
        assertEquals("sex", run.json().at("/variables/0/variable").asText(), run.warnings().toString());
    }

    @Test
    void aBinaryNumberColumnIsCategoricalAndItsMissingValuesAreCountedPerArm() throws Exception {
        CohortView c = header()
                .row("P1", "A", 1, "F", 1, "2020-01-01", "2021-01-01")
                .row("P2", "A", 2, "F", 0, "2020-01-01", "2021-01-01")
                .row("P3", "A", 3, "M", null, "2020-01-01", "2021-01-01")
                .row("P4", "B", 1, "M", 1, "2020-01-01", "2021-01-01")
                .row("P5", "B", 2, "M", 1, "2020-01-01", "2021-01-01")
                .row("P6", "B", 3, "F", 0, "2020-01-01", "2021-01-01")
                .build();
        JsonNode smoker = harness.run(c, Map.of("variables", List.of("smoker"))).json().at("/variables/0");
        assertEquals("categorical", smoker.get("type").asText(), "two distinct values: categorical (contract)");
        assertEquals(1, smoker.get("missing").asInt());
        assertEquals(1, smoker.at("/byArm/0/missing").asInt());
        assertEquals(2, smoker.at("/byArm/0/n").asInt());
        assertEquals(0, smoker.at("/byArm/1/missing").asInt());
        assertEquals("0", smoker.at("/byArm/0/levels/0/level").asText());
        assertEquals(1, smoker.at("/byArm/1/levels/0/count").asInt());
        assertEquals(2, smoker.at("/byArm/1/levels/1/count").asInt());
    }

    @Test
    void aNumberColumnWithThreeDistinctValuesIsNumericEvenWhenTheFirstTwoRepeat() throws Exception {
        CohortView c = header()
                .row("P1", "A", 1, "F", 1, "2020-01-01", "2021-01-01")
                .row("P2", "A", 1, "F", 1, "2020-01-01", "2021-01-01")
                .row("P3", "A", 2, "M", 1, "2020-01-01", "2021-01-01")
                .row("P4", "B", 2, "M", 1, "2020-01-01", "2021-01-01")
                .row("P5", "B", 1, "M", 1, "2020-01-01", "2021-01-01")
                .row("P6", "B", 5, "F", 1, "2020-01-01", "2021-01-01")
                .build();
        AnalysisRun run = harness.run(c, Map.of("variables", List.of("age", "smoker")));
        assertEquals("numeric", run.json().at("/variables/0/type").asText(), "1, 1, 2, 2, 1, 5: three distinct values");
        JsonNode smoker = run.json().at("/variables/1");
        assertEquals("categorical", smoker.get("type").asText(), "a constant column is categorical");
        assertTrue(smoker.get("chiSquarePValue").isNull(), "one level: no test");
        assertTrue(smoker.get("fisherPValue").isNull());
        assertEquals(100.0, smoker.at("/byArm/0/levels/0/percent").asDouble(), 1e-12);
    }

    /** Three arms: Welch's ANOVA and Kruskal-Wallis instead of the two-arm tests, no SMD. */
    @Test
    void withThreeArmsTheNumericTestsAreWelchsAnovaAndKruskalWallis() throws Exception {
        CohortView c = header()
                .row("P1", "A", 50, "F", 1, "2020-01-01", "2021-01-01")
                .row("P2", "A", 52, "F", 0, "2020-01-01", "2021-01-01")
                .row("P3", "A", 57, "M", 1, "2020-01-01", "2021-01-01")
                .row("P4", "B", 60, "M", 1, "2020-01-01", "2021-01-01")
                .row("P5", "B", 63, "M", 0, "2020-01-01", "2021-01-01")
                .row("P6", "B", 69, "F", 0, "2020-01-01", "2021-01-01")
                .row("P7", "C", 70, "M", 1, "2020-01-01", "2021-01-01")
                .row("P8", "C", 78, "M", 1, "2020-01-01", "2021-01-01")
                .row("P9", "C", 74, "F", 0, "2020-01-01", "2021-01-01")
                .build();
        AnalysisRun run = harness.run(c, Map.of("variables", List.of("age", "sex")));
        JsonNode age = run.json().at("/variables/0");
        // R: oneway.test(age ~ arm)$p.value (Welch, var.equal = FALSE) = 0.008774519729
        assertEquals(0.008774519729, age.get("welchAnovaPValue").asDouble(), 1e-9);
        // ranks 1-3, 4-6, 7-9: H = 12 / (9 * 10) * 3 * (4 + 25 + 64) - 3 * 10 = 7.2, chi-square on 2 df: p = exp(-3.6)
        assertEquals(Math.exp(-3.6), age.get("kruskalPValue").asDouble(), 1e-9);
        assertTrue(age.get("welchTPValue").isNull());
        assertTrue(age.get("smd").isNull());
        assertEquals(3, run.json().get("arms").size());
        assertEquals("C", run.json().at("/arms/2/arm").asText());
        assertEquals(3, run.json().at("/arms/2/n").asInt());
        // sex 3 x 2 table: 6 cells, Fisher's exact test is computed
        assertTrue(run.json().at("/variables/1/fisherPValue").isNumber());
    }

    @Test
    void anArmWithOneValueHasNoWelchTestAndSaysSo() throws Exception {
        CohortView c = header()
                .row("P1", "A", 50, "F", 1, "2020-01-01", "2021-01-01")
                .row("P2", "A", 52, "F", 0, "2020-01-01", "2021-01-01")
                .row("P3", "A", 57, "M", 1, "2020-01-01", "2021-01-01")
                .row("P4", "B", 60, "M", 1, "2020-01-01", "2021-01-01")
                .row("P5", "B", null, "M", 0, "2020-01-01", "2021-01-01")
                .build();
        JsonNode age = harness.run(c, Map.of("variables", List.of("age"))).json().at("/variables/0");
        assertTrue(age.get("welchTPValue").isNull(), "one value in arm B");
        assertTrue(age.get("warnings").toString().contains("no Welch test"), age.toString());
    }

    @Test
    void aSingleArmHasItsSummaryButNoTests() throws Exception {
        CohortView c = header()
                .row("P1", "A", 50, "F", 1, "2020-01-01", "2021-01-01")
                .row("P2", "A", 52, "M", 0, "2020-01-01", "2021-01-01")
                .row("P3", "A", 57, "M", 1, "2020-01-01", "2021-01-01")
                .build();
        AnalysisRun run = harness.run(c, Map.of("variables", List.of("age", "sex")));
        assertTrue(run.warnings().contains("only arm [A]: no tests between arms"), run.warnings().toString());
        JsonNode age = run.json().at("/variables/0");
        assertTrue(age.get("welchTPValue").isNull() && age.get("welchAnovaPValue").isNull());
        assertEquals("[]", age.get("warnings").toString(), "no complaint about a missing Welch test with one arm");
        assertEquals(53.0, age.at("/byArm/0/mean").asDouble(), 1e-12);
        assertTrue(run.json().at("/variables/1/chiSquarePValue").isNull());
        assertFalse(run.json().at("/variables/1/warnings").toString().contains("expected count"));
    }

    @Test
    void aCohortWhereNoPatientHasAnArmCannotBeSummarised() {
        CohortView c = header()
                .row("P1", null, 50, "F", 1, "2020-01-01", "2021-01-01")
                .row("P2", null, 52, "M", 0, "2020-01-01", "2021-01-01").build();
        assertThrows(AnalysisException.class, () -> harness.run(c, Map.of()));
    }

    // ---------------------------------------------------------------- the default covariates

    @Test
    void byDefaultEveryCovariateWithValuesInEachArmButNotDatesIdsOutcomesOrTheArm() throws Exception {
        AnalysisRun run = harness.run(twoArms(), Map.of());
        List<String> names = new ArrayList<>();
        run.json().get("variables").forEach(v -> names.add(v.get("variable").asText()));
        assertEquals(List.of("age", "sex"), names);
        assertTrue(run.warnings().contains("left out for having no value in some arm: [smoker]"),
                run.warnings().toString());
    }

    @Test
    void byDefaultACategoricalColumnWithMoreThan20LevelsIsLeftOutWithAWarning() throws Exception {
        CohortRows rows = TestCohorts.rows("patient_id", "arm", "centre", "region", "os_time", "os_event");
        for (int i = 0; i < 22; i++) {
            rows.row("P" + i, i % 2 == 0 ? "A" : "B", "C" + i, i < 21 ? "R" + (i % 4) : "R" + i, 100, 0);
        }
        AnalysisRun run = harness.run(rows.build(), Map.of());
        List<String> names = new ArrayList<>();
        run.json().get("variables").forEach(v -> names.add(v.get("variable").asText()));
        assertEquals(List.of("region"), names, "centre has 22 levels, region 5 (R0-R3, R21)");
        assertTrue(run.warnings().contains("centre left out: more than 20 levels (name it to include it)"),
                run.warnings().toString());
    }

    @Test
    void byDefaultAColumnWithExactly20LevelsIsKept() throws Exception {
        CohortRows rows = TestCohorts.rows("patient_id", "arm", "centre", "os_time", "os_event");
        for (int i = 0; i < 20; i++) {
            rows.row("P" + i, i % 2 == 0 ? "A" : "B", "C" + i, 100, 0);
        }
        AnalysisRun run = harness.run(rows.build(), Map.of());
        assertEquals("centre", run.json().at("/variables/0/variable").asText());
        // 2 x 20 = 40 cells: no Fisher's exact test, and it is said
        assertTrue(run.json().at("/variables/0/fisherPValue").isNull());
        assertTrue(run.json().at("/variables/0/warnings").toString().contains("more than 20 cells"));
    }

    @Test
    void aTableOfExactly20CellsHasFishersTest() throws Exception {
        CohortRows rows = TestCohorts.rows("patient_id", "arm", "centre", "os_time", "os_event");
        for (int i = 0; i < 20; i++) {
            rows.row("P" + i, i % 2 == 0 ? "A" : "B", "C" + (i / 2), 100, 0); // 10 centres x 2 arms
        }
        JsonNode centre = harness.run(rows.build(), Map.of()).json().at("/variables/0");
        assertEquals(1.0, centre.get("fisherPValue").asDouble(), 1e-9, "one patient of each arm per centre");
    }

    // ---------------------------------------------------------------- parameters

    @Test
    void aDateColumnIsRefusedAsACovariate() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> harness.run(twoArms(), Map.of("variables", List.of("treatment_date"))));
        assertEquals("variables", e.parameter());
        assertTrue(e.getMessage().contains("dates"), e.getMessage());
    }

    @Test
    void theTreatmentIsRefusedAsACovariate() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> harness.run(twoArms(), Map.of("variables", List.of("ARM"))));
        assertEquals("variables", e.parameter());
        assertTrue(e.getMessage().contains("is the treatment"), e.getMessage());
    }

    @Test
    void aCovariateNamedTwiceIsRefused() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> harness.run(twoArms(), Map.of("variables", List.of("age", "sex", "age"))));
        assertEquals("variables", e.parameter());
        assertTrue(e.getMessage().contains("named twice"), e.getMessage());
    }

    @Test
    void anUnknownColumnIsRefusedNamingTheParameter() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> harness.run(twoArms(), Map.of("variables", List.of("weight"))));
        assertEquals("variables", e.parameter());
    }

    @Test
    void theAnalysisIsListedUnderItsContractId() {
        BaselineAnalysis a = new BaselineAnalysis();
        assertEquals("baseline", a.id());
        assertFalse(a.name().isBlank());
        assertFalse(a.description().isBlank());
    }
}
