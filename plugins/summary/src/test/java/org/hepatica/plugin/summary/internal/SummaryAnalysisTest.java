package org.hepatica.plugin.summary.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.junit.jupiter.api.Test;

class SummaryAnalysisTest {

    /** A cohort of five patients: OS (10 d, death), (20, alive), (30, death), (40, alive), (50, alive); DFS unknown for one. */
    private static CohortView cohort() {
        double[] osTime = {10, 20, 30, 40, 50};
        int[] osEvent = {1, 0, 1, 0, 0};
        double[] dfsTime = {5, 20, 15, 40, Double.NaN};
        int[] dfsEvent = {1, 0, 1, 0, -1};
        return (CohortView) Proxy.newProxyInstance(CohortView.class.getClassLoader(), new Class<?>[] {CohortView.class},
                (p, m, a) -> switch (m.getName()) {
                    case "size" -> 5;
                    case "time" -> (a[0] == Endpoint.OS ? osTime : dfsTime).clone();
                    case "event" -> (a[0] == Endpoint.OS ? osEvent : dfsEvent).clone();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void countsPatientsAndEventsPerEndpointAndTheReverseKaplanMeierFollowUp() {
        SummaryAnalysis.Summary s = (SummaryAnalysis.Summary) new SummaryAnalysis().run(cohort(),
                new AnalysisParameters(Map.of("endpoints", List.of("OS", "DFS"))));
        assertEquals(5, s.patients());
        SummaryAnalysis.EndpointSummary os = s.endpoints().get(0);
        assertEquals(5, os.patients());
        assertEquals(2, os.events());
        assertEquals(3, os.censored());
        // reverse KM (censoring as event): S(20) = 3/4, S(40) = 3/4 * 1/2 = 0.375 -> median 40
        assertEquals(40.0, os.medianFollowUp());
        assertEquals(30.0, os.medianObservedTime());
        SummaryAnalysis.EndpointSummary dfs = s.endpoints().get(1);
        assertEquals(4, dfs.patients(), "the patient whose DFS cannot be derived is left out");
        assertEquals(2, dfs.events());
    }

    @Test
    void aCohortWithoutAnEndpointHasNoMedian() {
        assertNull(SummaryAnalysis.kmMedian(new double[0], new int[0]));
    }
}
