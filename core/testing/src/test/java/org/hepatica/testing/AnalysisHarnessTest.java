package org.hepatica.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.junit.jupiter.api.Test;

class AnalysisHarnessTest {

    /** Counts OS events in one arm; returns NaN as a mean when the arm is empty. */
    static final class EventsInArm implements Analysis {
        record Result(String arm, int patients, int events, double meanTime, List<String> warnings) {
        }

        @Override
        public String id() {
            return "events-in-arm";
        }

        @Override
        public String name() {
            return "Events in an arm";
        }

        @Override
        public String description() {
            return "OS events of one arm.";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.choice("arm", "RFA", "the arm", "RFA", "RFA+RT"),
                    ParameterSpec.optional("minTime", ParameterType.NUMBER, 0, "shortest time counted, days"));
        }

        @Override
        public Object run(CohortView cohort, AnalysisParameters p) throws AnalysisException {
            var arm = cohort.categorical("arm");
            double[] time = cohort.time(Endpoint.OS);
            int[] event = cohort.event(Endpoint.OS);
            int n = 0;
            int events = 0;
            double sum = 0;
            for (int i = 0; i < cohort.size(); i++) {
                if (p.string("arm").equals(arm.level(i)) && time[i] >= p.number("minTime")) {
                    n++;
                    events += event[i];
                    sum += time[i];
                }
            }
            return new Result(p.string("arm"), n, events, sum / n, n == 0 ? List.of("no patient in the arm") : List.of());
        }
    }

    private static CohortView cohort() {
        return TestCohorts.rows("patient_id", "arm", "treatment_date", "death_date", "last_followup_date")
                .row("P1", "RFA", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 4, 10), LocalDate.of(2020, 4, 10))
                .row("P2", "RFA", LocalDate.of(2020, 1, 1), null, LocalDate.of(2021, 1, 1))
                .row("P3", "RFA+RT", LocalDate.of(2020, 2, 1), null, LocalDate.of(2020, 3, 2))
                .build();
    }

    @Test
    void rowsAreReadAsAnImportedCohortWithEndpointsDerivedFromDates() {
        CohortView c = cohort();
        assertEquals(3, c.size());
        // OS = death or last follow-up minus treatment date: 100, 366 (2020 is a leap year), 30 days
        assertArrayEquals(new double[] {100, 366, 30}, c.time(Endpoint.OS));
        assertArrayEquals(new int[] {1, 0, 0}, c.event(Endpoint.OS));
        assertEquals(List.of("RFA", "RFA+RT"), c.categorical("arm").levels());
    }

    @Test
    void aRowThePlatformWouldRejectFailsTheTestNamingItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestCohorts.rows("patient_id", "os_time", "os_event").row("P1", 10, 1).row("P2", -5, 0).build());
        assertTrue(e.getMessage().contains("rejects 1 of 2 rows") && e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void parametersAreCheckedAsTheApiChecksThem() throws Exception {
        AnalysisHarness h = AnalysisHarness.of(new EventsInArm());
        InvalidParameterException unknown = assertThrows(InvalidParameterException.class, () -> h.bind(Map.of("armm", "RFA")));
        assertEquals("armm", unknown.parameter());
        InvalidParameterException choice = assertThrows(InvalidParameterException.class, () -> h.bind(Map.of("arm", "RT")));
        assertEquals("parameter 'arm': 'RT' is not allowed; expected one of [RFA, RFA+RT]", choice.getMessage());
        // a choice in any letter case, passed on as declared; an integer where a number is due becomes a double
        AnalysisParameters p = h.bind(Map.of("arm", "rfa+rt", "minTime", 7));
        assertEquals("RFA+RT", p.string("arm"));
        assertEquals(7.0, p.number("minTime"));
    }

    @Test
    void theResultReadsAsTheJsonTheApiReturnsWithNaNAsNull() throws Exception {
        AnalysisRun run = AnalysisHarness.of(new EventsInArm()).run(cohort());
        assertEquals(2, run.json().get("patients").asInt());
        assertEquals(1, run.json().get("events").asInt());
        assertEquals(233.0, run.json().get("meanTime").asDouble());
        assertEquals("RFA", run.response().at("/parameters/arm").asText(), "defaults are filled in");
        assertEquals("events-in-arm", run.response().at("/provenance/analysisId").asText());

        AnalysisRun empty = AnalysisHarness.of(new EventsInArm()).run(cohort(), Map.of("minTime", 1000));
        assertTrue(empty.json().get("meanTime").isNull(), empty.jsonText());
        assertEquals(List.of("no patient in the arm"), empty.warnings());
    }

    @Test
    void aColumnOfTheWrongKindIsTheApisUnprocessableCohort() {
        CohortView noArm = TestCohorts.rows("patient_id", "os_time", "os_event").row("P1", 10, 1).build();
        AnalysisException e = assertThrows(AnalysisException.class, () -> AnalysisHarness.of(new EventsInArm()).run(noArm));
        assertTrue(e.getMessage().startsWith("events-in-arm cannot run on this cohort: "), e.getMessage());
    }

    @Test
    void theReferenceCohortReadsAsThePlatformImportsIt() {
        Path demo = Path.of(System.getProperty("hepatica.reference.dir", "../../../shared/reference"), "hcc_demo.csv");
        assertTrue(Files.exists(demo), "the reference cohorts (../shared/reference) are needed: none at " + demo);
        CohortView c = TestCohorts.csv(demo);
        assertEquals(400, c.size());
        assertEquals(List.of("RFA", "RFA+RT"), c.categorical("arm").levels());
    }
}
