package org.hepatica.plugin.summary.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.TestCohorts;
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

    /**
     * Four patients, not in time order: OS 40 (death), 10, 20, 50 (alive). The reverse Kaplan-Meier curve
     * (censoring as the event) is 3/4 after 10 and 1/2 from 20 to 50; R: {@code survfit(Surv(c(40, 10, 20, 50),
     * c(0, 1, 1, 1)) ~ 1)} gives the median 35, halfway between 20 and 50 where the curve sits at exactly 1/2.
     * The median observed time of an even count is the mean of the middle two: (20 + 40) / 2 = 30.
     */
    @Test
    void theMedianObservedTimeOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        SummaryAnalysis.EndpointSummary s = SummaryAnalysis.summarise(Endpoint.OS, new double[] {40, 10, 20, 50},
                new int[] {1, 0, 0, 0});
        assertEquals(30.0, s.medianObservedTime());
        assertEquals(35.0, s.medianFollowUp());
        assertEquals(4, s.patients());
        assertEquals(1, s.events());
        assertEquals(3, s.censored());
        assertEquals("OS", s.endpoint());
    }

    @Test
    void anEndpointTheCohortCannotGiveIsSummarisedAsEmpty() throws Exception {
        CohortView c = TestCohorts.rows("patient_id", "os_time", "os_event").row("P1", 100, 1).row("P2", 200, 0).build();
        SummaryAnalysis.Summary s = (SummaryAnalysis.Summary) AnalysisHarness.of(new SummaryAnalysis()).run(c).output();
        assertEquals(2, s.patients());
        assertEquals(2, s.endpoints().get(0).patients());
        SummaryAnalysis.EndpointSummary dfs = s.endpoints().get(1);
        assertEquals("DFS", dfs.endpoint());
        assertEquals(0, dfs.patients());
        assertNull(dfs.medianFollowUp());
        assertNull(dfs.medianObservedTime());
    }

    @Test
    void theAnalysisIsListedUnderItsContractId() {
        SummaryAnalysis a = new SummaryAnalysis();
        assertEquals("summary", a.id());
        assertFalse(a.name().isBlank());
        assertFalse(a.description().isBlank());
        assertEquals(List.of("endpoints"), a.parameters().stream().map(p -> p.name()).toList());
        assertEquals(List.of("OS", "DFS"), a.parameters().get(0).defaultValue());
    }

    @Test
    void aCohortWithoutAnEndpointHasNoMedian() {
        assertNull(SummaryAnalysis.kmMedian(new double[0], new int[0]));
    }
}
