package org.hepatica.plugin.cox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortView;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.AnalysisRun;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CoxAnalysisTest {
    private final AnalysisHarness harness = AnalysisHarness.of(new CoxAnalysis());

    private static Path reference(String file) {
        return Path.of(System.getProperty("hepatica.reference.dir", "../../../shared/reference")).resolve(file);
    }

    private static JsonNode expected(String dataset) throws IOException {
        return new ObjectMapper().readTree(reference(dataset + ".expected.json").toFile());
    }

    /** Every Cox section of the reference files: (dataset, endpoint, section). */
    static Stream<Arguments> sections() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String dataset : List.of("hcc_demo", "lung")) {
            JsonNode endpoints = expected(dataset).get("endpoints");
            endpoints.fieldNames().forEachRemaining(endpoint -> {
                for (String section : List.of("cox_efron", "cox_breslow", "cox_stratified")) {
                    if (endpoints.get(endpoint).has(section)) {
                        out.add(Arguments.of(dataset, endpoint, section));
                    }
                }
            });
        }
        return out.stream();
    }

    /** R names a level's term {@code armRFA+RT}, the platform {@code arm=RFA+RT}. */
    private static String platformTerm(String rTerm, List<String> covariates) {
        for (String c : covariates) {
            if (rTerm.startsWith(c) && rTerm.length() > c.length()) { // a numeric term is named as its covariate
                return c + "=" + rTerm.substring(c.length());
            }
        }
        return rTerm;
    }

    private static void close(List<String> mismatches, String what, JsonNode expected, JsonNode actual, double tol) {
        double e = expected.asDouble();
        if (actual == null || !actual.isNumber() || Math.abs(e - actual.asDouble()) > tol * Math.max(Math.abs(e), 1e-10)) {
            mismatches.add(what + ": expected " + e + ", was " + actual);
        }
    }

    /**
     * R: {@code fit <- coxph(Surv(time, event) ~ covariates [+ strata(s)], ties = TIES)}; {@code summary(fit)}
     * (terms, logtest, waldtest rounded by R to 2 decimals, sctest), {@code fit$loglik},
     * {@code fit$concordance}, {@code cox.zph(fit, transform = "km")}. Counts exact; relative 1e-4 for
     * what R reaches by iteration, as the reference README says.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("sections")
    void theFitIsTheOneRReports(String dataset, String endpoint, String section) throws Exception {
        JsonNode exp = expected(dataset).get("endpoints").get(endpoint).get(section);
        CohortView cohort = TestCohorts.csv(reference(dataset + ".csv"));
        List<String> covariates = new ArrayList<>();
        exp.get("covariates").forEach(c -> covariates.add(c.asText()));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("endpoint", endpoint);
        request.put("covariates", covariates);
        request.put("ties", exp.get("ties").asText());
        if (exp.has("strata")) {
            request.put("strata", exp.get("strata").asText());
        }
        AnalysisRun run = harness.run(cohort, request);
        JsonNode r = run.json();
        assertEquals(exp.get("n").asInt(), r.get("n").asInt(), "n");
        assertEquals(exp.get("events").asInt(), r.get("events").asInt(), "events");
        assertEquals(exp.get("nDropped").asInt(), r.get("nDropped").asInt(), "nDropped");
        assertEquals(endpoint, r.get("endpoint").asText());
        assertEquals(exp.get("ties").asText(), r.get("ties").asText());
        assertEquals(exp.has("strata") ? exp.get("strata").asText() : null,
                r.get("strata").isNull() ? null : r.get("strata").asText());
        assertEquals(exp.get("iterations").asInt(), r.get("iterations").asInt(), "fit$iter");
        assertTrue(r.get("converged").asBoolean());
        List<String> mismatches = new ArrayList<>();
        assertEquals(exp.get("terms").size(), r.get("terms").size(), "terms");
        for (int j = 0; j < exp.get("terms").size(); j++) {
            JsonNode e = exp.get("terms").get(j);
            JsonNode a = r.get("terms").get(j);
            String term = platformTerm(e.get("term").asText(), covariates);
            assertEquals(term, a.get("term").asText());
            for (String f : List.of("coef", "stdErr", "hazardRatio", "lower", "upper", "z", "pValue")) {
                close(mismatches, term + " " + f, e.get(f), a.get(f), 1e-4);
            }
        }
        close(mismatches, "logLikNull", exp.get("logLikNull"), r.get("logLikNull"), 1e-6);
        close(mismatches, "logLik", exp.get("logLik"), r.get("logLik"), 1e-4);
        for (String test : List.of("likelihoodRatio", "score")) {
            close(mismatches, test, exp.get(test).get("statistic"), r.get(test).get("statistic"), 1e-4);
            close(mismatches, test + " p", exp.get(test).get("pValue"), r.get(test).get("pValue"), 1e-4);
            assertEquals(exp.get(test).get("df").asInt(), r.get(test).get("df").asInt(), test + " df");
        }
        assertEquals(exp.get("wald").get("statistic").asDouble(),
                Math.round(r.get("wald").get("statistic").asDouble() * 100) / 100.0, 1e-9, "waldtest (R rounds it)");
        close(mismatches, "wald p", exp.get("wald").get("pValue"), r.get("wald").get("pValue"), 1e-4);
        close(mismatches, "concordance", exp.get("concordance"), r.get("concordance"), 1e-6);
        assertEquals(exp.get("phTest").size(), r.get("phTest").size(), "cox.zph rows");
        for (int j = 0; j < exp.get("phTest").size(); j++) {
            JsonNode e = exp.get("phTest").get(j);
            JsonNode a = r.get("phTest").get(j);
            assertEquals(e.get("term").asText(), a.get("term").asText());
            close(mismatches, "cox.zph " + e.get("term").asText(), e.get("chiSquare"), a.get("chiSquare"), 1e-4);
            close(mismatches, "cox.zph p " + e.get("term").asText(), e.get("pValue"), a.get("pValue"), 1e-4);
        }
        assertEquals(List.of(), mismatches);
    }

    // ---------------------------------------------------------------- what the request asked, echoed

    @Test
    void theResultNamesTheReferenceLevelsAndWhoIsMissingWhat() throws Exception {
        AnalysisRun run = harness.run(TestCohorts.csv(reference("hcc_demo.csv")),
                Map.of("endpoint", "OS", "covariates", List.of("arm", "mvi", "child_pugh")));
        JsonNode r = run.json();
        assertEquals("RFA", r.at("/reference/arm").asText(), "the first arm in code point order");
        assertEquals("A", r.at("/reference/child_pugh").asText());
        assertTrue(r.at("/reference/mvi").isMissingNode(), "a 0/1 covariate enters as it is: no reference");
        assertEquals("efron", r.get("ties").asText(), "the default ties");
        assertEquals(List.of("arm", "mvi", "child_pugh"),
                List.of(r.at("/covariates/0").asText(), r.at("/covariates/1").asText(), r.at("/covariates/2").asText()));
        // hcc_demo: MVI unknown for 16 patients (R: sum(is.na(mvi)) = 16, coxph's nDropped)
        assertEquals(16, r.at("/missing/mvi").asInt());
        assertEquals(16, r.get("nDropped").asInt());
        assertTrue(run.warnings().stream().anyMatch(w -> w.contains("16")), run.warnings().toString());
    }

    /** {@code reference: {arm: "RFA+RT"}} turns the arm's hazard ratio around: HR' = 1 / HR, the same p. */
    @Test
    void aNamedReferenceLevelInvertsTheHazardRatio() throws Exception {
        CohortView cohort = TestCohorts.csv(reference("hcc_demo.csv"));
        JsonNode byDefault = harness.run(cohort, Map.of("endpoint", "DFS", "covariates", List.of("arm"))).json();
        JsonNode flipped = harness.run(cohort, Map.of("endpoint", "DFS", "covariates", List.of("arm"),
                "reference", Map.of("arm", "RFA+RT"))).json();
        assertEquals("arm=RFA+RT", byDefault.at("/terms/0/term").asText());
        assertEquals("arm=RFA", flipped.at("/terms/0/term").asText());
        assertEquals("RFA+RT", flipped.at("/reference/arm").asText());
        assertEquals(1 / byDefault.at("/terms/0/hazardRatio").asDouble(), flipped.at("/terms/0/hazardRatio").asDouble(),
                1e-9);
        assertEquals(byDefault.at("/terms/0/pValue").asDouble(), flipped.at("/terms/0/pValue").asDouble(), 1e-9);
    }

    @Test
    void noCovariateIsRefusedNamingTheParameter() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> harness.run(TestCohorts.csv(reference("hcc_demo.csv")), Map.of("covariates", List.of())));
        assertEquals("covariates", e.parameter());
    }

    @Test
    void anUnknownStrataColumnIsRefusedNamingTheParameter() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> harness.run(TestCohorts.csv(reference("hcc_demo.csv")),
                        Map.of("covariates", List.of("arm"), "strata", "hospital")));
        assertEquals("strata", e.parameter());
    }

    @Test
    void theWarningsOfTheSampleAndOfTheFitAreBothReported() throws Exception {
        // every event in arm B: the arm's coefficient runs off to infinity (R warns "Loglik converged before
        // variable 1; coefficient may be infinite"); patient P7 has no age
        CohortView c = TestCohorts.rows("patient_id", "arm", "age", "os_time", "os_event")
                .row("P1", "A", 50, 100, 0).row("P2", "A", 60, 200, 0).row("P3", "A", 55, 300, 0)
                .row("P4", "B", 70, 50, 1).row("P5", "B", 65, 150, 1).row("P6", "B", 62, 250, 1)
                .row("P7", "B", null, 120, 1)
                .build();
        AnalysisRun run = harness.run(c, Map.of("covariates", List.of("arm", "age")));
        assertEquals(1, run.json().get("nDropped").asInt());
        assertEquals(1, run.json().at("/missing/age").asInt());
        assertTrue(run.warnings().size() >= 2, "the missing age and the infinite coefficient: " + run.warnings());
        assertTrue(run.warnings().stream().anyMatch(w -> w.contains("age")), run.warnings().toString());
    }

    // ---------------------------------------------------------------- the forest plot

    @Test
    void theForestPlotHasAReferenceRowPerCategoricalCovariateAndTheModelBelow() throws Exception {
        AnalysisRun run = harness.run(TestCohorts.csv(reference("hcc_demo.csv")),
                Map.of("endpoint", "OS", "covariates", List.of("arm", "mvi", "age", "child_pugh", "margin_mm")));
        String d = run.figure().orElseThrow().description();
        // R (hcc_demo.expected.json, OS cox_efron): arm HR 0.41 (0.25-0.68), p = 0.00044; LR p = 0.00023;
        // concordance 0.663; n 384, 73 events
        // R (hcc_demo.expected.json, OS cox_efron): arm=RFA+RT HR 0.41 (0.25-0.68), p = 0.00044; mvi 1.68 (1.06-2.67),
        // p = 0.027; age 0.99 (0.96-1.01); child_pugh=B 1.89 (1.10-3.23), p = 0.020; margin_mm 1.01 (0.97-1.06)
        assertTrue(d.startsWith("Cox model of overall survival: hazard ratio (95% CI) on a log scale. mvi 1.68 (1.06-2.67),"
                + " p = 0.027; age 0.99 (0.96-1.01), p = 0.35; margin_mm 1.01 (0.97-1.06), p = 0.51;"
                + " arm arm = RFA reference; arm arm = RFA+RT 0.41 (0.25-0.68), p < 0.001;"
                + " child_pugh child_pugh = A reference; child_pugh child_pugh = B 1.89 (1.10-3.23), p = 0.020."), d);
        // the numeric covariates are not drawn under the heading of a categorical one
        String svg = run.figure().orElseThrow().svg();
        assertTrue(svg.indexOf("data-label=\"mvi\"") < svg.indexOf("data-label=\"arm\""), "mvi before arm's heading");
        assertTrue(d.contains("n = 384, 73 events; efron ties; likelihood ratio p < 0.001; concordance 0.66"), d);
        assertFalse(d.contains("stratified"), d);
    }

    @Test
    void aStratifiedModelSaysSoBelowThePlot() throws Exception {
        AnalysisRun run = harness.run(TestCohorts.csv(reference("lung.csv")),
                Map.of("covariates", List.of("age", "sex"), "strata", "ph_ecog", "ties", "breslow"));
        String d = run.figure().orElseThrow().description();
        assertTrue(d.contains("breslow ties"), d);
        assertTrue(d.contains("stratified by ph_ecog"), d);
        // R (lung.expected.json, cox_stratified, efron): sex=M HR 1.74, p = 0.0012
        assertTrue(d.contains("sex sex = M 1.7"), d);
    }

    @Test
    void theFigureOfAMultiCentreModelNamesTheSitesPooled() throws Exception {
        AnalysisRun run = harness.run(TestCohorts.csv(reference("lung.csv")),
                Map.of("covariates", List.of("age", "sex"), "strata", "ph_ecog"));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = new java.util.LinkedHashMap<>(
                new com.fasterxml.jackson.databind.ObjectMapper().convertValue(run.stored().result(), Map.class));
        result.put("sites", List.of(Map.of("site", "A"), Map.of("site", "B"), Map.of("site", "C")));
        result.put("federated", Map.of("sitesPooled", List.of("A", "B")));
        String d = new CoxAnalysis().figure(new org.hepatica.analysis.StoredResult("r", "cox", "c", Map.of(), result,
                null), org.hepatica.analysis.FigureRequest.DEFAULT).orElseThrow().description();
        assertTrue(d.contains("stratified by ph_ecog. Pooled over 2 of 3 sites: A, B"), d);
        assertFalse(run.figure().orElseThrow().description().contains("Pooled"));
    }

    /** Terms that belong to no listed covariate (an interaction, say) are drawn as they are named. */
    @Test
    void aTermOfNoListedCovariateIsDrawnUnderItsOwnName() {
        Map<String, Object> term = Map.of("term", "arm=RFA+RT:mvi", "hazardRatio", 0.8, "lower", 0.5, "upper", 1.3,
                "pValue", 0.4);
        Map<String, Object> age = Map.of("term", "age", "hazardRatio", 1.01, "lower", 0.99, "upper", 1.03, "pValue", 0.3);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("endpoint", "DFS");
        result.put("covariates", List.of("age"));
        result.put("terms", List.of(age, term));
        result.put("n", 10);
        result.put("events", 4);
        result.put("likelihoodRatio", Map.of("statistic", 1.0));
        StoredResult stored = new StoredResult("r", "cox", "c", Map.of(), result, null);
        String d = new CoxAnalysis().figure(stored, FigureRequest.DEFAULT).orElseThrow().description();
        assertTrue(d.contains("disease-free survival"), d);
        assertTrue(d.contains("age 1.01"), d);
        assertTrue(d.contains("arm=RFA+RT:mvi 0.80"), d);
        assertTrue(d.contains("n = 10, 4 events; efron ties"), d);
        assertFalse(d.contains("likelihood ratio"), "no p-value stored: none written: " + d);
        assertFalse(d.contains("concordance"), d);
    }

    @Test
    void aResultWithoutTermsHasNoFigure() {
        StoredResult stored = new StoredResult("r", "cox", "c", Map.of(), Map.of("terms", List.of()), null);
        assertTrue(new CoxAnalysis().figure(stored, FigureRequest.DEFAULT).isEmpty());
    }

    @Test
    void theAnalysisIsListedUnderItsContractId() {
        CoxAnalysis a = new CoxAnalysis();
        assertEquals("cox", a.id());
        assertFalse(a.name().isBlank());
        assertFalse(a.description().isBlank());
        assertEquals(List.of("endpoint", "covariates", "ties", "strata", "reference"),
                a.parameters().stream().map(p -> p.name()).toList());
    }
}
