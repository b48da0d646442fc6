package org.hepatica.plugin.competingrisks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.Provenance;
import org.hepatica.analysis.StoredResult;
import org.hepatica.figure.Figure;
import org.junit.jupiter.api.Test;

/** The figure is drawn from the stored result, including one stored before the result had its full curves. */
class CompetingRisksFigureTest {
    private static Map<String, Object> curve(String group, String cause, List<Double> times, List<Double> estimate) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("curve", group + " " + cause);
        c.put("group", group);
        c.put("cause", cause);
        c.put("times", times);
        c.put("estimate", estimate);
        return c;
    }

    private static StoredResult stored(boolean withCurves) {
        List<Double> times = List.of(365.0, 730.0, 1095.0);
        List<Object> cif = new ArrayList<>();
        cif.add(curve("RFA", "1", times, List.of(0.20, 0.35, 0.45)));
        cif.add(curve("RFA+RT", "1", times, List.of(0.12, 0.25, 0.33)));
        cif.add(curve("RFA", "2", times, List.of(0.03, 0.06, 0.09)));
        cif.add(curve("RFA+RT", "2", times, Arrays.asList(0.02, 0.04, null))); // past the arm's follow-up
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("treatment", "arm");
        result.put("cif", cif);
        result.put("grayTest", List.of(Map.of("cause", "1", "statistic", 7.48, "pValue", 0.0062, "df", 1),
                Map.of("cause", "2", "statistic", 6.0, "pValue", 0.014, "df", 1)));
        if (withCurves) {
            result.put("curves", List.of(curve("RFA", "1", List.of(10.0, 20.0, 400.0), List.of(0.01, 0.02, 0.2))));
        }
        Provenance p = new Provenance("competing-risks", "org.hepatica.plugin.competingrisks", "1.0.0", "1.0.0",
                "abc", Map.of(), Instant.EPOCH, 1);
        return new StoredResult("r1", "competing-risks", "c1", Map.of(), result, p);
    }

    @Test
    void aResultStoredWithoutItsFullCurvesIsDrawnFromItsReportedTimes() {
        Figure f = new CompetingRisksAnalysis().figure(stored(false), FigureRequest.DEFAULT).orElseThrow();
        assertEquals(4, f.svg().split("class=\"curve\"", -1).length - 1, "one curve per arm and cause");
        assertTrue(f.svg().contains("at the reported times only"), "the coarse drawing says so");
        assertTrue(f.svg().contains("Gray") && f.svg().contains("0.006"), "Gray's p of recurrence");
        assertTrue(f.svg().contains("RFA+RT: death without recurrence"), "causes in words, not codes");
    }

    @Test
    void aResultWithItsCurvesIsDrawnFromEveryStep() {
        Figure f = new CompetingRisksAnalysis().figure(stored(true), FigureRequest.DEFAULT).orElseThrow();
        assertEquals(1, f.svg().split("class=\"curve\"", -1).length - 1);
        assertFalse(f.svg().contains("at the reported times only"));
    }
}
