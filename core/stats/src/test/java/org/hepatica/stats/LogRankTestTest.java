package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogRankTestTest {

    static Stream<Arguments> logRankSections() {
        List<Arguments> out = new ArrayList<>();
        for (String dataset : ReferenceData.DATASETS) {
            ReferenceData.expected(dataset).get("endpoints").fieldNames()
                    .forEachRemaining(endpoint -> out.add(Arguments.of(dataset, endpoint)));
        }
        return out.stream();
    }

    /** R: {@code survdiff(Surv(time, event) ~ group, data)}; 1e-6 relative, counts exact. */
    @ParameterizedTest(name = "survdiff(Surv({1}) ~ group, data = {0})")
    @MethodSource("logRankSections")
    void matchesSurvdiff(String dataset, String endpoint) {
        ReferenceCohort cohort = ReferenceCohort.load(dataset);
        JsonNode exp = ReferenceData.expected(dataset).get("endpoints").get(endpoint)
                .get("logRank");
        ReferenceCohort.Factor f = cohort.factor(exp.get("groupBy").asText());
        LogRankResult r = LogRankTest.create().test(time(cohort, endpoint),
                event(cohort, endpoint), f.codes(), f.labels());
        GoldenValues golden = new GoldenValues();
        compare(golden, exp, r);
        golden.assertAllMatch();
    }

    /** R: {@code survdiff(Surv(os_time, os_event) ~ sex + strata(ph_ecog), data = lung)}. */
    @Test
    void matchesStratifiedSurvdiffOnLung() {
        ReferenceCohort lung = ReferenceCohort.load("lung");
        JsonNode exp = ReferenceData.expected("lung").get("endpoints").get("OS")
                .get("stratifiedLogRank");
        ReferenceCohort.Factor sex = lung.factor(exp.get("groupBy").asText());
        ReferenceCohort.Factor ecog = lung.factor(exp.get("strata").asText());
        boolean[] keep = new boolean[lung.size()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = ecog.codes()[i] >= 0 && sex.codes()[i] >= 0; // na.omit
        }
        LogRankResult r = LogRankTest.create().test(ReferenceCohort.select(lung.osTime, keep),
                ReferenceCohort.select(lung.osEvent, keep),
                ReferenceCohort.select(sex.codes(), keep), sex.labels(),
                ReferenceCohort.select(ecog.codes(), keep));
        GoldenValues golden = new GoldenValues();
        compare(golden, exp, r);
        golden.assertAllMatch();
    }

    /**
     * R: {@code survdiff(Surv(time, event) ~ cls, d)} and
     * {@code survdiff(Surv(time, event) ~ arm + strata(cls), d)} with the margin classes of
     * {@code marginStratification}.
     */
    @ParameterizedTest(name = "hcc_demo {0}: survdiff by margin class, and arm + strata(class)")
    @ValueSource(strings = {"OS", "DFS"})
    void matchesMarginStratification(String endpoint) {
        JsonNode section = ReferenceData.expected("hcc_demo").get("endpoints").get(endpoint)
                .get("marginStratification");
        MarginClasses m = MarginClasses.of(ReferenceCohort.load("hcc_demo"), endpoint,
                section.get("cutoffMm").asDouble());
        GoldenValues golden = new GoldenValues();
        LogRankResult between = LogRankTest.create().test(m.time, m.event, m.marginClass,
                MarginClasses.LABELS);
        compare(golden, section.get("logRankBetweenClasses"), between);
        LogRankResult stratified = LogRankTest.create().test(m.time, m.event, m.arm,
                m.armLabels, m.marginClass);
        compare(golden, section.get("stratifiedLogRankTreatment"), stratified);
        golden.assertAllMatch();
    }

    static void compare(GoldenValues golden, JsonNode exp, LogRankResult r) {
        golden.number("chiSquare", exp.get("chiSquare"), r.chiSquare());
        golden.count("df", exp.get("df"), r.df());
        golden.pValue("pValue", exp.get("pValue"), r.pValue());
        for (int g = 0; g < exp.get("observed").size(); g++) {
            golden.count("observed[" + g + "]", exp.get("observed").get(g),
                    Math.round(r.observed().get(g)));
            golden.number("observed[" + g + "]", exp.get("observed").get(g), r.observed().get(g));
            golden.number("expected[" + g + "]", exp.get("expected").get(g), r.expected().get(g));
        }
        assertEquals(exp.get("observed").size(), r.observed().size());
    }

    static double[] time(ReferenceCohort c, String endpoint) {
        return endpoint.equals("OS") ? c.osTime : c.dfsTime;
    }

    static int[] event(ReferenceCohort c, String endpoint) {
        return endpoint.equals("OS") ? c.osEvent : c.dfsEvent;
    }

    // ---------------------------------------------------------------- hand-checked cases

    /**
     * Two groups, no ties: at each event time the hypergeometric mean and variance.
     * a: 1 (event), 3 (event); b: 2 (event), 4 (censored).
     */
    @Test
    void twoGroupsByHand() {
        LogRankResult r = LogRankTest.create().test(new double[] {1, 3, 2, 4},
                new int[] {1, 1, 1, 0}, new int[] {0, 0, 1, 1}, new String[] {"a", "b"});
        // t=1: n=4 (a 2, b 2), d=1: E_a = 1/2, V = 1/4
        // t=2: n=3 (a 1, b 2), d=1: E_a = 1/3, V = 2/9
        // t=3: n=2 (a 1, b 1), d=1: E_a = 1/2, V = 1/4
        double ea = 0.5 + 1.0 / 3 + 0.5;
        double v = 0.25 + 2.0 / 9 + 0.25;
        assertEquals(ea, r.expected().get(0), 1e-15);
        assertEquals(3 - ea, r.expected().get(1), 1e-15);
        assertEquals(List.of(2.0, 1.0), r.observed());
        double chi = (1 - (3 - ea)) * (1 - (3 - ea)) / v;
        assertEquals(chi, r.chiSquare(), 1e-14);
        assertEquals(1, r.df());
        assertEquals(Distributions.chiSquareUpperTail(chi, 1), r.pValue(), 1e-15);
        assertEquals(List.of("a", "b"), r.groups());
    }

    /** Peto-Peto weights: rho = 1 weights each time by the pooled S(t-). */
    @Test
    void rhoWeightsByHand() {
        LogRankResult r = LogRankTest.create().withRho(1).test(new double[] {1, 3, 2, 4},
                new int[] {1, 1, 1, 0}, new int[] {0, 0, 1, 1}, new String[] {"a", "b"});
        // pooled S(t-): t=1: 1, t=2: 3/4, t=3: 1/2
        assertEquals(1 + 0.5, r.observed().get(0), 1e-15);
        assertEquals(0.75, r.observed().get(1), 1e-15);
        assertEquals(0.5 + 0.75 / 3 + 0.25, r.expected().get(0), 1e-15);
    }

    @Test
    void threeGroupsHaveTwoDegreesOfFreedom() {
        Random rnd = new Random(3);
        int n = 300;
        double[] t = new double[n];
        int[] s = new int[n];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = rnd.nextInt(3);
            t[i] = Math.ceil(rnd.nextExponential() * 100 / (1 + g[i]));
            s[i] = rnd.nextDouble() < 0.7 ? 1 : 0;
        }
        LogRankResult r = LogRankTest.create().test(t, s, g, new String[] {"x", "y", "z"});
        assertEquals(2, r.df());
        assertTrue(r.chiSquare() > 0);
        double sumO = r.observed().stream().mapToDouble(Double::doubleValue).sum();
        double sumE = r.expected().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(sumO, sumE, 1e-9); // sum of O - E is 0
        // relabelling the groups leaves the statistic unchanged
        int[] perm = {2, 0, 1};
        int[] g2 = new int[n];
        for (int i = 0; i < n; i++) {
            g2[i] = perm[g[i]];
        }
        LogRankResult r2 = LogRankTest.create().test(t, s, g2, new String[] {"z", "x", "y"});
        assertEquals(r.chiSquare(), r2.chiSquare(), 1e-9 * r.chiSquare());
    }

    @Test
    void stratificationByOneLevelChangesNothing() {
        Random rnd = new Random(5);
        int n = 200;
        double[] t = new double[n];
        int[] s = new int[n];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextInt(60);
            s[i] = rnd.nextInt(2);
            g[i] = rnd.nextInt(2);
        }
        LogRankResult plain = LogRankTest.create().test(t, s, g, new String[] {"a", "b"});
        LogRankResult one = LogRankTest.create().test(t, s, g, new String[] {"a", "b"},
                new int[n]);
        assertEquals(plain, one);
        // stratum codes only need to be distinct: 7 / 1e9 is the same as 0 / 1
        int[] strata = new int[n];
        int[] bigCodes = new int[n];
        for (int i = 0; i < n; i++) {
            strata[i] = i % 2;
            bigCodes[i] = strata[i] == 0 ? 7 : 1_000_000_000;
        }
        assertEquals(LogRankTest.create().test(t, s, g, new String[] {"a", "b"}, strata),
                LogRankTest.create().test(t, s, g, new String[] {"a", "b"}, bigCodes));
    }

    // ---------------------------------------------------------------- degenerate data

    @Test
    void noEventsGivesNoTestAndWarning() {
        LogRankResult r = LogRankTest.create().test(new double[] {1, 2, 3},
                new int[] {0, 0, 0}, new int[] {0, 1, 1}, new String[] {"a", "b"});
        assertNull(r.chiSquare());
        assertNull(r.pValue());
        assertEquals(0, r.df());
        assertTrue(r.warnings().get(0).contains("no test"));
    }

    @Test
    void zeroVarianceGivesSingularWarning() {
        // the only event time takes everyone at risk (n = d): E > 0 in both groups, V = 0
        LogRankResult r = LogRankTest.create().test(new double[] {1, 1},
                new int[] {1, 1}, new int[] {0, 1}, new String[] {"a", "b"});
        assertEquals(1.0, r.expected().get(1), 1e-15);
        assertNull(r.chiSquare());
        assertTrue(r.warnings().get(0).contains("singular"), r.warnings().toString());
    }

    @Test
    void oneSubjectGroupAndAllTiedStillGiveAnAnswer() {
        LogRankResult solo = LogRankTest.create().test(new double[] {1, 2, 3, 4},
                new int[] {1, 1, 0, 1}, new int[] {0, 1, 1, 1}, new String[] {"a", "b"});
        assertTrue(solo.chiSquare() >= 0);
        LogRankResult tied = LogRankTest.create().test(new double[] {5, 5, 5, 5},
                new int[] {1, 0, 1, 1}, new int[] {0, 0, 1, 1}, new String[] {"a", "b"});
        // n = 4, d = 3: E_a = 1.5, V = 3 * 1 / (16 * 3) * 2 * 2 = 0.25, (O_b - E_b)^2 / V = 1
        assertEquals(1.5, tied.expected().get(0), 1e-15);
        assertEquals(1.0, tied.chiSquare(), 1e-14);
    }

    @Test
    void emptyGroupIsReportedAndLeftOutOfDf() {
        LogRankResult r = LogRankTest.create().test(new double[] {1, 2, 3, 4},
                new int[] {1, 1, 0, 1}, new int[] {0, 1, 0, 1}, new String[] {"a", "b", "c"});
        assertEquals(1, r.df());
        assertEquals(0.0, r.expected().get(2));
        assertTrue(r.warnings().contains("group c has no subjects"));
    }

    @Test
    void invalidArgumentsAreNamed() {
        assertEquals("strata[1] must be >= 0, was -3",
                assertThrows(IllegalArgumentException.class, () -> LogRankTest.create().test(
                        new double[] {1, 2}, new int[] {1, 1}, new int[] {0, 1},
                        new String[] {"a", "b"}, new int[] {0, -3})).getMessage());
        assertEquals("strata has length 1 but time has length 2",
                assertThrows(IllegalArgumentException.class, () -> LogRankTest.create().test(
                        new double[] {1, 2}, new int[] {1, 1}, new int[] {0, 1},
                        new String[] {"a", "b"}, new int[] {0})).getMessage());
        assertEquals("labels[1] duplicates labels[0]: \"a\"",
                assertThrows(IllegalArgumentException.class, () -> LogRankTest.create().test(
                        new double[] {1, 2}, new int[] {1, 1}, new int[] {0, 1},
                        new String[] {"a", "a"})).getMessage());
    }

    /** Under H0 the p-value is roughly uniform: about 5 % of seeded samples reject at 0.05. */
    @Test
    void sizeUnderTheNullIsAboutNominal() {
        Random rnd = new Random(99);
        int reject = 0;
        int reps = 400;
        for (int rep = 0; rep < reps; rep++) {
            int n = 100;
            double[] t = new double[n];
            int[] s = new int[n];
            int[] g = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = rnd.nextExponential();
                double c = rnd.nextExponential() * 2;
                s[i] = t[i] <= c ? 1 : 0;
                t[i] = Math.min(t[i], c);
                g[i] = rnd.nextInt(2);
            }
            if (LogRankTest.create().test(t, s, g, new String[] {"a", "b"}).pValue() < 0.05) {
                reject++;
            }
        }
        assertTrue(reject > 5 && reject < 40, "rejections " + reject + " of " + reps);
    }
}
