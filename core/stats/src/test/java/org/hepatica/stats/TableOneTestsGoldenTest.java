package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "Table 1" and short-term tests against R 4.2.2 on the reference cohort hcc_demo
 * ({@code baseline} and {@code shortTerm} of hcc_demo.expected.json), and on R's own data sets
 * where the cohort has no case (k &gt; 2 groups, larger tables), with the R call beside each value.
 * Tolerance: 1e-6 relative (1e-4 for p-values below 1e-10), as ../shared/reference/README.md.
 */
class TableOneTestsGoldenTest {
    private static final ReferenceCohort HCC = ReferenceCohort.load("hcc_demo");
    private static final JsonNode EXPECTED = ReferenceData.expected("hcc_demo");

    private static void close(double expected, double actual, double rel, String what) {
        assertTrue(GoldenValues.close(expected, actual, rel), what + ": expected " + expected + ", was " + actual);
    }

    /** The values of a numeric column in each arm (RFA, RFA+RT), missing ones left out. */
    private static double[][] byArm(String column) {
        String[] arm = HCC.text("arm");
        double[] v = HCC.numeric(column);
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                (arm[i].equals("RFA") ? a : b).add(v[i]);
            }
        }
        return new double[][] {a.stream().mapToDouble(Double::doubleValue).toArray(),
            b.stream().mapToDouble(Double::doubleValue).toArray()};
    }

    /** arm x level counts of a categorical column (levels in code point order; missing left out). */
    private static int[][] table(String column) {
        String[] arm = HCC.text("arm");
        ReferenceCohort.Factor f = HCC.factor(column);
        int[][] t = new int[2][f.labels().length];
        for (int i = 0; i < arm.length; i++) {
            if (f.codes()[i] >= 0) {
                t[arm[i].equals("RFA") ? 0 : 1][f.codes()[i]]++;
            }
        }
        return t;
    }

    private static JsonNode variable(String name) {
        for (JsonNode v : EXPECTED.get("baseline")) {
            if (v.get("variable").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no variable " + name + " in the reference");
    }

    @Test
    void numericVariablesMatchR() {
        GoldenValues golden = new GoldenValues();
        for (String column : List.of("age", "tumor_size_cm", "tumor_count", "afp_ng_ml", "margin_mm")) {
            JsonNode e = variable(column);
            double[][] x = byArm(column);
            SampleSummary[] s = {SampleSummary.of(x[0]), SampleSummary.of(x[1])};
            for (int a = 0; a < 2; a++) {
                JsonNode ea = e.get("byArm").get(a);
                String at = column + " arm " + ea.get("arm").asText();
                golden.count(at + " n", ea.get("n"), s[a].n());
                golden.number(at + " mean(x)", ea.get("mean"), s[a].mean());
                golden.number(at + " sd(x)", ea.get("sd"), s[a].sd());
                golden.number(at + " quantile(x, 0.5)", ea.get("median"), s[a].median());
                golden.number(at + " quantile(x, 0.25)", ea.get("q1"), s[a].q1());
                golden.number(at + " quantile(x, 0.75)", ea.get("q3"), s[a].q3());
            }
            // R: t.test(x ~ arm)$p.value (Welch)
            golden.pValue(column + " t.test", e.get("welchTPValue"), WelchTTest.create().test(x[0], x[1]).pValue());
            // R: wilcox.test(x ~ arm, exact = FALSE)$p.value (continuity correction)
            golden.pValue(column + " wilcox.test", e.get("wilcoxonPValue"),
                    WilcoxonRankSumTest.create().test(x[0], x[1]).pValue());
            // R: (mean(x[arm == "RFA+RT"]) - mean(x[arm == "RFA"])) / sqrt((sd1^2 + sd2^2) / 2)
            golden.number(column + " smd", e.get("smd"), SampleSummary.standardizedMeanDifference(s[0], s[1]));
            // R: oneway.test(x ~ arm)$p.value equals the Welch t-test's with two groups
            golden.pValue(column + " oneway.test", e.get("welchTPValue"), WelchAnova.create().test(x[0], x[1]).pValue());
        }
        golden.assertAllMatch();
    }

    @Test
    void categoricalVariablesMatchR() {
        GoldenValues golden = new GoldenValues();
        for (String column : List.of("site", "rt_technique", "recurrent_hcc", "sex", "child_pugh", "bclc", "mvi")) {
            JsonNode e = variable(column);
            int[][] t = table(column);
            // R: chisq.test(table(arm, x), correct = FALSE)$p.value
            golden.pValue(column + " chisq.test", e.get("chiSquarePValue"),
                    ContingencyChiSquareTest.create().test(t).pValue());
            // R: fisher.test(table(arm, x))$p.value
            golden.pValue(column + " fisher.test", e.get("fisherPValue"), FisherExactTest.create().pValue(t));
            // the HTTP comparison (itests Golden) holds every p-value to 1e-6, and R's 1 exactly
            close(e.get("chiSquarePValue").asDouble(), ContingencyChiSquareTest.create().test(t).pValue(), 1e-6,
                    column + " chisq.test at 1e-6");
            close(e.get("fisherPValue").asDouble(), FisherExactTest.create().pValue(t), 1e-6, column + " fisher.test at 1e-6");
            if (e.get("fisherPValue").asDouble() == 1) {
                assertEquals(1.0, FisherExactTest.create().pValue(t), column + ": fisher.test gives 1 exactly");
                assertEquals(1.0, ContingencyChiSquareTest.create().test(t).pValue(), column + ": chisq.test gives 1 exactly");
            }
        }
        golden.assertAllMatch();
    }

    @Test
    void shortTermRatesAndTestsMatchR() {
        GoldenValues golden = new GoldenValues();
        JsonNode st = EXPECTED.get("shortTerm");
        for (String section : List.of("objectiveResponse", "diseaseControl", "adverseGrade3Plus")) {
            JsonNode e = st.get(section);
            int[][] t = new int[2][2];
            for (int a = 0; a < 2; a++) {
                JsonNode ea = e.get("byArm").get(a);
                int count = ea.get("count").asInt();
                int n = ea.get("n").asInt();
                t[a][0] = count;
                t[a][1] = n - count;
                // R: binom.test(count, n)$conf.int
                ClopperPearsonInterval.Estimate ci = ClopperPearsonInterval.create().estimate(count, n);
                golden.number(section + " " + a + " rate", ea.get("rate"), ci.rate());
                golden.number(section + " " + a + " binom.test lower", ea.get("lower"), ci.lower());
                golden.number(section + " " + a + " binom.test upper", ea.get("upper"), ci.upper());
            }
            // R: fisher.test(matrix(c(count, n - count), 2))$p.value
            golden.pValue(section + " fisher.test", e.get("test").get("fisherPValue"), FisherExactTest.create().pValue(t));
            ContingencyChiSquareTest.Result chi = ContingencyChiSquareTest.create().test(t);
            // R: chisq.test(..., correct = FALSE)$statistic and $p.value
            golden.number(section + " chisq.test statistic", e.get("test").get("chiSquare"), chi.statistic());
            golden.pValue(section + " chisq.test", e.get("test").get("chiSquarePValue"), chi.pValue());
        }
        golden.assertAllMatch();
    }

    /** R's ?binom.test: binom.test(682, 925, p = 0.75)$conf.int = 0.7076683 0.7654066 (as printed, 7 digits). */
    @Test
    void clopperPearsonOfRsExample() {
        ClopperPearsonInterval.Estimate e = ClopperPearsonInterval.create().estimate(682, 925);
        close(0.7076683, e.lower(), 1e-6, "lower");
        close(0.7654066, e.upper(), 1e-6, "upper");
        // binom.test(0, 10)$conf.int = 0.0000000 0.3084971; binom.test(10, 10)$conf.int = 0.6915029 1.0000000
        ClopperPearsonInterval.Estimate zero = ClopperPearsonInterval.create().estimate(0, 10);
        assertEquals(0.0, zero.lower());
        close(0.3084971, zero.upper(), 1e-6, "upper of 0/10");
        assertEquals(1.0, ClopperPearsonInterval.create().estimate(10, 10).upper());
        assertNull(ClopperPearsonInterval.create().estimate(0, 0).rate());
    }

    /** R's ?fisher.test: TeaTasting, fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value = 0.4857 (printed). */
    @Test
    void fisherOfRsExamples() {
        close(0.4857142857142857, FisherExactTest.create().pValue(new int[][] {{3, 1}, {1, 3}}), 1e-12, "TeaTasting");
        // Job satisfaction, fisher.test(Job)$p.value = 0.7827 (printed, 4 digits)
        int[][] job = {{1, 2, 1, 0}, {3, 3, 6, 1}, {10, 10, 14, 9}, {6, 7, 12, 11}};
        Double p = FisherExactTest.create().withMaxTables(200_000_000L).pValue(job);
        close(0.7827, p, 1e-4, "Job");
        assertNull(FisherExactTest.create().withMaxTables(10).pValue(job), "beyond the enumeration limit: null");
    }

    /** R's ?chisq.test: M <- as.table(rbind(c(762, 327, 468), c(484, 239, 477))); X-squared = 30.07, df = 2, p-value = 2.954e-07. */
    @Test
    void chiSquareOfRsExample() {
        ContingencyChiSquareTest.Result r = ContingencyChiSquareTest.create()
                .test(new int[][] {{762, 327, 468}, {484, 239, 477}});
        close(30.070149095754687, r.statistic(), 1e-4, "X-squared");
        assertEquals(2, r.df());
        close(2.954e-07, r.pValue(), 1e-3, "p");
    }

    private static final double[] SLEEP_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    private static final double[] SLEEP_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    /** R: t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p-value = 0.07939. */
    @Test
    void welchOfRsSleepData() {
        WelchTTest.Result t = WelchTTest.create().test(SLEEP_1, SLEEP_2);
        close(-1.860813, t.statistic(), 1e-6, "t");
        close(17.77647, t.df(), 1e-6, "df");
        close(0.07939414, t.pValue(), 1e-6, "p");
        // R: oneway.test(extra ~ group, data = sleep): F = 3.4626, num df = 1.000, denom df = 17.776, p-value = 0.07939
        WelchAnova.Result f = WelchAnova.create().test(SLEEP_1, SLEEP_2);
        close(3.4626, f.statistic(), 1e-4, "F");
        close(17.77647, f.df2(), 1e-6, "df2");
        close(0.07939414, f.pValue(), 1e-6, "p");
    }

    /** R: wilcox.test(extra ~ group, data = sleep, exact = FALSE): W = 25.5, p-value = 0.06933. */
    @Test
    void wilcoxonOfRsSleepData() {
        WilcoxonRankSumTest.Result w = WilcoxonRankSumTest.create().test(SLEEP_1, SLEEP_2);
        assertEquals(25.5, w.statistic());
        close(0.06932758, w.pValue(), 1e-6, "p");
    }

    private static final double[][] PLANT_GROWTH = {
        {4.17, 5.58, 5.18, 6.11, 4.50, 4.61, 5.17, 4.53, 5.33, 5.14},
        {4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69},
        {6.31, 5.12, 5.54, 5.50, 5.37, 5.29, 4.92, 6.15, 5.80, 5.26}};

    /**
     * R: oneway.test(weight ~ group, data = PlantGrowth): F = 5.181, num df = 2.000, denom df = 17.128,
     * p-value = 0.01739; kruskal.test(weight ~ group, data = PlantGrowth): Kruskal-Wallis chi-squared = 7.9882,
     * df = 2, p-value = 0.01842 (as printed).
     */
    @Test
    void threeGroupsOfRsPlantGrowth() {
        WelchAnova.Result f = WelchAnova.create().test(PLANT_GROWTH);
        close(5.181, f.statistic(), 1e-3, "F");
        assertEquals(2.0, f.df1());
        close(17.128, f.df2(), 1e-4, "df2");
        close(0.01739, f.pValue(), 1e-3, "p");
        KruskalWallisTest.Result k = KruskalWallisTest.create().test(PLANT_GROWTH);
        close(7.9882, k.statistic(), 1e-4, "H");
        assertEquals(2, k.df());
        close(0.01842, k.pValue(), 1e-3, "p");
    }

    /** R's ?kruskal.test (Hollander & Wolfe): kruskal.test(list(x, y, z)): chi-squared = 0.77143, df = 2, p-value = 0.68. */
    @Test
    void kruskalOfRsExample() {
        KruskalWallisTest.Result k = KruskalWallisTest.create().test(new double[] {2.9, 3.0, 2.5, 2.6, 3.2},
                new double[] {3.8, 2.7, 4.0, 2.4}, new double[] {2.8, 3.4, 3.7, 2.2, 2.0});
        close(0.77143, k.statistic(), 1e-4, "H");
        close(0.68, k.pValue(), 1e-2, "p");
    }

    /** R: quantile(c(1, 2, 3, 4), c(0.25, 0.5, 0.75)) = 1.75 2.50 3.25 (type 7). */
    @Test
    void quantilesAreType7() {
        SampleSummary s = SampleSummary.of(new double[] {4, 1, 3, 2});
        assertEquals(1.75, s.q1(), 1e-15);
        assertEquals(2.5, s.median(), 1e-15);
        assertEquals(3.25, s.q3(), 1e-15);
        assertNull(SampleSummary.of(new double[] {7}).sd());
    }
}
