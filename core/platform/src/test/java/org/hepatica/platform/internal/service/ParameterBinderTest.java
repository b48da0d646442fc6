package org.hepatica.platform.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.junit.jupiter.api.Test;

class ParameterBinderTest {
    private static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.required("endpoint", ParameterType.STRING, "OS or DFS"),
            ParameterSpec.optional("confLevel", ParameterType.NUMBER, 0.95, "level"),
            ParameterSpec.optional("landmarks", ParameterType.NUMBER_LIST, List.of(), "times"),
            ParameterSpec.optional("reference", ParameterType.STRING_MAP, null, "levels"));

    @Test
    void defaultsFillWhatTheRequestLeavesOut() throws Exception {
        AnalysisParameters p = ParameterBinder.bind(SPECS, Map.of("endpoint", "OS", "landmarks", List.of(730, 1095.5)));
        assertEquals("OS", p.string("endpoint"));
        assertEquals(0.95, p.number("confLevel"));
        assertEquals(List.of(730.0, 1095.5), p.numbers("landmarks"));
        assertEquals(Map.of(), p.stringMap("reference"));
    }

    @Test
    void eachWrongParameterIsNamed() {
        assertEquals("endpoint", refused(Map.of()).parameter());
        assertEquals("confLevel", refused(Map.of("endpoint", "OS", "confLevel", "high")).parameter());
        assertEquals("landmarks", refused(Map.of("endpoint", "OS", "landmarks", 730)).parameter());
        assertEquals("reference", refused(Map.of("endpoint", "OS", "reference", Map.of("arm", 1))).parameter());
        InvalidParameterException unknown = refused(Map.of("endpoint", "OS", "tau", 3));
        assertEquals("tau", unknown.parameter());
        assertEquals("parameter 'tau': unknown parameter; this analysis accepts [confLevel, endpoint, landmarks, reference]",
                unknown.getMessage());
    }

    private static InvalidParameterException refused(Map<String, Object> request) {
        return assertThrows(InvalidParameterException.class, () -> ParameterBinder.bind(SPECS, request));
    }

    @Test
    void aChoiceTakesOneOfItsValuesInAnyLetterCaseAndPassesTheDeclaredSpelling() throws Exception {
        List<ParameterSpec> specs = List.of(ParameterSpec.choice("confType", "log-log", "transform", "log", "log-log", "plain"),
                ParameterSpec.choices("endpoints", List.of("OS"), "endpoints", "OS", "DFS"));
        AnalysisParameters p = ParameterBinder.bind(specs, Map.of("confType", "PLAIN", "endpoints", List.of("dfs", "Os")));
        assertEquals("plain", p.string("confType"));
        assertEquals(List.of("DFS", "OS"), p.strings("endpoints"));
        assertEquals("log-log", ParameterBinder.bind(specs, Map.of()).string("confType"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterBinder.bind(specs, Map.of("confType", "loglog")));
        assertEquals("confType", e.parameter());
        assertEquals("parameter 'confType': 'loglog' is not allowed; expected one of [log, log-log, plain]", e.getMessage());
        InvalidParameterException inList = assertThrows(InvalidParameterException.class,
                () -> ParameterBinder.bind(specs, Map.of("endpoints", List.of("OS", "PFS"))));
        assertEquals("endpoints", inList.parameter());
        InvalidParameterException notText = assertThrows(InvalidParameterException.class,
                () -> ParameterBinder.bind(specs, Map.of("confType", 1)));
        assertEquals("parameter 'confType': must be one of [log, log-log, plain]", notText.getMessage());
    }

    @Test
    void aChoiceMustDeclareItsDefaultAmongItsValuesAndBeAString() {
        assertThrows(IllegalArgumentException.class, () -> ParameterSpec.choice("ties", "exact", "ties", "efron", "breslow"));
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterSpec("n", ParameterType.INTEGER, false, 1, "n", List.of("1", "2")));
    }

    @Test
    void anIntegerIsAWholeNumber() throws Exception {
        List<ParameterSpec> specs = List.of(ParameterSpec.optional("iterations", ParameterType.INTEGER, 20, "limit"));
        assertEquals(25L, ParameterBinder.bind(specs, Map.of("iterations", 25)).integer("iterations"));
        assertEquals(20L, ParameterBinder.bind(specs, Map.of()).integer("iterations"));
        assertEquals("iterations", assertThrows(InvalidParameterException.class,
                () -> ParameterBinder.bind(specs, Map.of("iterations", 2.5))).parameter());
    }
}
