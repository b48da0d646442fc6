package org.hepatica.plugin.baseline.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hepatica.analysis.ResultTable;
import org.hepatica.cohort.CohortView;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.CohortRows;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.Test;

/** The publication "Table 1" ({@code GET /results/{id}/table.csv}) drawn from a stored baseline result. */
class BaselineTableTest {
    private final AnalysisHarness harness = AnalysisHarness.of(new BaselineAnalysis());

    /** RFA: ages 50, 60, 70, 80, sex F, F, M, M; RFA+RT: ages 40, 45, 50 and one unknown, sex M, M, M, F. */
    private static CohortView cohort() {
        return TestCohorts.rows("patient_id", "arm", "age", "sex", "size_cm", "os_time", "os_event")
                .row("P1", "RFA", 50, "F", 2.1, 100, 0).row("P2", "RFA", 60, "F", 2.5, 100, 0)
                .row("P3", "RFA", 70, "M", 3.0, 100, 0).row("P4", "RFA", 80, "M", 4.2, 100, 0)
                .row("P5", "RFA+RT", 40, "M", 1.5, 100, 0).row("P6", "RFA+RT", 45, "M", 2.0, 100, 0)
                .row("P7", "RFA+RT", 50, "M", 2.4, 100, 0).row("P8", "RFA+RT", null, "F", 3.2, 100, 0)
                .build();
    }

    private static ResultTable table(Optional<ResultTable> t) {
        assertTrue(t.isPresent(), "a baseline result has a table");
        return t.get();
    }

    @Test
    void numbersAndCategoriesAreWrittenAsAPublicationTable() throws Exception {
        ResultTable t = table(harness.run(cohort(), Map.of("variables", List.of("age", "sex", "size_cm"))).table());
        assertEquals("Baseline characteristics by arm", t.title());
        assertEquals(List.of("Variable", "Level", "RFA (n = 4)", "RFA+RT (n = 4)", "p", "Test", "SMD"), t.headers());
        // age: medians 65 and 45 reach 10, so one decimal; SD sqrt(500/3) = 12.91 and 5;
        // SMD (45 - 65) / sqrt((500/3 + 25) / 2) = -2.04; Welch p = 0.0464, Wilcoxon p = 0.0745 (R, see BaselineAnalysisTest)
        assertEquals(List.of("age", "Mean (SD)", "65.0 (12.9)", "45.0 (5.0)", "0.046", "Welch t-test", "-2.04"),
                t.rows().get(0));
        assertEquals(List.of("age", "Median [Q1, Q3]", "65.0 [57.5, 72.5]", "45.0 [42.5, 47.5]", "0.074",
                "Wilcoxon rank-sum", ""), t.rows().get(1));
        assertEquals(List.of("age", "Missing", "0", "1", "", "", ""), t.rows().get(2));
        // sex {{2, 2}, {1, 3}}: Fisher p = 1
        assertEquals(List.of("sex", "F", "2 (50.0%)", "1 (25.0%)", "1.000", "Fisher's exact", ""), t.rows().get(3));
        assertEquals(List.of("sex", "M", "2 (50.0%)", "3 (75.0%)", "", "", ""), t.rows().get(4));
        // size: medians 2.75 and 2.2 are below 10, so two decimals; RFA q1 = 2.1 + 0.75 * 0.4 = 2.4
        assertEquals("size_cm", t.rows().get(5).get(0));
        assertEquals("2.75 [2.40, 3.30]", t.rows().get(6).get(2));
        assertEquals("2.20 [1.88, 2.60]", t.rows().get(6).get(3));
        assertEquals(7, t.rows().size(), "no Missing row for a covariate without missing values");
        assertTrue(t.notes().get(1).contains("RFA+RT minus RFA"), t.notes().toString());
    }

    @Test
    void withThreeArmsTheTestsAreNamedWelchAnovaAndKruskalWallis() throws Exception {
        CohortView c = TestCohorts.rows("patient_id", "arm", "age", "os_time", "os_event")
                .row("P1", "A", 50, 100, 0).row("P2", "A", 52, 100, 0).row("P3", "A", 57, 100, 0)
                .row("P4", "B", 60, 100, 0).row("P5", "B", 63, 100, 0).row("P6", "B", 69, 100, 0)
                .row("P7", "C", 70, 100, 0).row("P8", "C", 78, 100, 0).row("P9", "C", 74, 100, 0)
                .build();
        ResultTable t = table(harness.run(c).table());
        // R: oneway.test p = 0.00877; Kruskal-Wallis H = 7.2 on 2 df, p = exp(-3.6) = 0.0273
        assertEquals(List.of("age", "Mean (SD)", "53.0 (3.6)", "64.0 (4.6)", "74.0 (4.0)", "0.009", "Welch ANOVA", ""),
                t.rows().get(0));
        assertEquals("0.027", t.rows().get(1).get(5));
        assertEquals("Kruskal-Wallis", t.rows().get(1).get(6));
        assertTrue(t.notes().get(1).startsWith("p: Welch ANOVA"));
    }

    @Test
    void aCategoryWithoutFishersTestShowsTheChiSquarePValue() throws Exception {
        CohortRows rows = TestCohorts.rows("patient_id", "arm", "centre", "os_time", "os_event");
        for (int i = 0; i < 22; i++) {
            rows.row("P" + i, i % 2 == 0 ? "A" : "B", "C" + (i / 2), 100, 0); // 11 centres x 2 arms = 22 cells
        }
        ResultTable t = table(harness.run(rows.build(), Map.of("variables", List.of("centre"))).table());
        assertEquals("Chi-square", t.rows().get(0).get(5));
        assertEquals("1.000", t.rows().get(0).get(4), "one patient of each arm per centre");
        assertEquals("", t.rows().get(1).get(5), "the test is named on the first level's row only");
    }

    /** A stored result whose arms list different levels, and a numeric arm with no value at all. */
    @Test
    void aLevelAnArmLacksIsZeroAndAMissingNumberIsNA() {
        Map<String, Object> numeric = new java.util.HashMap<>(Map.of("variable", "age", "type", "numeric", "missing", 0,
                "byArm", List.of(Map.of("arm", "A", "mean", 5.0, "sd", 1.0, "median", 5.0, "q1", 4.0, "q3", 6.0),
                        Map.of("arm", "B"))));
        Map<String, Object> categorical = Map.of("variable", "sex", "type", "categorical", "missing", 0, "byArm", List.of(
                Map.of("arm", "A", "levels", List.of(Map.of("level", "F", "count", 3, "percent", 100.0))),
                Map.of("arm", "B", "levels", List.of(Map.of("level", "M", "count", 2)))));
        Map<String, Object> stored = Map.of("treatment", "arm", "arms", List.of(Map.of("arm", "A", "n", 3),
                Map.of("arm", "B", "n", 2)), "variables", List.of(numeric, categorical));
        ResultTable t = table(BaselineTable.of(stored));
        assertEquals(List.of("age", "Mean (SD)", "5.00 (1.00)", "NA (NA)", "", "", ""), t.rows().get(0));
        assertEquals(List.of("sex", "F", "3 (100.0%)", "0 (0.0%)", "", "", ""), t.rows().get(2));
        assertEquals(List.of("sex", "M", "0 (0.0%)", "2 (NA)", "", "", ""), t.rows().get(3));
    }

    @Test
    void aMedianOfExactlyTenGivesOneDecimal() {
        Map<String, Object> numeric = Map.of("variable", "age", "type", "numeric", "missing", 0, "byArm", List.of(
                Map.of("arm", "A", "mean", 9.5, "sd", 1.25, "median", 10.0, "q1", 9.0, "q3", 10.5),
                Map.of("arm", "B", "mean", -2.0, "sd", 1.0, "median", -2.0, "q1", -3.0, "q3", -1.0)));
        Map<String, Object> stored = Map.of("arms", List.of(Map.of("arm", "A", "n", 3), Map.of("arm", "B", "n", 2)),
                "variables", List.of(numeric));
        ResultTable t = table(BaselineTable.of(stored));
        assertEquals("9.5 (1.3)", t.rows().get(0).get(2));
        assertEquals("10.0 [9.0, 10.5]", t.rows().get(1).get(2));
    }

    @Test
    void aResultWithoutVariablesOrArmsHasNoTable() {
        assertTrue(BaselineTable.of(Map.of("arms", List.of(Map.of("arm", "A", "n", 1)), "variables", List.of())).isEmpty());
        assertTrue(BaselineTable.of(Map.of("arms", List.of(), "variables", List.of(Map.of("variable", "x")))).isEmpty());
    }
}
