package org.hepatica.analysis.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.figure.Figure;
import org.hepatica.figure.ForestPlot;
import org.hepatica.figure.StepCurve;
import org.hepatica.figure.TimeScale;
import org.junit.jupiter.api.Test;

/**
 * Figures read back from stored result trees (the JSON a plugin stored, as maps and lists): what
 * the tree says is what the figure shows, and a tree missing parts leaves those parts out.
 */
class ResultFiguresTest {

    private static Map<String, Object> row(double time, int nRisk, int nEvent, int nCensor, double survival,
                                           double lower, double upper) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("time", time);
        r.put("nRisk", nRisk);
        r.put("nEvent", nEvent);
        r.put("nCensor", nCensor);
        r.put("survival", survival);
        r.put("lower", lower);
        r.put("upper", upper);
        return r;
    }

    private static Map<String, Object> group(String label, int n, Double median, List<Map<String, Object>> table) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("label", label);
        g.put("n", n);
        Map<String, Object> m = new HashMap<>();
        m.put("estimate", median);
        g.put("median", m);
        g.put("table", table);
        return g;
    }

    /** Two arms: RFA reaches 0.5 at day 365.25 (12 months), RFA+RT never does. */
    private static List<Object> twoArms() {
        return List.of(
                group("RFA", 4, 365.25, List.of(row(100, 4, 1, 0, 0.75, 0.4, 0.9),
                        row(200, 3, 0, 1, 0.75, 0.4, 0.9), row(365.25, 2, 1, 0, 0.5, 0.2, 0.8))),
                group("RFA+RT", 3, null, List.of(row(300, 3, 1, 0, 2.0 / 3, 0.3, 0.9),
                        row(400, 2, 0, 2, 2.0 / 3, 0.3, 0.9))));
    }

    @Test
    void aGroupsTableBecomesItsCurveWithBandsCensoringsAndNumbersAtRisk() {
        StepCurve c = ResultFigures.kaplanMeierCurve(twoArms().get(0)).orElseThrow();
        assertEquals("RFA", c.label());
        assertEquals(4, c.n());
        assertArrayEquals(new double[] {100, 200, 365.25}, c.time());
        assertArrayEquals(new double[] {0.75, 0.75, 0.5}, c.value());
        assertArrayEquals(new double[] {0.4, 0.4, 0.2}, c.lower());
        assertArrayEquals(new double[] {0.9, 0.9, 0.8}, c.upper());
        assertArrayEquals(new double[] {200}, c.censorTimes(), "a censoring mark only where nCensor > 0");
        assertArrayEquals(new double[] {100, 200, 365.25}, c.riskTime());
        assertArrayEquals(new int[] {4, 3, 2}, c.nRisk());
        assertEquals(365.25, c.median());
    }

    @Test
    void missingPartsOfATableAreLeftOutNotInvented() {
        Map<String, Object> noBounds = new LinkedHashMap<>(row(50, 5, 1, 0, 0.8, 0.5, 0.95));
        noBounds.remove("upper");
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("table", List.of(noBounds));
        StepCurve c = ResultFigures.kaplanMeierCurve(g).orElseThrow();
        assertEquals("all", c.label(), "a group without a label is the whole sample");
        assertEquals(0, c.n());
        assertNull(c.lower(), "no band when a row lacks a bound");
        assertNull(c.upper());
        assertNull(c.median());
        assertEquals(0, c.censorTimes().length);

        Map<String, Object> sparse = new HashMap<>();
        sparse.put("survival", 0.9);
        StepCurve s = ResultFigures.kaplanMeierCurve(Map.of("table", List.of(sparse))).orElseThrow();
        assertTrue(Double.isNaN(s.time()[0]), "a missing time is NaN, not 0");
        assertEquals(0, s.nRisk()[0]);

        assertEquals(Optional.empty(), ResultFigures.kaplanMeierCurve(Map.of("label", "A", "table", List.of())));
        assertEquals(Optional.empty(), ResultFigures.kaplanMeierCurve(Map.of()));
        assertEquals(Optional.empty(), ResultFigures.kaplanMeierCurve("not a group"));
    }

    @Test
    void theKaplanMeierFigureShowsEveryGroupItsMediansLandmarksAndAnnotations() {
        Map<Double, String> landmarks = new LinkedHashMap<>();
        landmarks.put(730.0, "2 years");
        List<String> annotations = new ArrayList<>(Arrays.asList("Log-rank p = 0.012", null));
        Figure f = ResultFigures.kaplanMeier("Overall survival", twoArms(), annotations, landmarks,
                FigureRequest.DEFAULT).orElseThrow();
        assertEquals("Overall survival", f.title());
        assertEquals("Overall survival: survival probability against months since treatment for"
                + " RFA (n = 4, median 12.0 months) and RFA+RT (n = 3, median not reached), with shaded"
                + " confidence bands. Dotted line: 2 years. Log-rank p = 0.012.", f.description());
        assertTrue(f.svg().contains("RFA+RT (n = 3)"), "legend");
        assertTrue(f.svg().contains("Months since treatment"), "time axis");
        assertFalse(f.svg().contains("null"), "a null annotation is left out");
    }

    @Test
    void theFigureFollowsTheRequestedUnitScaleAndLabels() {
        Figure f = ResultFigures.kaplanMeier("DFS", twoArms(), List.of(), null,
                new FigureRequest(TimeScale.DAYS, true), label -> "Arm " + label).orElseThrow();
        assertTrue(f.description().startsWith("DFS: survival probability (%) against days since treatment for"
                + " Arm RFA (n = 4, median 365 days) and Arm RFA+RT (n = 3, median not reached)"), f.description());
        assertFalse(f.description().contains("Dotted line"), "no landmarks asked for");
        assertTrue(f.svg().contains("Days since treatment"));

        assertEquals(Optional.empty(), ResultFigures.kaplanMeier("x", List.of(Map.of("label", "A")), List.of(), null,
                FigureRequest.DEFAULT), "no group with a table: no figure");
        assertEquals(Optional.empty(), ResultFigures.kaplanMeier("x", "not a list", List.of(), null,
                FigureRequest.DEFAULT));
    }

    @Test
    void endpointAndTimeAxisNames() {
        assertEquals("Disease-free survival", ResultFigures.endpointName("DFS"));
        assertEquals("Disease-free survival", ResultFigures.endpointName("dfs"));
        assertEquals("Overall survival", ResultFigures.endpointName("os"));
        assertEquals("TTP", ResultFigures.endpointName("TTP"));
        assertEquals("Survival", ResultFigures.endpointName(null));
        assertEquals("Months since treatment", ResultFigures.timeLabel(FigureRequest.DEFAULT));
        assertEquals("Years since treatment", ResultFigures.timeLabel(new FigureRequest(TimeScale.YEARS, false)));
    }

    @Test
    void landmarkLabelsNameWholeYearsAndMonthsAndElseDays() {
        assertEquals("1 year", ResultFigures.landmarkLabel(365));
        assertEquals("2 years", ResultFigures.landmarkLabel(730));
        assertEquals("3 years", ResultFigures.landmarkLabel(1095.75));
        assertEquals("1 month", ResultFigures.landmarkLabel(30));
        assertEquals("6 months", ResultFigures.landmarkLabel(180));
        assertEquals("3 months", ResultFigures.landmarkLabel(90));
        assertEquals("2 months", ResultFigures.landmarkLabel(58), "1.91 months");
        assertEquals("57 days", ResultFigures.landmarkLabel(57), "1.87 months");
        assertEquals("18 months", ResultFigures.landmarkLabel(548));
        assertEquals("45 days", ResultFigures.landmarkLabel(45));
        assertEquals("10 days", ResultFigures.landmarkLabel(10));
        assertEquals("400 days", ResultFigures.landmarkLabel(400), "13.1 months is not a whole month");
        assertEquals("0 days", ResultFigures.landmarkLabel(0));
    }

    @Test
    void testAndHazardRatioLinesAreReadFromTheStoredNumbers() {
        assertEquals("Log-rank p = 0.012", ResultFigures.logRank(Map.of("pValue", 0.0123, "df", 1), null));
        assertEquals("Gray p < 0.001", ResultFigures.logRank(Map.of("pValue", 0.00001), "Gray"));
        assertNull(ResultFigures.logRank(Map.of("df", 1), null), "no p-value, no line");
        assertNull(ResultFigures.logRank(null, null));

        Map<String, Object> hr = new HashMap<>(Map.of("term", "arm=RFA+RT", "hazardRatio", 0.54, "lower", 0.42,
                "upper", 0.71, "pValue", 0.0002));
        assertEquals("HR 0.54 (0.42-0.71), p < 0.001", ResultFigures.hazardRatio(hr, null));
        assertEquals("MVI+: 0.54 (0.42-0.71), p < 0.001", ResultFigures.hazardRatio(hr, "MVI+: "));
        hr.remove("pValue");
        assertEquals("HR 0.54 (0.42-0.71)", ResultFigures.hazardRatio(hr, null));
        for (String field : List.of("hazardRatio", "lower", "upper")) {
            Map<String, Object> partial = new HashMap<>(hr);
            partial.remove(field);
            assertNull(ResultFigures.hazardRatio(partial, null), "without " + field);
        }
    }

    @Test
    void aForestRowCarriesTheStoredEstimateAndInterval() {
        ForestPlot plot = ForestPlot.of("Subgroups");
        assertSame(plot, ResultFigures.row(plot, "MVI present", 40, 22,
                Map.of("hazardRatio", 0.5, "lower", 0.3, "upper", 0.9, "pValue", 0.02)));
        ResultFigures.row(plot, "MVI absent", 60, 20, Map.of());
        Figure f = plot.draw();
        assertTrue(f.svg().contains("0.50 (0.30-0.90)"), f.svg());
        assertTrue(f.svg().contains("MVI absent"));
    }

    @Test
    void readingTheTreeGivesDefaultsForMissingOrWrongNodes() {
        assertEquals(Map.of(), ResultFigures.map("text"));
        assertEquals(List.of(), ResultFigures.list(Map.of()));
        assertEquals(2.5, ResultFigures.number(2.5f, 0));
        assertEquals(-1, ResultFigures.number("2.5", -1));
        assertEquals(3.0, ResultFigures.boxed(3L));
        assertNull(ResultFigures.boxed("3"));
        assertEquals(7, ResultFigures.integer(7.9));
        assertNull(ResultFigures.integer(null));
        assertEquals("12", ResultFigures.text(12, "x"));
        assertEquals("x", ResultFigures.text(null, "x"));
    }

    @Test
    void aMultiCentreResultSaysWhichSitesItPools() {
        Map<String, Object> all = Map.of("sites", List.of(Map.of("site", "A"), Map.of("site", "B")),
                "federated", Map.of("sitesPooled", List.of("A", "B")));
        assertEquals("Pooled over 2 sites: A, B", ResultFigures.pooled(all));
        Map<String, Object> some = Map.of("sites", List.of(Map.of("site", "A"), Map.of("site", "B"), Map.of("site", "C")),
                "federated", Map.of("sitesPooled", List.of("C")));
        assertEquals("Pooled over 1 of 3 sites: C", ResultFigures.pooled(some));
        assertNull(ResultFigures.pooled(Map.of("n", 10)), "a single installation's result names no sites");
    }
}
