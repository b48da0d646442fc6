package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hepatica.stats.KaplanMeierEstimator.ConfType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KaplanMeierEstimatorTest {

    // ---------------------------------------------------------------- golden values from R

    /** Every (dataset, endpoint, conf.type) section of the reference files. */
    static Stream<Arguments> kmSections() {
        List<Arguments> out = new ArrayList<>();
        for (String dataset : ReferenceData.DATASETS) {
            JsonNode endpoints = ReferenceData.expected(dataset).get("endpoints");
            endpoints.fieldNames().forEachRemaining(endpoint -> {
                for (ConfType type : ConfType.values()) {
                    out.add(Arguments.of(dataset, endpoint, type));
                }
            });
        }
        return out.stream();
    }

    /**
     * R: {@code fit <- survfit(Surv(time, event) ~ 1 | ~ group, data, conf.type = TYPE)};
     * {@code summary(fit, censored = TRUE)} (table), {@code summary(fit, times = landmarks,
     * extend = TRUE)} (landmarks), {@code print(fit, rmean = tau)} (n, events, rmean,
     * se(rmean), median and its limits). Tolerance 1e-6 relative, counts exact.
     */
    @ParameterizedTest(name = "{0} {1}: survfit(Surv(time, event) ~ 1 and ~ group, conf.type = \"{2}\")")
    @MethodSource("kmSections")
    void matchesSurvfit(String dataset, String endpoint, ConfType type) {
        ReferenceCohort cohort = ReferenceCohort.load(dataset);
        JsonNode section = ReferenceData.expected(dataset).get("endpoints").get(endpoint)
                .get("km_" + type.label());
        double[] time = endpoint.equals("OS") ? cohort.osTime : cohort.dfsTime;
        int[] event = endpoint.equals("OS") ? cohort.osEvent : cohort.dfsEvent;
        KaplanMeierEstimator km = KaplanMeierEstimator.create().withConfType(type)
                .withLandmarks(doubles(section.get("landmarks")))
                .withTau(section.get("tau").asDouble());
        GoldenValues golden = new GoldenValues();

        KaplanMeierResult overall = km.fit(time, event);
        assertEquals(type.label(), overall.confType());
        assertEquals(1, overall.groups().size());
        compareCurve(golden, "overall", section.get("overall").get(0), overall.groups().get(0));

        JsonNode byGroup = section.get("byGroup");
        ReferenceCohort.Factor f = cohort.factor(byGroup.get("groupBy").asText());
        KaplanMeierResult grouped = km.fit(time, event, f.codes(), f.labels());
        JsonNode groups = byGroup.get("groups");
        assertEquals(groups.size(), grouped.groups().size());
        for (int g = 0; g < groups.size(); g++) {
            compareCurve(golden, "group " + g, groups.get(g), grouped.groups().get(g));
        }
        golden.assertAllMatch();
        assertTrue(golden.checked() > 1000, "compared " + golden.checked() + " values");
    }

    static Stream<String> marginEndpoints() {
        return Stream.of("OS", "DFS");
    }

    /**
     * R: {@code d <- subset(hcc, !is.na(margin_mm)); d$cls <- ifelse(d$margin_mm < 10, "<10",
     * ">=10"); survfit(Surv(time, event) ~ cls, d, conf.type = "log-log")} with the same
     * summaries as above (landmarks 730, 1095; rmean = 1095).
     */
    @ParameterizedTest(name = "hcc_demo {0}: survfit(Surv() ~ margin class, conf.type = \"log-log\")")
    @MethodSource("marginEndpoints")
    void matchesSurvfitByMarginClass(String endpoint) {
        ReferenceCohort cohort = ReferenceCohort.load("hcc_demo");
        JsonNode section = ReferenceData.expected("hcc_demo").get("endpoints").get(endpoint)
                .get("marginStratification");
        MarginClasses m = MarginClasses.of(cohort, endpoint, section.get("cutoffMm").asDouble());
        assertEquals(section.get("n").asInt(), m.time.length);
        assertEquals(section.get("excludedMissingMargin").asInt(), m.excluded);
        JsonNode first = section.get("km").get(0);
        KaplanMeierEstimator km = KaplanMeierEstimator.create().withConfType(ConfType.LOG_LOG)
                .withLandmarks(first.get("landmarks").findValues("time").stream()
                        .mapToDouble(JsonNode::asDouble).toArray())
                .withTau(first.get("rmst").get("tau").asDouble());
        KaplanMeierResult fit = km.fit(m.time, m.event, m.marginClass, MarginClasses.LABELS);
        GoldenValues golden = new GoldenValues();
        JsonNode curves = section.get("km");
        assertEquals(curves.size(), fit.groups().size());
        for (int g = 0; g < curves.size(); g++) {
            compareCurve(golden, "class " + g, curves.get(g), fit.groups().get(g));
        }
        golden.assertAllMatch();
    }

    static void compareCurve(GoldenValues golden, String where, JsonNode exp,
            KaplanMeierResult.Curve act) {
        assertEquals(exp.get("label").asText(), act.label(), where);
        where = where + " (" + act.label() + ")";
        golden.count(where + " n", exp.get("n"), act.n());
        golden.count(where + " events", exp.get("events"), act.events());
        JsonNode med = exp.get("median");
        golden.number(where + " median", med.get("estimate"), act.median().estimate());
        golden.number(where + " median lower", med.get("lower"), act.median().lower());
        golden.number(where + " median upper", med.get("upper"), act.median().upper());
        JsonNode rmst = exp.get("rmst");
        assertNotNull(act.rmst(), where + " rmst");
        golden.number(where + " rmst tau", rmst.get("tau"), act.rmst().tau());
        golden.number(where + " rmst", rmst.get("estimate"), act.rmst().estimate());
        golden.number(where + " rmst stdErr", rmst.get("stdErr"), act.rmst().stdErr());
        JsonNode lms = exp.get("landmarks");
        assertEquals(lms.size(), act.landmarks().size(), where + " landmarks");
        for (int i = 0; i < lms.size(); i++) {
            JsonNode e = lms.get(i);
            KaplanMeierResult.Landmark a = act.landmarks().get(i);
            String w = where + " landmark " + e.get("time");
            golden.number(w + " time", e.get("time"), a.time());
            golden.count(w + " nRisk", e.get("nRisk"), a.nRisk());
            golden.number(w + " survival", e.get("survival"), a.survival());
            golden.number(w + " stdErr", e.get("stdErr"), a.stdErr());
            golden.number(w + " lower", e.get("lower"), a.lower());
            golden.number(w + " upper", e.get("upper"), a.upper());
        }
        JsonNode table = exp.get("table");
        assertEquals(table.size(), act.table().size(), where + " table rows");
        for (int i = 0; i < table.size(); i++) {
            JsonNode e = table.get(i);
            KaplanMeierResult.Row a = act.table().get(i);
            String w = where + " t=" + e.get("time");
            golden.number(w + " time", e.get("time"), a.time());
            golden.count(w + " nRisk", e.get("nRisk"), a.nRisk());
            golden.count(w + " nEvent", e.get("nEvent"), a.nEvent());
            golden.count(w + " nCensor", e.get("nCensor"), a.nCensor());
            golden.number(w + " survival", e.get("survival"), a.survival());
            golden.number(w + " stdErr", e.get("stdErr"), a.stdErr());
            golden.number(w + " lower", e.get("lower"), a.lower());
            golden.number(w + " upper", e.get("upper"), a.upper());
        }
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    // ---------------------------------------------------------------- hand-checked small cases

    /** R: survfit(Surv(c(1,2,2,3,4), c(1,1,0,1,0)) ~ 1). */
    @Test
    void smallSampleByHand() {
        double[] t = {1, 2, 2, 3, 4};
        int[] s = {1, 1, 0, 1, 0};
        KaplanMeierResult.Curve c = KaplanMeierEstimator.create().fit(t, s).groups().get(0);
        assertEquals(4, c.table().size());
        KaplanMeierResult.Row r2 = c.table().get(1);
        // censored at t = 2 counts as at risk at t = 2: n = 4, d = 1
        assertEquals(4, r2.nRisk());
        assertEquals(1, r2.nEvent());
        assertEquals(1, r2.nCensor());
        assertEquals(0.8 * 0.75, r2.survival(), 1e-15);
        double g = 1.0 / (5 * 4) + 1.0 / (4 * 3);
        assertEquals(0.6 * Math.sqrt(g), r2.stdErr(), 1e-15);
        KaplanMeierResult.Row r3 = c.table().get(2);
        assertEquals(2, r3.nRisk());
        assertEquals(0.3, r3.survival(), 1e-15);
        // median: first time S < 0.5 is 3
        assertEquals(3.0, c.median().estimate());
    }

    /**
     * The mid-point rule on the confidence curves: at this level the plain lower bound is 0.5
     * at t = 4 and the upper bound 0.5 at t = 6, so each limit of the median is the mid-point
     * to the next time its curve falls further. R 4.2.2:
     * {@code z <- (1/6)/sqrt(sum(1/((10:7)*(9:6)))); quantile(survfit(Surv(1:10, rep(1, 10)) ~ 1,
     * conf.type = "plain", conf.int = 2*pnorm(z) - 1), 0.5)}: 5.5, lower 4.5, upper 6.5.
     */
    @Test
    void medianLimitsTakeTheMidPointWhereTheirCurveIsFlatAtHalf() {
        double[] time = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        int[] status = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        double greenwood = 1.0 / (10 * 9) + 1.0 / (9 * 8) + 1.0 / (8 * 7) + 1.0 / (7 * 6);
        double z = (1.0 / 6) / Math.sqrt(greenwood);
        double level = 2 * Distributions.normalCdf(z) - 1;
        assertEquals(0.4813949835712743, level, 1e-15);
        KaplanMeierResult.Curve c = KaplanMeierEstimator.create()
                .withConfType(KaplanMeierEstimator.ConfType.PLAIN).withConfLevel(level)
                .fit(time, status).groups().get(0);
        assertEquals(0.5, c.table().get(3).lower(), 1e-12);
        assertEquals(0.5, c.table().get(5).upper(), 1e-12);
        assertEquals(5.5, c.median().estimate());
        assertEquals(4.5, c.median().lower());
        assertEquals(6.5, c.median().upper());
    }

    /** R: survfit(Surv(1:4, rep(1, 4)) ~ 1): S = .75 .5 .25 0, median = (2 + 3) / 2. */
    @Test
    void medianMidpointRuleOnFlatAtHalf() {
        KaplanMeierResult.Curve c = KaplanMeierEstimator.create()
                .fit(new double[] {1, 2, 3, 4}, new int[] {1, 1, 1, 1}).groups().get(0);
        assertEquals(2.5, c.median().estimate());
        // S = 0 at t = 4: Greenwood undefined, all limits NA in R
        KaplanMeierResult.Row last = c.table().get(3);
        assertEquals(0.0, last.survival());
        assertNull(last.stdErr());
        assertNull(last.lower());
        assertNull(last.upper());
    }

    @Test
    void medianFlatAtHalfToTheEndIsTheFirstTime() {
        // S = 0.5 from t = 2 on and never drops again: minmin gives x[1] = 2
        KaplanMeierResult.Curve c = KaplanMeierEstimator.create()
                .fit(new double[] {1, 2, 3, 4}, new int[] {0, 1, 0, 0}).groups().get(0);
        assertEquals(2.0 / 3.0, c.table().get(1).survival(), 1e-15);
        KaplanMeierResult.Curve d = KaplanMeierEstimator.create()
                .fit(new double[] {1, 2, 3}, new int[] {1, 0, 0}).groups().get(0);
        assertNull(d.median().estimate());
        KaplanMeierResult.Curve e = KaplanMeierEstimator.create()
                .fit(new double[] {1, 2, 3, 4}, new int[] {1, 1, 0, 0}).groups().get(0);
        assertEquals(0.5, e.table().get(1).survival(), 1e-15);
        assertEquals(2.0, e.median().estimate());
    }

    @Test
    void landmarksFollowSummarySurvfitSemantics() {
        double[] t = {1, 2, 2, 3, 4};
        int[] s = {1, 1, 0, 1, 0};
        KaplanMeierResult.Curve c = KaplanMeierEstimator.create().withLandmarks(0.5, 2, 2.5, 9)
                .fit(t, s).groups().get(0);
        KaplanMeierResult.Landmark before = c.landmarks().get(0);
        assertEquals(5, before.nRisk());
        assertEquals(1.0, before.survival());
        assertEquals(0.0, before.stdErr());
        assertEquals(1.0, before.lower());
        KaplanMeierResult.Landmark at2 = c.landmarks().get(1);
        assertEquals(4, at2.nRisk()); // time >= 2
        assertEquals(0.6, at2.survival(), 1e-15);
        KaplanMeierResult.Landmark between = c.landmarks().get(2);
        assertEquals(2, between.nRisk()); // n.risk at the next time, 3
        assertEquals(0.6, between.survival(), 1e-15);
        KaplanMeierResult.Landmark after = c.landmarks().get(3);
        assertEquals(0, after.nRisk());
        assertEquals(0.3, after.survival(), 1e-15);
    }

    @Test
    void restrictedMeanIsTheAreaUnderTheCurve() {
        double[] t = {1, 2, 2, 3, 4};
        int[] s = {1, 1, 0, 1, 0};
        KaplanMeierResult.Curve c = KaplanMeierEstimator.create().withTau(3.5).fit(t, s)
                .groups().get(0);
        // 1*1 + 1*0.8 + 1*0.6 + 0.5*0.3
        assertEquals(2.55, c.rmst().estimate(), 1e-14);
        // var = sum_j A_j^2 d_j / (n_j (n_j - d_j)) with A_j the area after t_j
        double var = Math.pow(0.8 + 0.6 + 0.15, 2) / (5 * 4) + Math.pow(0.6 + 0.15, 2) / (4 * 3)
                + Math.pow(0.15, 2) / (2 * 1);
        assertEquals(Math.sqrt(var), c.rmst().stdErr(), 1e-14);
        KaplanMeierResult.Curve early = KaplanMeierEstimator.create().withTau(0.5).fit(t, s)
                .groups().get(0);
        assertEquals(0.5, early.rmst().estimate());
        assertEquals(0.0, early.rmst().stdErr());
        assertNull(KaplanMeierEstimator.create().fit(t, s).groups().get(0).rmst());
    }

    @Test
    void confidenceLevelChangesTheWidth() {
        double[] t = {1, 2, 3, 4, 5, 6, 7, 8};
        int[] s = {1, 0, 1, 1, 0, 1, 1, 0};
        KaplanMeierResult.Row r95 = KaplanMeierEstimator.create().fit(t, s).groups().get(0)
                .table().get(3);
        KaplanMeierResult.Row r80 = KaplanMeierEstimator.create().withConfLevel(0.8).fit(t, s)
                .groups().get(0).table().get(3);
        assertTrue(r80.lower() > r95.lower());
        assertTrue(r80.upper() < r95.upper());
        // log interval: exp(log S -/+ z se(log S)) with z = qnorm(0.9)
        double z = 1.2815515655446004;
        double seLog = r80.stdErr() / r80.survival();
        assertEquals(Math.exp(Math.log(r80.survival()) - z * seLog), r80.lower(), 1e-13);
    }

    @Test
    void confTypeParsesTheRNames() {
        assertEquals(ConfType.LOG_LOG, ConfType.of("log-log"));
        assertEquals(ConfType.PLAIN, ConfType.of("plain"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfType.of("arcsin"));
        assertEquals("confType must be one of log, log-log, plain, was arcsin", e.getMessage());
    }

    // ---------------------------------------------------------------- degenerate data

    @Test
    void noEventsGivesFlatCurveAndWarning() {
        KaplanMeierResult r = KaplanMeierEstimator.create().withConfType(ConfType.LOG_LOG)
                .withTau(5).fit(new double[] {1, 2, 3}, new int[] {0, 0, 0});
        KaplanMeierResult.Curve c = r.groups().get(0);
        assertEquals(0, c.events());
        for (KaplanMeierResult.Row row : c.table()) {
            assertEquals(1.0, row.survival());
            assertEquals(0.0, row.stdErr());
            assertNull(row.lower()); // log-log undefined at S = 1
        }
        assertNull(c.median().estimate());
        assertEquals(5.0, c.rmst().estimate());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("no events")), r.warnings()
                .toString());
    }

    @Test
    void oneSubjectGroupGivesAnswerAndWarning() {
        KaplanMeierResult r = KaplanMeierEstimator.create().withLandmarks(1, 10).fit(
                new double[] {5, 1, 2, 3}, new int[] {1, 1, 0, 1}, new int[] {0, 1, 1, 1},
                new String[] {"solo", "rest"});
        KaplanMeierResult.Curve solo = r.group("solo");
        assertEquals(1, solo.n());
        assertEquals(1, solo.table().size());
        assertEquals(0.0, solo.table().get(0).survival());
        assertNull(solo.table().get(0).stdErr());
        assertEquals(5.0, solo.median().estimate());
        assertEquals(0, solo.landmarks().get(1).nRisk());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("solo: only one subject")));
    }

    @Test
    void allTimesTiedGivesOneRow() {
        KaplanMeierResult r = KaplanMeierEstimator.create()
                .fit(new double[] {7, 7, 7, 7}, new int[] {1, 0, 1, 0});
        KaplanMeierResult.Curve c = r.groups().get(0);
        assertEquals(1, c.table().size());
        assertEquals(4, c.table().get(0).nRisk());
        assertEquals(2, c.table().get(0).nEvent());
        assertEquals(2, c.table().get(0).nCensor());
        assertEquals(0.5, c.table().get(0).survival());
        assertEquals(7.0, c.median().estimate()); // flat at 0.5 to the end: x[1]
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("all times are tied")));
    }

    @Test
    void emptyGroupIsSkippedWithWarning() {
        KaplanMeierResult r = KaplanMeierEstimator.create().fit(new double[] {1, 2},
                new int[] {1, 1}, new int[] {0, 0}, new String[] {"a", "b"});
        assertEquals(1, r.groups().size());
        assertTrue(r.warnings().contains("group b has no subjects: no curve"));
    }

    @Test
    void emptySampleGivesNoCurve() {
        KaplanMeierResult r = KaplanMeierEstimator.create().fit(new double[0], new int[0]);
        assertTrue(r.groups().isEmpty());
        assertEquals(List.of("no subjects: no curve"), r.warnings());
    }

    @Test
    void invalidArgumentsAreNamed() {
        KaplanMeierEstimator km = KaplanMeierEstimator.create();
        assertEquals("time[1] must be finite and >= 0, was NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> km.fit(new double[] {1, Double.NaN}, new int[] {1, 0}))
                        .getMessage());
        assertEquals("status has length 1 but time has length 2",
                assertThrows(IllegalArgumentException.class,
                        () -> km.fit(new double[] {1, 2}, new int[] {1})).getMessage());
        assertEquals("status[0] must be in 0..1, was 2",
                assertThrows(IllegalArgumentException.class,
                        () -> km.fit(new double[] {1}, new int[] {2})).getMessage());
        assertEquals("group[1] must be in 0..1, was 2",
                assertThrows(IllegalArgumentException.class, () -> km.fit(new double[] {1, 2},
                        new int[] {1, 1}, new int[] {0, 2}, new String[] {"a", "b"}))
                        .getMessage());
        assertEquals("confLevel must be > 0 and < 1, was 95.0",
                assertThrows(IllegalArgumentException.class, () -> km.withConfLevel(95))
                        .getMessage());
        assertEquals("tau must be finite and >= 0, was -1.0",
                assertThrows(IllegalArgumentException.class, () -> km.withTau(-1)).getMessage());
    }

    @Test
    void estimatorIsImmutable() {
        KaplanMeierEstimator a = KaplanMeierEstimator.create();
        KaplanMeierEstimator b = a.withConfType(ConfType.PLAIN).withConfLevel(0.9);
        assertEquals(ConfType.LOG, a.confType());
        assertEquals(0.95, a.confLevel());
        assertEquals(ConfType.PLAIN, b.confType());
        assertEquals(0.9, b.confLevel());
    }

    // ---------------------------------------------------------------- properties

    @Test
    void propertiesOnRandomData() {
        Random rnd = new Random(20240611L);
        for (int rep = 0; rep < 200; rep++) {
            int n = 1 + rnd.nextInt(80);
            double[] t = new double[n];
            int[] s = new int[n];
            int[] g = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = rnd.nextInt(30); // many ties
                s[i] = rnd.nextDouble() < 0.6 ? 1 : 0;
                g[i] = rnd.nextInt(3);
            }
            ConfType type = ConfType.values()[rep % 3];
            KaplanMeierResult r = KaplanMeierEstimator.create().withConfType(type)
                    .withTau(15).withLandmarks(10).fit(t, s, g, new String[] {"x", "y", "z"});
            int total = 0;
            for (KaplanMeierResult.Curve c : r.groups()) {
                total += c.n();
                double prevS = 1.0;
                double prevT = Double.NEGATIVE_INFINITY;
                int removed = 0;
                for (KaplanMeierResult.Row row : c.table()) {
                    assertTrue(row.time() > prevT, "times ascending");
                    assertTrue(row.survival() <= prevS, "S non-increasing");
                    assertTrue(row.survival() >= 0.0);
                    assertEquals(c.n() - removed, row.nRisk(), "n at risk");
                    removed += row.nEvent() + row.nCensor();
                    if (row.lower() != null) {
                        assertTrue(row.lower() <= row.survival() + 1e-15);
                        assertTrue(row.upper() >= row.survival() - 1e-15);
                        assertTrue(row.lower() >= 0 && row.upper() <= 1);
                    }
                    prevS = row.survival();
                    prevT = row.time();
                }
                assertEquals(c.n(), removed, "everyone leaves the risk set");
                assertTrue(c.rmst().estimate() <= 15.0 + 1e-12);
                if (c.median().estimate() != null && c.median().lower() != null) {
                    assertTrue(c.median().lower() <= c.median().estimate());
                }
            }
            assertEquals(n, total);
        }
    }

    @Test
    void groupedFitEqualsSeparateFits() {
        Random rnd = new Random(7);
        int n = 500;
        double[] t = new double[n];
        int[] s = new int[n];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.round(rnd.nextExponential() * 100);
            s[i] = rnd.nextInt(2);
            g[i] = rnd.nextInt(2);
        }
        KaplanMeierEstimator km = KaplanMeierEstimator.create().withTau(80).withLandmarks(50);
        KaplanMeierResult both = km.fit(t, s, g, new String[] {"a", "b"});
        for (int k = 0; k < 2; k++) {
            final int code = k;
            boolean[] keep = new boolean[n];
            for (int i = 0; i < n; i++) {
                keep[i] = g[i] == code;
            }
            KaplanMeierResult.Curve alone = km.fit(ReferenceCohort.select(t, keep),
                    ReferenceCohort.select(s, keep)).groups().get(0);
            KaplanMeierResult.Curve inGroup = both.groups().get(k);
            assertEquals(alone.table(), inGroup.table());
            assertEquals(alone.median(), inGroup.median());
            assertEquals(alone.rmst(), inGroup.rmst());
            assertEquals(alone.landmarks(), inGroup.landmarks());
        }
    }

    @Test
    void inputOrderDoesNotMatter() {
        Random rnd = new Random(11);
        int n = 300;
        double[] t = new double[n];
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextInt(50) + rnd.nextInt(4) * 0.25;
            s[i] = rnd.nextInt(2);
        }
        KaplanMeierResult.Curve a = KaplanMeierEstimator.create().fit(t, s).groups().get(0);
        // reverse the input
        double[] t2 = new double[n];
        int[] s2 = new int[n];
        for (int i = 0; i < n; i++) {
            t2[i] = t[n - 1 - i];
            s2[i] = s[n - 1 - i];
        }
        KaplanMeierResult.Curve b = KaplanMeierEstimator.create().fit(t2, s2).groups().get(0);
        assertEquals(a.table(), b.table());
    }

    /**
     * R's minmin(y, x) written out literally over every row of the table (the reference for
     * the estimator's shortened scans).
     */
    private static Double minminReference(List<KaplanMeierResult.Row> rows, int which) {
        double tol = Math.sqrt(Math.ulp(1.0));
        List<double[]> kept = new ArrayList<>(); // (x, y) with !is.na(y) & y < .5 + tol
        for (KaplanMeierResult.Row r : rows) {
            Double y = which == 0 ? Double.valueOf(r.survival()) : which < 0 ? r.lower() : r.upper();
            if (y != null && y < 0.5 + tol) {
                kept.add(new double[] {r.time(), y});
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        double y1 = kept.get(0)[1];
        if (Math.abs(y1 - 0.5) < tol) {
            for (double[] k : kept) {
                if (k[1] < y1) {
                    return (kept.get(0)[0] + k[0]) / 2;
                }
            }
        }
        return kept.get(0)[0];
    }

    @Test
    void medianAndLimitsEqualRsMinminOnEveryRow() {
        Random rnd = new Random(31);
        int compared = 0;
        for (int rep = 0; rep < 1500; rep++) {
            int n = 2 + rnd.nextInt(rep % 25 == 0 ? 2000 : 40);
            double censorRate = rep % 3 == 0 ? 0.0 : rnd.nextDouble() * 0.6;
            double[] t = new double[n];
            int[] s = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = rep % 2 == 0 ? rnd.nextInt(25) : rnd.nextDouble() * 100;
                s[i] = rnd.nextDouble() < censorRate ? 0 : 1;
            }
            ConfType type = ConfType.values()[rep % 3];
            double level = rep % 5 == 0 ? 0.5 + rnd.nextDouble() * 0.49 : 0.95;
            KaplanMeierResult.Curve c = KaplanMeierEstimator.create().withConfType(type)
                    .withConfLevel(level).fit(t, s).groups().get(0);
            assertEquals(minminReference(c.table(), 0), c.median().estimate(), "median");
            assertEquals(minminReference(c.table(), -1), c.median().lower(), "lower");
            assertEquals(minminReference(c.table(), 1), c.median().upper(), "upper");
            compared++;
        }
        assertEquals(1500, compared);
    }

    /** The records serialize to the reference JSON's field names, with null for NA. */
    @Test
    void serializesToTheReferenceShape() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json =
                new com.fasterxml.jackson.databind.ObjectMapper();
        ReferenceCohort lung = ReferenceCohort.load("lung");
        JsonNode expected = ReferenceData.expected("lung").get("endpoints").get("OS")
                .get("km_log-log").get("overall").get(0);
        KaplanMeierResult r = KaplanMeierEstimator.create().withConfType(ConfType.LOG_LOG)
                .withLandmarks(730, 1095).withTau(1095).fit(lung.osTime, lung.osEvent);
        JsonNode actual = json.readTree(json.writeValueAsString(r.groups().get(0)));
        assertEquals(fieldNames(expected), fieldNames(actual));
        assertEquals(fieldNames(expected.get("median")), fieldNames(actual.get("median")));
        assertEquals(fieldNames(expected.get("rmst")), fieldNames(actual.get("rmst")));
        assertEquals(fieldNames(expected.get("landmarks").get(0)),
                fieldNames(actual.get("landmarks").get(0)));
        assertEquals(fieldNames(expected.get("table").get(0)),
                fieldNames(actual.get("table").get(0)));
        assertEquals(expected.get("table").size(), actual.get("table").size());
        JsonNode whole = json.readTree(json.writeValueAsString(r));
        assertEquals(java.util.Set.of("confType", "confLevel", "groups", "warnings"),
                fieldNames(whole));
        assertEquals("log-log", whole.get("confType").asText());
        // NA: the log-log limits at S = 1 (hcc_demo OS starts with a censored subject)
        KaplanMeierResult.Curve c = KaplanMeierEstimator.create().withConfType(ConfType.LOG_LOG)
                .fit(new double[] {1, 2}, new int[] {0, 1}).groups().get(0);
        JsonNode row = json.readTree(json.writeValueAsString(c.table().get(0)));
        assertTrue(row.get("lower").isNull());
        assertTrue(row.get("upper").isNull());
    }

    private static java.util.Set<String> fieldNames(JsonNode node) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
