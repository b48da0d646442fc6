package org.hepatica.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.hepatica.platform.internal.json.Json;
import org.junit.jupiter.api.Test;

class ReferenceValuesTest {

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void theReferenceCohortsAndTheirValuesAreRead() {
        assertEquals(400, ReferenceValues.cohort("hcc_demo").size());
        assertEquals("RFA", ReferenceValues.expected("hcc_demo").at("/shortTerm/responseCounts/0/arm").asText());
    }

    @Test
    void valuesWithinTheToleranceMatchAndMembersOnlyThePlatformHasAreIgnored() throws Exception {
        ReferenceValues.Comparison c = ReferenceValues.compare().node("x",
                json("{\"n\": 3, \"p\": 0.5, \"tiny\": 1e-20, \"se\": 0, \"lower\": null, \"v\": [1.0, 2.0], \"t\": \"a\"}"),
                json("{\"n\": 3, \"p\": 0.5000004, \"tiny\": 1.00005e-20, \"se\": 1e-13, \"lower\": null,"
                        + " \"v\": [1.0000005, 2.0], \"t\": \"a\", \"extra\": 7}"));
        c.assertAllMatch();
        assertEquals(8, c.checked());
    }

    @Test
    void everyMismatchIsReportedAtOnce() throws Exception {
        ReferenceValues.Comparison c = ReferenceValues.compare().node("x",
                json("{\"n\": 3, \"p\": 0.5, \"tiny\": 1e-20, \"lower\": null, \"v\": [1, 2], \"t\": \"armRFA+RT\","
                        + " \"gone\": 1}"),
                json("{\"n\": 4, \"p\": 0.50001, \"tiny\": 1.001e-20, \"lower\": 0.2, \"v\": [1], \"t\": \"arm=RFA\"}"),
                Map.of("armRFA+RT", "arm=RFA+RT"));
        AssertionError e = assertThrows(AssertionError.class, c::assertAllMatch);
        for (String what : new String[] {"x.n", "x.p", "x.tiny", "x.lower", "x.v: R gives 2 elements",
                "x.t: R gives arm=RFA+RT", "x.gone: R gives 1, the platform nothing"}) {
            assertTrue(e.getMessage().contains(what), what + " in " + e.getMessage());
        }
    }

    @Test
    void iteratedValuesHaveTheLooserTolerance() throws Exception {
        ReferenceValues.compareIterated().node("coef", json("0.5"), json("0.50004")).assertAllMatch();
        assertThrows(AssertionError.class,
                () -> ReferenceValues.compareIterated().node("coef", json("0.5"), json("0.5001")).assertAllMatch());
    }
}
