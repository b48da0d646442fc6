package org.hepatica.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterArgumentsTest {

    private static Map<String, Object> parse(String... arguments) {
        return ParameterArguments.parse(Arrays.asList(arguments));
    }

    @Test
    void numbersBooleansAndNullAreJsonValues() {
        Map<String, Object> p = parse("landmark=730", "confLevel=0.9", "percent=true", "strata=null");
        assertEquals(730, p.get("landmark"));
        assertEquals(0.9, p.get("confLevel"));
        assertEquals(Boolean.TRUE, p.get("percent"));
        assertTrue(p.containsKey("strata"));
        assertEquals(null, p.get("strata"));
        assertEquals(List.of("landmark", "confLevel", "percent", "strata"), List.copyOf(p.keySet()), "the order given");
    }

    @Test
    void listsAndObjectsAreJsonValues() {
        Map<String, Object> p = parse("covariates=[\"arm\",\"mvi\"]", "times=[365, 730.5]", "reference={\"arm\":\"RFA\"}");
        assertEquals(List.of("arm", "mvi"), p.get("covariates"));
        assertEquals(List.of(365, 730.5), p.get("times"));
        assertEquals(Map.of("arm", "RFA"), p.get("reference"));
    }

    @Test
    void aBracketedListThatIsNotJsonIsAListOfValues() {
        // gogo strips double quotes inside a word, so covariates=["arm","mvi"] typed unquoted arrives as [arm,mvi]
        assertEquals(List.of("arm", "mvi"), parse("covariates=[arm,mvi]").get("covariates"));
        assertEquals(List.of("arm", 2), parse("x=[arm, 2]").get("x"));
    }

    @Test
    void aBracketTheShellSplitOffIsPutBackAsTheValue() {
        // gogo reads an unquoted covariates=[arm,mvi] as the words "covariates=" and "[arm,mvi]"
        Map<String, Object> p = parse("covariates=", "[arm,mvi]", "endpoint=DFS", "times=", "[365, 730]");
        assertEquals(List.of("arm", "mvi"), p.get("covariates"));
        assertEquals("DFS", p.get("endpoint"));
        assertEquals(List.of(365, 730), p.get("times"));
        assertEquals("", parse("label=", "x=1").get("label"), "a key=value word is not a value");
    }

    @Test
    void anythingElseIsTheTextAsTyped() {
        Map<String, Object> p = parse("treatment=arm", "endpoint=OS", "label=a=b", "code=007", "landmark=12abc",
                "name=\"quoted\"", "empty=");
        assertEquals("arm", p.get("treatment"));
        assertEquals("OS", p.get("endpoint"));
        assertEquals("a=b", p.get("label"), "split at the first =");
        assertEquals("007", p.get("code"), "not a JSON number");
        assertEquals("12abc", p.get("landmark"), "trailing text makes it text, not 12");
        assertEquals("quoted", p.get("name"), "a JSON string");
        assertEquals("", p.get("empty"));
    }

    @Test
    void noArgumentsAreNoParameters() {
        assertTrue(ParameterArguments.parse(null).isEmpty());
        assertTrue(ParameterArguments.parse(List.of()).isEmpty());
    }

    @Test
    void anArgumentWithoutKeyIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("treatment=arm", "landmark"));
        assertEquals("'landmark' is not key=value (e.g. landmark=730)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("=730"));
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("landmark=1", "landmark=2"));
        assertEquals("parameter 'landmark' is given twice", e.getMessage());
    }
}
