package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The study's analyses through the HTTP API of the built distribution. Against R: the reference
 * cohorts of ../shared/reference are imported over HTTP, every analysis the reference covers is
 * run through its plugin, and every value of the reference JSON is compared with the answer
 * (R 4.2.2, survival 3.5.3, cmprsk 2.2.11; tolerances in {@link Golden}). R's {@code factor()}
 * sorts levels in its locale, the contract by code point: each Cox request names the reference
 * level R used (the level R reports no term for), so the comparison holds wherever the two orders
 * differ. Then what a user gets wrong or a cohort lacks: every plugin is listed from its own bundle, a
 * bad parameter of each is a 400 naming it, and degenerate cohorts (one arm only, no events in an
 * arm, a subgroup of one patient with an empty arm x subgroup cell) give results with warnings.
 * Last, the analyses run eight at a time while a large cohort is imported and a plugin bundle is
 * stopped and started again give the results they give one at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysesIT {
    private static final Path REFERENCE = Path.of(System.getProperty("hepatica.reference.dir", "../../shared/reference"));

    private Distribution dist;
    private Api api;
    private String password;
    private final Map<String, String> cohortIds = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.started("AnalysesIT");
        password = dist.adminPassword();
        api = new Api(dist.baseUrl());
        for (String dataset : List.of("lung", "hcc_demo")) {
            byte[] csv = Files.readAllBytes(REFERENCE.resolve(dataset + ".csv"));
            Api.Reply r = post("/cohorts?name=reference-" + dataset, "text/csv", csv);
            assertTrue(r.status() == 201 || r.status() == 200, r.body());
            assertEquals(0, r.json().get("rowsRejected").asInt(), r.body());
            cohortIds.put(dataset, r.json().get("id").asText());
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (dist != null) {
            dist.stop();
        }
    }

    private Api.Reply post(String path, String type, byte[] body) throws Exception {
        return api.send("POST", path, "admin", password, type, body);
    }

    /** Runs an analysis; the result part of the answer, after checking the answer is a 200. */
    private JsonNode run(String dataset, String analysis, Map<String, Object> parameters) throws Exception {
        byte[] body = Api.JSON.writeValueAsBytes(Map.of("parameters", parameters));
        Api.Reply r = post("/cohorts/" + cohortIds.get(dataset) + "/analyses/" + analysis, "application/json", body);
        assertEquals(200, r.status(), analysis + " " + parameters + ": " + r.body());
        return r.json().get("result");
    }

    private static JsonNode expected(String dataset) throws Exception {
        return Api.JSON.readTree(REFERENCE.resolve(dataset + ".expected.json").toFile());
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(Arguments.of("lung", "OS"), Arguments.of("hcc_demo", "OS"), Arguments.of("hcc_demo", "DFS"));
    }

    private static void assertAllAgree(Golden golden) {
        assertTrue(golden.compared() > 0, "nothing was compared");
        assertTrue(golden.mismatches().isEmpty(), golden.mismatches().size() + " of " + golden.compared()
                + " values differ from R:\n" + String.join("\n", golden.mismatches()));
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asDouble()));
        return out;
    }

    @ParameterizedTest(name = "{0} {1}: km with every conf type, overall and by group, landmarks and tau; log-rank")
    @MethodSource("endpoints")
    void kaplanMeierAndLogRankMatchR(String dataset, String endpoint) throws Exception {
        JsonNode ep = expected(dataset).path("endpoints").path(endpoint);
        Golden golden = new Golden();
        for (String confType : List.of("log", "log-log", "plain")) {
            JsonNode section = ep.get("km_" + confType);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("endpoint", endpoint);
            p.put("confType", confType);
            p.put("landmarks", numbers(section.get("landmarks")));
            p.put("tau", section.get("tau").asDouble());
            String call = "survfit(Surv(time, status) ~ 1, conf.type = \"" + confType + "\")";
            golden.compare(call, section.get("overall"), run(dataset, "km", p).get("groups"), Golden.Rules.exact());
            String groupBy = section.get("byGroup").get("groupBy").asText();
            p.put("groupBy", groupBy);
            JsonNode grouped = run(dataset, "km", p);
            call = "survfit(Surv(time, status) ~ " + groupBy + ", conf.type = \"" + confType + "\")";
            golden.compare(call, section.get("byGroup").get("groups"), grouped.get("groups"), Golden.Rules.exact());
            golden.compare("survdiff(Surv(time, status) ~ " + groupBy + ")", ep.get("logRank"), grouped.get("logRank"),
                    Golden.Rules.exact());
        }
        if (ep.has("stratifiedLogRank")) {
            JsonNode e = ep.get("stratifiedLogRank");
            JsonNode r = run(dataset, "km", Map.of("endpoint", endpoint, "groupBy", e.get("groupBy").asText(),
                    "strata", e.get("strata").asText()));
            golden.compare("survdiff(Surv(time, status) ~ " + e.get("groupBy").asText() + " + strata("
                    + e.get("strata").asText() + "))", e, r.get("logRank"), Golden.Rules.exact());
        }
        assertAllAgree(golden);
    }

    @ParameterizedTest(name = "{0} {1}: cox efron, breslow (and stratified) with the PH test")
    @MethodSource("endpoints")
    void coxMatchesR(String dataset, String endpoint) throws Exception {
        JsonNode ep = expected(dataset).path("endpoints").path(endpoint);
        JsonNode cohort = api.send("GET", "/cohorts/" + cohortIds.get(dataset), "admin", password, null, null).json();
        Golden golden = new Golden();
        for (String section : List.of("cox_efron", "cox_breslow", "cox_stratified")) {
            JsonNode e = ep.get(section);
            if (e == null) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("endpoint", endpoint);
            List<String> covariates = new ArrayList<>();
            e.get("covariates").forEach(c -> covariates.add(c.asText()));
            p.put("covariates", covariates);
            p.put("ties", e.get("ties").asText());
            if (e.hasNonNull("strata")) {
                p.put("strata", e.get("strata").asText());
            }
            p.put("reference", referenceLevelsOfR(cohort, covariates, e.get("terms")));
            JsonNode r = run(dataset, "cox", p);
            String call = "coxph(Surv(time, status) ~ " + String.join(" + ", covariates)
                    + (e.hasNonNull("strata") ? " + strata(" + e.get("strata").asText() + ")" : "") + ", ties = \""
                    + e.get("ties").asText() + "\"); cox.zph(fit, transform = \"km\")";
            golden.compare(call, e, r, Golden.Rules.iterated());
            // R warns of nothing; the platform only says whom it left out (as R's na.action)
            for (JsonNode w : r.get("warnings")) {
                assertTrue(w.asText().contains("left out"), call + " warning " + w);
            }
        }
        assertAllAgree(golden);
    }

    /**
     * The reference level R used for each categorical covariate: the level of the cohort's column
     * for which R reports no term (R orders levels in its locale, the contract by code point).
     */
    private static Map<String, String> referenceLevelsOfR(JsonNode cohort, List<String> covariates, JsonNode terms) {
        Set<String> termNames = new HashSet<>();
        terms.forEach(t -> termNames.add(t.get("term").asText()));
        Map<String, String> reference = new LinkedHashMap<>();
        for (JsonNode column : cohort.get("columns")) {
            String name = column.get("name").asText();
            if (covariates.contains(name) && "categorical".equals(column.get("type").asText())) {
                for (JsonNode level : column.get("levels")) {
                    if (!termNames.contains(name + level.asText())) {
                        reference.put(name, level.asText());
                    }
                }
            }
        }
        return reference;
    }

    @ParameterizedTest(name = "hcc_demo {0}: mvi-subgroups")
    @MethodSource("hccEndpoints")
    void mviSubgroupsMatchR(String endpoint) throws Exception {
        JsonNode e = expected("hcc_demo").path("endpoints").path(endpoint).get("mviSubgroups");
        JsonNode r = run("hcc_demo", "mvi-subgroups", Map.of("endpoint", endpoint,
                "treatment", e.get("treatment").asText(), "subgroup", e.get("subgroup").asText()));
        Golden golden = new Golden();
        golden.compare("coxph(Surv(time, status) ~ arm, subset(hcc, mvi == level)); anova(coxph(~ arm + mvi),"
                + " coxph(~ arm * mvi))", e, r, Golden.Rules.iterated());
        assertAllAgree(golden);
        assertEquals(16, r.get("nDropped").asInt(), "patients with unknown MVI are left out and counted");
    }

    @ParameterizedTest(name = "hcc_demo {0}: margin-stratification")
    @MethodSource("hccEndpoints")
    void marginStratificationMatchesR(String endpoint) throws Exception {
        JsonNode e = expected("hcc_demo").path("endpoints").path(endpoint).get("marginStratification");
        JsonNode r = run("hcc_demo", "margin-stratification", Map.of("endpoint", endpoint,
                "cutoffMm", e.get("cutoffMm").asDouble()));
        Golden golden = new Golden();
        ObjectNode exact = e.deepCopy();
        exact.remove("stratifiedCoxTreatment");
        golden.compare("survfit / survdiff by margin class, survdiff(~ arm + strata(class))", exact, r,
                Golden.Rules.exact());
        // R names the treatment of the analysis .t: coxph(Surv(time, status) ~ .t + strata(marginClass))
        golden.compare("coxph(Surv(time, status) ~ .t + strata(marginClass))", e.get("stratifiedCoxTreatment"),
                r.get("stratifiedCoxTreatment"), new Golden.Rules(Golden.TOL_ITER,
                        term -> ".t" + term.substring(term.indexOf('=') + 1)));
        assertAllAgree(golden);
    }

    static Stream<String> hccEndpoints() {
        return Stream.of("OS", "DFS");
    }

    @Test
    void competingRisksMatchR() throws Exception {
        JsonNode e = expected("hcc_demo").get("competingRisks");
        List<Double> times = numbers(e.get("cif").get(0).get("times"));
        JsonNode r = run("hcc_demo", "competing-risks", Map.of("treatment", e.get("groupBy").asText(), "times", times));
        Golden golden = new Golden();
        ObjectNode compared = Api.JSON.createObjectNode();
        compared.set("causes", e.get("causes"));
        compared.set("cif", e.get("cif"));
        compared.set("grayTest", e.get("grayTest"));
        golden.compare("cmprsk::cuminc(dfs_time, cause, arm); timepoints(fit, c(365, 730, 1095))", compared, r,
                Golden.Rules.exact());
        assertAllAgree(golden);
    }

    @Test
    void theTrialEndpointAnalysesAgreeWithKaplanMeierLogRankAndCox() throws Exception {
        for (String[] c : new String[][] {{"dfs", "DFS", "730"}, {"os", "OS", "1095"}}) {
            JsonNode r = run("hcc_demo", c[0], Map.of());
            JsonNode ep = expected("hcc_demo").path("endpoints").path(c[1]);
            Golden golden = new Golden();
            // the landmark survival per arm with its log-log interval: survfit(..., conf.type = "log-log")
            ArrayNode byArm = ep.get("km_log-log").get("byGroup").get("groups").deepCopy();
            for (JsonNode g : byArm) {
                ArrayNode kept = Api.JSON.createArrayNode();
                g.get("landmarks").forEach(l -> {
                    if (l.get("time").asText().equals(c[2])) {
                        kept.add(l);
                    }
                });
                ((ObjectNode) g).set("landmarks", kept);
                ((ObjectNode) g).remove("rmst");
            }
            golden.compare(c[0] + " km", byArm, r.get("km").get("groups"), Golden.Rules.exact());
            golden.compare(c[0] + " survdiff", ep.get("logRank"), r.get("logRank"), Golden.Rules.exact());
            // the treatment's hazard ratio is that of the univariate Cox model coxph(Surv ~ arm)
            JsonNode hr = r.get("hazardRatio");
            JsonNode cox = run("hcc_demo", "cox", Map.of("endpoint", c[1], "covariates", List.of("arm")));
            JsonNode term = cox.get("terms").get(0);
            assertEquals("arm=RFA+RT", hr.get("term").asText());
            assertEquals("RFA", r.get("reference").asText());
            for (String field : List.of("hazardRatio", "lower", "upper", "pValue")) {
                assertEquals(term.get(field).asDouble(), hr.get(field).asDouble(), 1e-12, c[0] + " " + field);
            }
            assertTrue(hr.get("hazardRatio").asDouble() < 1, c[0] + ": the reference cohort favours RFA+RT " + hr);
            assertEquals(c[2], r.get("landmark").asText().replace(".0", ""));
            assertAllAgree(golden);
        }
    }

    private static final List<String> ANALYSES = List.of("baseline", "competing-risks", "cox", "dfs", "km",
            "margin-stratification", "mvi-subgroups", "os", "short-term", "summary");

    @Test
    void everyAnalysisIsListedFromItsOwnBundle() throws Exception {
        JsonNode list = api.send("GET", "/analyses", "admin", password, null, null).json();
        Map<String, String> bundles = new LinkedHashMap<>();
        list.forEach(a -> bundles.put(a.get("id").asText(), a.get("bundle").asText()));
        assertEquals(ANALYSES, new ArrayList<>(bundles.keySet()));
        assertEquals(ANALYSES.size(), new HashSet<>(bundles.values()).size(), "one bundle per analysis: " + bundles);
        JsonNode km = null;
        for (JsonNode a : list) {
            if (a.get("id").asText().equals("km")) {
                km = a;
            }
        }
        JsonNode confType = null;
        for (JsonNode p : km.get("parameters")) {
            if (p.get("name").asText().equals("confType")) {
                confType = p;
            }
        }
        assertEquals("log-log", confType.get("default").asText());
        assertEquals(List.of("log", "log-log", "plain"), Api.JSON.convertValue(confType.get("values"), List.class),
                "a choice lists its values");
    }

    /** One request of each analysis, with parameters that reach its every part. */
    private static final Map<String, String> CONCURRENT = new LinkedHashMap<>();

    static {
        CONCURRENT.put("km", "{\"endpoint\": \"DFS\", \"landmarks\": [365, 730]}");
        CONCURRENT.put("cox", "{\"endpoint\": \"OS\", \"covariates\": [\"arm\", \"mvi\", \"age\"], \"reference\": {\"arm\": \"RFA\"}}");
        CONCURRENT.put("dfs", "{}");
        CONCURRENT.put("os", "{}");
        CONCURRENT.put("mvi-subgroups", "{}");
        CONCURRENT.put("margin-stratification", "{}");
        CONCURRENT.put("competing-risks", "{}");
        CONCURRENT.put("summary", "{}");
    }

    private Api.Reply runRaw(String cohortId, String analysis) throws Exception {
        return post("/cohorts/" + cohortId + "/analyses/" + analysis, "application/json",
                ("{\"parameters\": " + CONCURRENT.get(analysis) + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void concurrentAnalysesDuringAnImportAndABundleStopGiveTheSerialResults() throws Exception {
        String cohortId = cohortIds.get("hcc_demo");
        Map<String, JsonNode> serial = new LinkedHashMap<>();
        for (String analysis : CONCURRENT.keySet()) {
            Api.Reply r = runRaw(cohortId, analysis);
            assertEquals(200, r.status(), analysis + ": " + r.body());
            serial.put(analysis, r.json().get("result"));
        }
        // a cohort of 800,000 rows imported meanwhile: copies of the reference cohort under new ids
        String text = Files.readString(REFERENCE.resolve("hcc_demo.csv"));
        int headerEnd = text.indexOf('\n') + 1;
        StringBuilder big = new StringBuilder(text.substring(0, headerEnd));
        for (int k = 0; k < 2000; k++) {
            big.append(text.substring(headerEnd).replace("\"HCC-", "\"C" + k + "-HCC-"));
        }
        byte[] bigCsv = big.toString().getBytes(StandardCharsets.UTF_8);
        dist.addUser("operator", "operator-secret-1", "admin,manager,viewer,systembundles,ssh");
        String plugin = "org.hepatica.plugin.competingrisks";

        ExecutorService pool = Executors.newFixedThreadPool(10);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            Future<Api.Reply> imported = pool.submit(() -> post("/cohorts?name=concurrent-import", "text/csv", bigCsv));
            List<Future<List<Api.Reply>>> runs = new ArrayList<>();
            for (String analysis : CONCURRENT.keySet()) {
                // each analysis runs again and again until the import is stored and the plugin is back
                runs.add(pool.submit(() -> {
                    List<Api.Reply> replies = new ArrayList<>();
                    while (!done.get() || replies.size() < 6) {
                        replies.add(runRaw(cohortId, analysis));
                        Thread.sleep(50);
                    }
                    return replies;
                }));
            }
            Thread.sleep(300);
            dist.shell("operator", "operator-secret-1", "bundle:stop " + plugin);
            Thread.sleep(500);
            dist.shell("operator", "operator-secret-1", "bundle:start " + plugin);
            Api.Reply imp = imported.get();
            assertEquals(201, imp.status(), imp.body().substring(0, Math.min(300, imp.body().length())));
            assertEquals(800_000, imp.json().get("rowsAccepted").asInt());
            Thread.sleep(500);
            done.set(true);

            int i = 0;
            int compared = 0;
            int missing = 0;
            for (String analysis : CONCURRENT.keySet()) {
                for (Api.Reply r : runs.get(i++).get()) {
                    if (r.status() == 200) {
                        assertEquals(serial.get(analysis), r.json().get("result"), analysis + " run concurrently");
                        compared++;
                    } else {
                        // only the stopped plugin may be missing, and it says so
                        assertEquals("competing-risks", analysis, analysis + ": " + r.body());
                        assertEquals(404, r.status(), r.body());
                        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
                        missing++;
                    }
                }
            }
            assertTrue(missing > 0, "the plugin was stopped while its analysis was being run");
            assertTrue(compared >= 7 * 6, "every other analysis answered every time: " + compared);
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        // started again, the plugin gives the same result; the import's rows leave the reference cohort as it was
        long deadline = System.nanoTime() + 30_000_000_000L;
        Api.Reply again;
        do {
            again = runRaw(cohortId, "competing-risks");
        } while (again.status() == 404 && System.nanoTime() < deadline && sleep(200));
        assertEquals(200, again.status(), again.body());
        assertEquals(serial.get("competing-risks"), again.json().get("result"));
    }

    private static boolean sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
        return true;
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("km", "{\"confType\": \"loglog\"}", "confType", "log-log"),
                Arguments.of("km", "{\"groupBy\": \"treatment_arm\"}", "groupBy", "no column 'treatment_arm'"),
                Arguments.of("km", "{\"endpoint\": \"PFS\"}", "endpoint", "OS"),
                Arguments.of("cox", "{\"covariates\": [\"arm\", \"weight\"]}", "covariates", "no column 'weight'"),
                Arguments.of("cox", "{\"covariates\": [\"arm\"], \"ties\": \"exact\"}", "ties", "breslow"),
                Arguments.of("cox", "{\"covariates\": [\"patient_id\"]}", "covariates", "not a covariate"),
                Arguments.of("cox", "{\"covariates\": [\"arm\"], \"reference\": {\"arm\": \"RT\"}}", "reference",
                        "'RT'"),
                Arguments.of("cox", "{}", "covariates", "required"),
                Arguments.of("dfs", "{\"treatment\": \"group\"}", "treatment", "no column 'group'"),
                Arguments.of("os", "{\"landmark\": -365}", "landmark", "> 0"),
                Arguments.of("mvi-subgroups", "{\"subgroup\": \"lvi\"}", "subgroup", "no column 'lvi'"),
                Arguments.of("margin-stratification", "{\"cutoffMm\": \"ten\"}", "cutoffMm", "number"),
                Arguments.of("competing-risks", "{\"times\": [365, -1]}", "times", ">= 0"),
                Arguments.of("summary", "{\"endpoints\": [\"OS\", \"TTP\"]}", "endpoints", "DFS"));
    }

    @ParameterizedTest(name = "{0} {1}: 400 naming {2}")
    @MethodSource("badParameters")
    void aBadParameterIsA400NamingIt(String analysis, String parameters, String parameter, String reason)
            throws Exception {
        Api.Reply r = post("/cohorts/" + cohortIds.get("hcc_demo") + "/analyses/" + analysis, "application/json",
                ("{\"parameters\": " + parameters + "}").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(parameter, r.json().get("parameter").asText(), r.body());
        assertTrue(r.json().get("detail").asText().contains(reason), r.body());
    }

    /** A small cohort given as durations; {@code rows} are arm, os_time, os_event, dfs_time, dfs_event, mvi, margin_mm. */
    private String importCohort(String name, String... rows) throws Exception {
        StringBuilder csv = new StringBuilder("patient_id,arm,os_time,os_event,dfs_time,dfs_event,mvi,margin_mm\n");
        for (int i = 0; i < rows.length; i++) {
            csv.append("P").append(i + 1).append(',').append(rows[i]).append('\n');
        }
        Api.Reply r = post("/cohorts?name=" + name, "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.body());
        assertEquals(0, r.json().get("rowsRejected").asInt(), r.body());
        return r.json().get("id").asText();
    }

    /** Runs every analysis on a cohort: each a 200 with a result; the results by id. */
    private Map<String, JsonNode> runAll(String cohortId) throws Exception {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String analysis : ANALYSES) {
            String parameters = analysis.equals("cox") ? "{\"covariates\": [\"arm\", \"mvi\", \"margin_mm\"]}" : "{}";
            Api.Reply r = post("/cohorts/" + cohortId + "/analyses/" + analysis, "application/json",
                    ("{\"parameters\": " + parameters + "}").getBytes(StandardCharsets.UTF_8));
            assertEquals(200, r.status(), analysis + ": " + r.body());
            assertFalse(r.body().contains("NaN") || r.body().contains("Infinity"), analysis + ": " + r.body());
            out.put(analysis, r.json().get("result"));
        }
        return out;
    }

    private static String warnings(JsonNode result) {
        return result.get("warnings").toString();
    }

    @Test
    void aCohortWithOneArmOnlyGivesResultsWithWarnings() throws Exception {
        String id = importCohort("one-arm", "RFA,100,1,50,1,0,5", "RFA,200,0,150,1,1,12", "RFA,300,1,300,1,0,8",
                "RFA,400,0,400,0,1,15", "RFA,500,1,250,1,0,3", "RFA,600,0,600,0,1,11");
        Map<String, JsonNode> r = runAll(id);
        for (String analysis : List.of("dfs", "os")) {
            assertTrue(r.get(analysis).get("hazardRatio").isNull(), analysis + " " + r.get(analysis));
            assertTrue(warnings(r.get(analysis)).contains("only one arm"), analysis + " " + warnings(r.get(analysis)));
            assertEquals(0, r.get(analysis).get("logRank").get("df").asInt());
        }
        assertTrue(warnings(r.get("cox")).contains("single level"), warnings(r.get("cox")));
        JsonNode cr = r.get("competing-risks");
        assertEquals(0, cr.get("grayTest").size(), "no test between arms with one arm: " + cr.get("grayTest"));
        assertFalse(warnings(cr).equals("[]"), "and a warning says so");
    }

    @Test
    void noEventsInAnArmAndASubgroupOfOnePatientGiveResultsWithWarnings() throws Exception {
        // RFA+RT: no event at all; MVI = 1 for one RFA patient only, so the RFA+RT x MVI=1 cell is empty
        String id = importCohort("degenerate", "RFA,100,1,50,1,0,5", "RFA,200,0,150,1,1,12", "RFA,300,1,300,1,0,8",
                "RFA,400,1,350,1,0,15", "RFA+RT,150,0,150,0,0,3", "RFA+RT,450,0,450,0,0,11", "RFA+RT,500,0,500,0,0,9",
                "RFA+RT,650,0,650,0,0,14");
        Map<String, JsonNode> r = runAll(id);
        JsonNode mvi = r.get("mvi-subgroups");
        JsonNode one = mvi.get("subgroups").get(1);
        assertEquals("1", one.get("level").asText());
        assertEquals(1, one.get("n").asInt());
        assertTrue(one.get("hazardRatio").isNull(), one.toString());
        JsonNode interaction = mvi.get("interaction");
        assertEquals(0, interaction.get("df").asInt(), interaction.toString());
        assertEquals(0.0, interaction.get("statistic").asDouble());
        assertTrue(interaction.get("pValue").isNull(), interaction.toString());
        assertTrue(warnings(mvi).contains("nothing to test"), warnings(mvi));
        JsonNode dfs = r.get("dfs");
        JsonNode rt = dfs.get("km").get("groups").get(1);
        assertEquals("RFA+RT", rt.get("label").asText());
        assertEquals(0, rt.get("events").asInt());
        assertTrue(rt.get("median").get("estimate").isNull(), "no event: the median is not reached");
        assertFalse(warnings(dfs).equals("[]"), "a diverging hazard ratio is reported: " + dfs);
    }
}
