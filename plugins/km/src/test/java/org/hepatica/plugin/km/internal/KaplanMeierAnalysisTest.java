package org.hepatica.plugin.km.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.CohortView;
import org.hepatica.figure.Figure;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.AnalysisRun;
import org.hepatica.testing.ReferenceValues;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KaplanMeierAnalysisTest {
    private final AnalysisHarness harness = AnalysisHarness.of(new KaplanMeierAnalysis());

    /** Every Kaplan-Meier section of the reference files: (dataset, endpoint, conf.type). */
    static Stream<Arguments> sections() {
        List<Arguments> out = new ArrayList<>();
        for (String dataset : List.of("hcc_demo", "lung")) {
            JsonNode endpoints = ReferenceValues.expected(dataset).get("endpoints");
            endpoints.fieldNames().forEachRemaining(endpoint -> {
                for (String type : List.of("log", "log-log", "plain")) {
                    out.add(Arguments.of(dataset, endpoint, type));
                }
            });
        }
        return out.stream();
    }

    private static List<Double> doubles(JsonNode a) {
        List<Double> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asDouble()));
        return out;
    }

    /**
     * R: {@code survfit(Surv(time, event) ~ 1 | ~ group, conf.type = TYPE)} with {@code summary(fit, times =
     * landmarks, extend = TRUE)}, {@code print(fit, rmean = tau)} and the full {@code summary(fit, censored =
     * TRUE)}; {@code survdiff(Surv ~ group)}. Counts exact, the rest relative 1e-6.
     */
    @ParameterizedTest(name = "{0} {1} conf.type = {2}")
    @MethodSource("sections")
    void theCurvesAndTheLogRankTestAreThoseOfR(String dataset, String endpoint, String type) throws Exception {
        JsonNode exp = ReferenceValues.expected(dataset).at("/endpoints/" + endpoint);
        JsonNode section = exp.get("km_" + type);
        CohortView cohort = ReferenceValues.cohort(dataset);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("endpoint", endpoint);
        request.put("confType", type);
        request.put("landmarks", doubles(section.get("landmarks")));
        request.put("tau", section.get("tau").asDouble());
        AnalysisRun overall = harness.run(cohort, request);
        ReferenceValues.Comparison c = ReferenceValues.compare();
        c.node("overall", section.get("overall"), overall.json().get("groups"));
        assertTrue(overall.json().get("logRank").isNull(), "no test without groups");
        assertTrue(overall.json().get("groupBy").isNull());
        assertEquals("all", overall.json().at("/groups/0/label").asText());
        assertEquals(type, overall.json().get("confType").asText());
        assertEquals(0.95, overall.json().get("confLevel").asDouble());

        String groupBy = section.at("/byGroup/groupBy").asText();
        request.put("groupBy", groupBy);
        AnalysisRun grouped = harness.run(cohort, request);
        c.node("byGroup", section.at("/byGroup/groups"), grouped.json().get("groups"));
        JsonNode logRank = exp.get("logRank").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) logRank).remove("groupBy");
        c.node("logRank", logRank, grouped.json().get("logRank"));
        c.assertAllMatch();
        assertTrue(c.checked() > 1000, "compared " + c.checked());
        assertEquals(groupBy, grouped.json().get("groupBy").asText());
        assertEquals(endpoint, grouped.json().get("endpoint").asText());
    }

    /** R: {@code survdiff(Surv(os_time, os_event) ~ sex + strata(ph_ecog), lung)}; one patient lacks ph_ecog. */
    @Test
    void theLogRankTestIsStratifiedWhenStrataAreNamed() throws Exception {
        JsonNode exp = ReferenceValues.expected("lung").at("/endpoints/OS/stratifiedLogRank").deepCopy();
        AnalysisRun run = harness.run(ReferenceValues.cohort("lung"), Map.of("groupBy", "sex", "strata", "ph_ecog"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) exp).remove(List.of("groupBy", "strata"));
        ReferenceValues.compare().node("stratifiedLogRank", exp, run.json().get("logRank")).assertAllMatch();
        assertEquals("ph_ecog", run.json().get("strata").asText());
        assertEquals(1, run.json().get("nDropped").asInt());
        assertEquals(227, run.json().get("n").asInt());
        String d = run.figure().orElseThrow().description();
        // R: p = 0.00102
        assertTrue(d.contains("Log-rank stratified by ph_ecog, p = 0.001"), d);
    }

    @Test
    void strataWithoutGroupsAreRefusedNamingTheParameter() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> harness.run(ReferenceValues.cohort("lung"), Map.of("strata", "ph_ecog")));
        assertEquals("strata", e.parameter());
        assertTrue(e.getMessage().contains("groupBy"), e.getMessage());
    }

    @Test
    void aTauThatIsNoTimeIsRefusedNamingTheParameter() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> harness.run(ReferenceValues.cohort("lung"), Map.of("tau", 0)));
        assertEquals("tau", e.parameter());
    }

    /** Without tau there is no restricted mean; the confidence level asked for is the one used. */
    @Test
    void withoutTauThereIsNoRestrictedMeanAndTheConfidenceLevelIsTheOneAsked() throws Exception {
        // 4 patients: deaths at 100 and 300, censored at 200 and 400
        CohortView c = TestCohorts.rows("patient_id", "os_time", "os_event")
                .row("P1", 100, 1).row("P2", 200, 0).row("P3", 300, 1).row("P4", 400, 0).build();
        AnalysisRun run = harness.run(c, Map.of("confLevel", 0.9, "confType", "plain", "landmarks", List.of(350)));
        JsonNode g = run.json().at("/groups/0");
        assertTrue(g.get("rmst").isNull(), g.toString());
        assertEquals(0.9, run.json().get("confLevel").asDouble());
        // S(350) = 3/4 * 1/2 = 0.375; Greenwood SE = 0.375 sqrt(1/12 + 1/2); plain 90 % interval S +- 1.644854 SE within [0, 1]
        double se = 0.375 * Math.sqrt(1.0 / 12 + 0.5);
        JsonNode lm = g.at("/landmarks/0");
        assertEquals(0.375, lm.get("survival").asDouble(), 1e-12);
        assertEquals(se, lm.get("stdErr").asDouble(), 1e-12);
        assertEquals(0.375 + 1.6448536269514722 * se, lm.get("upper").asDouble(), 1e-9);
        assertEquals(0.0, lm.get("lower").asDouble(), 1e-12, "0.375 - 0.471 is cut at 0, as R's survfit does");
        assertEquals(4, run.json().get("n").asInt());
        assertEquals(0, run.json().get("nDropped").asInt());
        assertEquals("OS", run.json().get("endpoint").asText());
    }

    @Test
    void theFigureNamesTheEndpointAndGroupsAndMarksTheLandmarks() throws Exception {
        AnalysisRun run = harness.run(ReferenceValues.cohort("hcc_demo"),
                Map.of("endpoint", "DFS", "groupBy", "arm", "landmarks", List.of(730, 1095)));
        Figure f = run.figure().orElseThrow();
        assertTrue(f.title().startsWith("Disease-free survival by arm"), f.title());
        // R: survdiff(Surv(dfs_time, dfs_event) ~ arm) p = 2.8e-5
        assertTrue(f.description().contains("Log-rank p < 0.001"), f.description());
        assertEquals(2, f.description().split("Dotted line", -1).length - 1, "both landmarks marked: " + f.description());
        Figure overall = harness.run(ReferenceValues.cohort("hcc_demo")).figure().orElseThrow();
        assertTrue(overall.title().startsWith("Overall survival"), overall.title());
        assertFalse(overall.title().contains(" by "), overall.title());
        assertFalse(overall.description().contains("Log-rank"), overall.description());
        assertFalse(overall.description().contains("Dotted line"), overall.description());
    }

    @Test
    void theAnalysisIsListedUnderItsContractId() {
        KaplanMeierAnalysis a = new KaplanMeierAnalysis();
        assertEquals("km", a.id());
        assertFalse(a.name().isBlank());
        assertFalse(a.description().isBlank());
        assertEquals(List.of("endpoint", "groupBy", "confType", "confLevel", "landmarks", "tau", "strata"),
                a.parameters().stream().map(p -> p.name()).toList());
    }
}
