package org.hepatica.plugin.competingrisks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortView;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.AnalysisRun;
import org.hepatica.testing.ReferenceValues;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.Test;

class CompetingRisksAnalysisTest {
    private final AnalysisHarness harness = AnalysisHarness.of(new CompetingRisksAnalysis());

    /**
     * R: {@code ci <- cmprsk::cuminc(dfs_time, cause, arm)}; {@code timepoints(ci, c(365, 730, 1095))}
     * (estimates and variances) and {@code ci$Tests} (Gray's test per cause). Relative 1e-6.
     */
    @Test
    void theCumulativeIncidencesAndGraysTestsAreThoseOfCmprsk() throws Exception {
        JsonNode exp = ReferenceValues.expected("hcc_demo").get("competingRisks");
        AnalysisRun run = harness.run(ReferenceValues.cohort("hcc_demo"));
        JsonNode r = run.json();
        ReferenceValues.Comparison c = ReferenceValues.compare();
        c.node("cif", exp.get("cif"), r.get("cif"));
        c.node("grayTest", exp.get("grayTest"), r.get("grayTest"));
        c.node("causes", exp.get("causes"), r.get("causes"));
        c.assertAllMatch();
        assertEquals(4 * 10 + 2 * 4 + 2, c.checked(), "4 curves: name, 3 times, estimates, variances; 2 tests; 2 causes");
        assertEquals(List.of(365.0, 730.0, 1095.0), doubles(r.get("times")), "the default reporting times");
        assertEquals(400, r.get("n").asInt());
        assertEquals("arm", r.get("treatment").asText());
        assertEquals("RFA", r.at("/cif/0/group").asText());
        assertEquals("1", r.at("/cif/0/cause").asText());
        // the curves the figure draws have every event time, and pass through the reported values
        JsonNode steps = r.at("/curves/0");
        assertEquals("RFA 1", steps.get("curve").asText());
        assertTrue(steps.get("times").size() > 50, "every event time of recurrence in RFA");
        assertEquals(exp.at("/cif/0/estimate/0").asDouble(), valueAt(steps, 365), 1e-9);
    }

    @Test
    void noTimesReportsEveryEventTime() throws Exception {
        CohortView c = small();
        JsonNode r = harness.run(c, Map.of("times", List.of())).json();
        assertEquals(0, r.get("times").size());
        // RFA: recurrence at 100, death without recurrence at 200, censored at 300
        JsonNode rfa1 = r.at("/cif/0");
        assertEquals("RFA 1", rfa1.get("curve").asText());
        assertEquals(r.get("cif"), r.get("curves"), "with no reporting times, the reported curves are the full ones");
        assertEquals(List.of(100.0), doubles(rfa1.get("times")), "the curve steps at its cause's event times");
        assertEquals(1.0 / 3, rfa1.at("/estimate/0").asDouble(), 1e-12);
    }

    /**
     * RFA: recurrence at 100, death without recurrence at 200, censored at 300; RFA+RT: censored at 150,
     * recurrence at 250, censored at 350. Cumulative incidence of recurrence in RFA at 150: 1/3; of death
     * at 250: (2/3) * (1/2) = 1/3. RFA+RT recurrence at 300: (1) * (1/2) = 1/2 (2 at risk at 250).
     */
    private static CohortView small() {
        return TestCohorts.rows("patient_id", "arm", "treatment_date", "recurrence_date", "death_date",
                "last_followup_date")
                .row("P1", "RFA", "2020-01-01", "2020-04-10", null, "2020-12-01")
                .row("P2", "RFA", "2020-01-01", null, "2020-07-19", "2020-07-19")
                .row("P3", "RFA", "2020-01-01", null, null, "2020-10-27")
                .row("P4", "RFA+RT", "2020-01-01", null, null, "2020-05-30")
                .row("P5", "RFA+RT", "2020-01-01", "2020-09-07", null, "2020-12-01")
                .row("P6", "RFA+RT", "2020-01-01", null, null, "2020-12-16")
                .build();
    }

    @Test
    void theIncidencesAtTheRequestedTimesFollowTheAalenJohansenSteps() throws Exception {
        JsonNode r = harness.run(small(), Map.of("times", List.of(150, 250, 300))).json();
        assertEquals(List.of(150.0, 250.0, 300.0), doubles(r.get("times")));
        assertEquals("RFA 1", r.at("/cif/0/curve").asText());
        assertEquals(1.0 / 3, r.at("/cif/0/estimate/0").asDouble(), 1e-12);
        assertEquals("RFA+RT 1", r.at("/cif/1/curve").asText());
        assertEquals(0.0, r.at("/cif/1/estimate/0").asDouble(), 1e-12);
        assertEquals(0.5, r.at("/cif/1/estimate/2").asDouble(), 1e-12);
        assertEquals("RFA 2", r.at("/cif/2/curve").asText());
        assertEquals(0.0, r.at("/cif/2/estimate/0").asDouble(), 1e-12);
        assertEquals(1.0 / 3, r.at("/cif/2/estimate/1").asDouble(), 1e-12);
        assertEquals(2, r.get("grayTest").size());
    }

    @Test
    void theFigureDrawsEveryStepOfTheFullCurves() throws Exception {
        AnalysisRun run = harness.run(small());
        String svg = run.figure().orElseThrow().svg();
        List<double[]> steps = steps(svg, "RFA: recurrence");
        assertEquals(1, steps.size(), "one recurrence in RFA");
        assertEquals(100, steps.get(0)[0], 0.5);
        assertEquals(1.0 / 3, steps.get(0)[1], 0.005);
        List<double[]> death = steps(svg, "RFA: death without recurrence");
        assertEquals(1, death.size());
        assertEquals(200, death.get(0)[0], 0.5);
        assertFalse(svg.contains("at the reported times only"));
    }

    /** A stored result without its full curves: each curve is drawn through its reported values, up to the first null. */
    @Test
    void aStoredResultIsDrawnThroughItsReportedValuesUpToTheFirstNull() {
        List<Double> times = List.of(365.0, 730.0, 1095.0);
        Map<String, Object> rfa = Map.of("curve", "RFA 1", "group", "RFA", "cause", "1", "times", times,
                "estimate", List.of(0.20, 0.35, 0.45));
        Map<String, Object> rt = Map.of("curve", "RFA+RT 2", "group", "RFA+RT", "cause", "2", "times", times,
                "estimate", Arrays.asList(0.02, 0.04, null));
        Map<String, Object> odd = Map.of("curve", "X 3", "group", "X", "cause", "3", "times", List.of(100.0),
                "estimate", List.of(0.1, 0.2));
        Map<String, Object> shortened = Map.of("curve", "Y 1", "group", "Y", "cause", "1", "times", List.of(100.0, 200.0),
                "estimate", List.of(0.1));
        StoredResult stored = new StoredResult("r", "competing-risks", "c", Map.of(),
                Map.of("treatment", "arm", "cif", List.of(rfa, rt, odd, shortened)), null);
        String svg = new CompetingRisksAnalysis().figure(stored, FigureRequest.DEFAULT).orElseThrow().svg();
        List<double[]> a = steps(svg, "RFA: recurrence");
        assertEquals(3, a.size());
        assertEquals(730, a.get(1)[0], 0.5);
        assertEquals(0.35, a.get(1)[1], 0.005);
        assertEquals(0.45, a.get(2)[1], 0.005);
        List<double[]> b = steps(svg, "RFA+RT: death without recurrence");
        assertEquals(2, b.size(), "the estimate ends after the arm's follow-up");
        assertEquals(0.04, b.get(1)[1], 0.005);
        List<double[]> x = steps(svg, "X: cause 3");
        assertEquals(1, x.size(), "no more points than times");
        assertEquals(1, steps(svg, "Y: recurrence").size(), "no more points than estimates");
        assertTrue(svg.contains("at the reported times only"));
    }

    @Test
    void aStoredResultWithoutCurvesHasNoFigure() {
        StoredResult stored = new StoredResult("r", "competing-risks", "c", Map.of(), Map.of("cif", List.of()), null);
        assertTrue(new CompetingRisksAnalysis().figure(stored, FigureRequest.DEFAULT).isEmpty());
    }

    @Test
    void theAnalysisIsListedUnderItsContractId() {
        CompetingRisksAnalysis a = new CompetingRisksAnalysis();
        assertEquals("competing-risks", a.id());
        assertFalse(a.name().isBlank());
        assertFalse(a.description().isBlank());
        assertEquals(List.of("treatment", "times"), a.parameters().stream().map(p -> p.name()).toList());
    }

    // ---------------------------------------------------------------- reading the figure back

    private static List<Double> doubles(JsonNode a) {
        List<Double> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asDouble()));
        return out;
    }

    private static double valueAt(JsonNode curve, double time) {
        double v = 0;
        for (int i = 0; i < curve.get("times").size(); i++) {
            if (curve.get("times").get(i).asDouble() <= time) {
                v = curve.get("estimate").get(i).asDouble();
            }
        }
        return v;
    }

    private static double attr(String svg, String name) {
        Matcher m = Pattern.compile("<g class=\"plot\"[^>]*\\s" + name + "=\"([-0-9.]+)\"").matcher(svg);
        assertTrue(m.find(), name);
        return Double.parseDouble(m.group(1));
    }

    /**
     * The steps of a drawn curve as (time in days, value): each V after the start, read back with the
     * plot's data-x0/x1/t1/y0/y1 (StepPlot's machine-readable marks).
     */
    private static List<double[]> steps(String svg, String label) {
        Matcher m = Pattern.compile("<path class=\"curve\" data-curve=\"" + Pattern.quote(label) + "\" d=\"([^\"]*)\"")
                .matcher(svg);
        assertTrue(m.find(), "a curve " + label + " in " + svg);
        double x0 = attr(svg, "data-x0");
        double x1 = attr(svg, "data-x1");
        double t1 = attr(svg, "data-t1");
        double y0 = attr(svg, "data-y0");
        double y1 = attr(svg, "data-y1");
        double unit = svg.contains("data-time-unit=\"months\"") ? 365.25 / 12 : svg.contains("data-time-unit=\"years\"")
                ? 365.25 : 1;
        List<double[]> out = new ArrayList<>();
        Matcher c = Pattern.compile("([MHV])\\s*([-0-9.]+)(?:[ ,]([-0-9.]+))?").matcher(m.group(1));
        double x = x0;
        while (c.find()) {
            switch (c.group(1)) {
                case "M" -> x = Double.parseDouble(c.group(2));
                case "H" -> x = Double.parseDouble(c.group(2));
                default -> out.add(new double[] {(x - x0) / (x1 - x0) * t1 * unit,
                        (Double.parseDouble(c.group(2)) - y0) / (y1 - y0)});
            }
        }
        return out;
    }
}
