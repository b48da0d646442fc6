package org.hepatica.analysis.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.hepatica.cohort.Endpoint;
import org.hepatica.stats.CoxTies;
import org.hepatica.stats.KaplanMeierEstimator.ConfType;
import org.junit.jupiter.api.Test;

/** The shared parameters: the contract's names, defaults and choices, and what a request's values become. */
class CommonParametersTest {

    private static AnalysisParameters request(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return new AnalysisParameters(m);
    }

    @Test
    void declarationsCarryTheContractsNamesDefaultsAndChoices() {
        ParameterSpec endpoint = CommonParameters.endpoint(Endpoint.DFS);
        assertEquals("endpoint", endpoint.name());
        assertEquals("DFS", endpoint.defaultValue());
        assertEquals(List.of("OS", "DFS"), endpoint.values());
        assertFalse(endpoint.required());
        assertEquals("OS", CommonParameters.endpoint(Endpoint.OS).defaultValue());

        ParameterSpec treatment = CommonParameters.treatment();
        assertEquals("treatment", treatment.name());
        assertEquals(ParameterType.STRING, treatment.type());
        assertEquals("arm", treatment.defaultValue());
        assertTrue(treatment.values().isEmpty(), "any column may be named");

        ParameterSpec confType = CommonParameters.confType();
        assertEquals("confType", confType.name());
        assertEquals("log-log", confType.defaultValue());
        assertEquals(List.of("log", "log-log", "plain"), confType.values());

        ParameterSpec confLevel = CommonParameters.confLevel();
        assertEquals("confLevel", confLevel.name());
        assertEquals(ParameterType.NUMBER, confLevel.type());
        assertEquals(0.95, confLevel.defaultValue());

        ParameterSpec ties = CommonParameters.ties();
        assertEquals("ties", ties.name());
        assertEquals("efron", ties.defaultValue());
        assertEquals(List.of("efron", "breslow"), ties.values());
        for (ParameterSpec spec : List.of(endpoint, treatment, confType, confLevel, ties)) {
            assertFalse(spec.description().isBlank(), spec.name());
        }
    }

    @Test
    void aRequestsValuesBecomeTheEnginesTypes() throws InvalidParameterException {
        AnalysisParameters p = request("endpoint", "DFS", "treatment", "rt_technique", "confType", "plain",
                "confLevel", 0.9, "ties", "breslow");
        assertEquals(Endpoint.DFS, CommonParameters.endpoint(p));
        assertEquals("rt_technique", CommonParameters.treatment(p));
        assertEquals(ConfType.PLAIN, CommonParameters.confType(p));
        assertEquals(0.9, CommonParameters.confLevel(p));
        assertEquals(CoxTies.BRESLOW, CommonParameters.ties(p));

        AnalysisParameters q = request("endpoint", "OS", "confType", "log", "confLevel", 0.99, "ties", "efron");
        assertEquals(Endpoint.OS, CommonParameters.endpoint(q));
        assertEquals(ConfType.LOG, CommonParameters.confType(q));
        assertEquals(CoxTies.EFRON, CommonParameters.ties(q));
        assertEquals(ConfType.LOG_LOG, CommonParameters.confType(request("confType", "log-log")));
    }

    @Test
    void aConfidenceLevelOutsideZeroToOneIsRefusedNamingIt() throws InvalidParameterException {
        for (double bad : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> CommonParameters.confLevel(request("confLevel", bad)));
            assertEquals("confLevel", e.parameter());
            assertTrue(e.getMessage().contains("must lie strictly between 0 and 1, was " + bad), e.getMessage());
        }
        assertEquals(1e-9, CommonParameters.confLevel(request("confLevel", 1e-9)));
        assertEquals(1 - 1e-9, CommonParameters.confLevel(request("confLevel", 1 - 1e-9)));
    }

    @Test
    void landmarkTimesAreDaysFromTreatment() throws InvalidParameterException {
        assertArrayEquals(new double[] {0, 730, 1095.5},
                CommonParameters.times(request("landmarks", List.of(0.0, 730.0, 1095.5)), "landmarks"));
        assertArrayEquals(new double[0], CommonParameters.times(request(), "landmarks"), "absent: none");
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> CommonParameters.times(request("landmarks", List.of(730.0, -1.5)), "landmarks"));
        assertEquals("landmarks", e.parameter());
        assertTrue(e.getMessage().contains("times are days from treatment, >= 0; got -1.5"), e.getMessage());
        assertThrows(InvalidParameterException.class,
                () -> CommonParameters.times(request("landmarks", List.of(Double.NaN)), "landmarks"));
    }

    @Test
    void aPositiveTimeIsAbsentOrAboveZero() throws InvalidParameterException {
        assertTrue(Double.isNaN(CommonParameters.positiveTime(request(), "tau")), "absent: NaN");
        assertEquals(1095.0, CommonParameters.positiveTime(request("tau", 1095.0), "tau"));
        assertEquals(0.5, CommonParameters.positiveTime(request("tau", 0.5), "tau"));
        for (double bad : new double[] {0, -3, Double.NaN}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> CommonParameters.positiveTime(request("tau", bad), "tau"));
            assertEquals("tau", e.parameter());
            assertTrue(e.getMessage().contains("must be a time in days > 0, was "), e.getMessage());
        }
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> CommonParameters.positiveTime(request("tau", -3.0), "tau"));
        assertTrue(e.getMessage().endsWith("was -3"), e.getMessage());
    }
}
