package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The short-term outcome and baseline ("Table 1") analyses through the HTTP API of the built
 * distribution, against R: the reference cohorts are imported over HTTP, {@code short-term} and
 * {@code baseline} run through their plugins, and every value of {@code shortTerm} and
 * {@code baseline} of hcc_demo.expected.json is compared with the answer ({@link Golden};
 * R 4.2.2: {@code binom.test}, {@code fisher.test}, {@code chisq.test(correct = FALSE)},
 * {@code t.test}, {@code wilcox.test(exact = FALSE)}, {@code quantile}). R's {@code factor()}
 * orders levels in its locale (IMRT, none, SBRT), the contract by code point (IMRT, SBRT, none):
 * variables, arms and levels are matched by name, not position. Then the table as CSV (RFC 4180,
 * one row per variable level), the short-term figure and the baseline report with its HTML table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TablesIT {
    private static final Path REFERENCE = Path.of(System.getProperty("hepatica.reference.dir", "../../shared/reference"));

    private Distribution dist;
    private Api api;
    private String password;
    private final Map<String, String> cohortIds = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.started("TablesIT");
        password = dist.adminPassword();
        api = new Api(dist.baseUrl());
        for (String dataset : List.of("lung", "hcc_demo")) {
            byte[] csv = Files.readAllBytes(REFERENCE.resolve(dataset + ".csv"));
            Api.Reply r = api.send("POST", "/cohorts?name=reference-" + dataset, "admin", password, "text/csv", csv);
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

    private Api.Reply runRaw(String dataset, String analysis, Map<String, Object> parameters) throws Exception {
        byte[] body = Api.JSON.writeValueAsBytes(Map.of("parameters", parameters));
        return api.send("POST", "/cohorts/" + cohortIds.get(dataset) + "/analyses/" + analysis, "admin", password,
                "application/json", body);
    }

    /** Runs an analysis; the whole answer {id, analysis, result, provenance}, after checking it is a 200. */
    private JsonNode run(String dataset, String analysis, Map<String, Object> parameters) throws Exception {
        Api.Reply r = runRaw(dataset, analysis, parameters);
        assertEquals(200, r.status(), analysis + " " + parameters + ": " + r.body());
        return r.json();
    }

    private Api.Reply get(String path) throws Exception {
        return api.send("GET", path, "admin", password, null, null);
    }

    private static JsonNode expected(String dataset) throws Exception {
        return Api.JSON.readTree(REFERENCE.resolve(dataset + ".expected.json").toFile());
    }

    private static void assertAllAgree(Golden golden) {
        assertTrue(golden.compared() > 0, "nothing was compared");
        assertTrue(golden.mismatches().isEmpty(), golden.mismatches().size() + " of " + golden.compared()
                + " values differ from R:\n" + String.join("\n", golden.mismatches()));
        System.out.println("TablesIT: " + golden.compared() + " values agree with R");
    }

    @Test
    void bothAnalysesAreListedFromTheirOwnBundles() throws Exception {
        Map<String, String> bundles = new LinkedHashMap<>();
        get("/analyses").json().forEach(a -> bundles.put(a.get("id").asText(), a.get("bundle").asText()));
        assertEquals("org.hepatica.plugin.shortterm", bundles.get("short-term"), bundles.toString());
        assertEquals("org.hepatica.plugin.baseline", bundles.get("baseline"), bundles.toString());
    }

    @Test
    void shortTermMatchesR() throws Exception {
        JsonNode answer = run("hcc_demo", "short-term", Map.of());
        JsonNode e = expected("hcc_demo").get("shortTerm");
        Golden golden = new Golden();
        // R: table(arm, response_mrecist, useNA); binom.test(count, n)$conf.int; fisher.test(t)$p.value;
        // chisq.test(t, correct = FALSE)
        golden.compare("shortTerm (binom.test, fisher.test, chisq.test(correct = FALSE))", e, answer.get("result"),
                Golden.Rules.exact());
        assertAllAgree(golden);
        JsonNode provenance = answer.get("provenance");
        assertEquals("short-term", provenance.get("analysisId").asText());
        assertEquals("org.hepatica.plugin.shortterm", provenance.get("pluginBundle").asText());
    }

    @Test
    void baselineMatchesR() throws Exception {
        JsonNode answer = run("hcc_demo", "baseline", Map.of());
        JsonNode e = expected("hcc_demo").get("baseline");
        JsonNode variables = answer.get("result").get("variables");
        List<String> expectedNames = new ArrayList<>();
        e.forEach(v -> expectedNames.add(v.get("variable").asText()));
        List<String> actualNames = new ArrayList<>();
        variables.forEach(v -> actualNames.add(v.get("variable").asText()));
        assertEquals(expectedNames, actualNames, "the default covariates, in the cohort's column order");
        Golden golden = new Golden();
        golden.compare("baseline (t.test, wilcox.test(exact = FALSE), quantile, chisq.test(correct = FALSE), fisher.test)",
                e, alignedLike(e, variables), Golden.Rules.exact());
        assertAllAgree(golden);
        assertEquals("org.hepatica.plugin.baseline", answer.get("provenance").get("pluginBundle").asText());
    }

    /**
     * The platform's variables arranged as the reference lists them: each variable, arm and level
     * found by its name (R orders levels in its locale, the platform by code point).
     */
    private static JsonNode alignedLike(JsonNode expected, JsonNode actual) {
        ArrayNode out = Api.JSON.createArrayNode();
        for (JsonNode ev : expected) {
            JsonNode av = byKey(actual, "variable", ev.get("variable").asText());
            if (av == null) {
                out.addNull();
                continue;
            }
            ObjectNode v = av.deepCopy();
            ArrayNode arms = Api.JSON.createArrayNode();
            for (JsonNode ea : ev.get("byArm")) {
                JsonNode aa = byKey(av.get("byArm"), "arm", ea.get("arm").asText());
                if (aa == null) {
                    arms.addNull();
                    continue;
                }
                ObjectNode a = aa.deepCopy();
                if (ea.has("levels") && aa.has("levels")) {
                    ArrayNode levels = Api.JSON.createArrayNode();
                    for (JsonNode el : ea.get("levels")) {
                        JsonNode al = byKey(aa.get("levels"), "level", el.get("level").asText());
                        if (al == null) {
                            levels.addNull();
                        } else {
                            levels.add(al);
                        }
                    }
                    assertEquals(ea.get("levels").size(), aa.get("levels").size(),
                            ev.get("variable") + " " + ea.get("arm") + ": the same levels as R");
                    a.set("levels", levels);
                }
                arms.add(a);
            }
            v.set("byArm", arms);
            out.add(v);
        }
        return out;
    }

    private static JsonNode byKey(JsonNode array, String key, String value) {
        for (JsonNode n : array) {
            if (n.has(key) && n.get(key).asText().equals(value)) {
                return n;
            }
        }
        return null;
    }

    @Test
    void theTableIsCsvWithOneRowPerVariableLevel() throws Exception {
        JsonNode answer = run("hcc_demo", "baseline", Map.of());
        Api.Reply r = get("/results/" + answer.get("id").asText() + "/table.csv");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("text/csv"), r.contentType());
        List<List<String>> rows = parseCsv(r.body());
        List<String> header = rows.get(0);
        assertEquals(List.of("Variable", "Level", "RFA (n = 200)", "RFA+RT (n = 200)", "p", "Test", "SMD"), header);
        List<List<String>> body = rows.subList(1, rows.size());
        for (List<String> row : body) {
            assertEquals(header.size(), row.size(), "every row has every column: " + row);
        }
        int expectedRows = 0;
        for (JsonNode v : answer.get("result").get("variables")) {
            String name = v.get("variable").asText();
            List<String> levels = new ArrayList<>();
            if (v.get("type").asText().equals("numeric")) {
                levels.addAll(List.of("Mean (SD)", "Median [Q1, Q3]"));
            } else {
                v.get("byArm").get(0).get("levels").forEach(l -> levels.add(l.get("level").asText()));
            }
            if (v.get("missing").asInt() > 0) {
                levels.add("Missing");
            }
            for (String level : levels) {
                long found = body.stream().filter(row -> row.get(0).equals(name) && row.get(1).equals(level)).count();
                assertEquals(1, found, name + " / " + level + " has one row");
            }
            expectedRows += levels.size();
        }
        assertEquals(expectedRows, body.size(), "one row per variable level, nothing else");
        List<String> age = body.stream().filter(row -> row.get(0).equals("age") && row.get(1).equals("Mean (SD)"))
                .findFirst().orElseThrow();
        assertEquals("60.9 (9.2)", age.get(2), "mean (SD) of age in RFA, R: 60.89 (9.238)");
        assertEquals("0.463", age.get(4), "Welch p to 3 decimals");
        List<String> imrt = body.stream().filter(row -> row.get(0).equals("rt_technique") && row.get(1).equals("IMRT"))
                .findFirst().orElseThrow();
        assertEquals("<0.001", imrt.get(4));
        assertEquals("97 (48.5%)", imrt.get(3));
        List<String> missing = body.stream().filter(row -> row.get(0).equals("mvi") && row.get(1).equals("Missing"))
                .findFirst().orElseThrow();
        assertEquals(16, Integer.parseInt(missing.get(2)) + Integer.parseInt(missing.get(3)));

        JsonNode shortTerm = run("hcc_demo", "short-term", Map.of());
        Api.Reply none = get("/results/" + shortTerm.get("id").asText() + "/table.csv");
        assertEquals(404, none.status(), none.body());
        assertTrue(none.contentType().startsWith("application/problem+json"), none.contentType());
    }

    @Test
    void theShortTermFigureIsSvgAndTheBaselineReportHoldsTheTable() throws Exception {
        JsonNode shortTerm = run("hcc_demo", "short-term", Map.of());
        Api.Reply svg = get("/results/" + shortTerm.get("id").asText() + "/plot.svg");
        assertEquals(200, svg.status(), svg.body());
        assertTrue(svg.contentType().startsWith("image/svg+xml"), svg.contentType());
        assertTrue(svg.body().startsWith("<svg"), svg.body().substring(0, Math.min(80, svg.body().length())));
        assertTrue(svg.body().contains("data-category=\"CR\""), "stacked response bars");
        assertTrue(svg.body().contains("ORR 88.1%"), "the objective response rate of RFA");

        JsonNode baseline = run("hcc_demo", "baseline", Map.of());
        Api.Reply report = get("/results/" + baseline.get("id").asText() + "/report.html");
        assertEquals(200, report.status(), report.body());
        String html = report.body();
        assertTrue(html.contains("<table class=\"publication\">"), "the publication table");
        assertTrue(html.contains("Baseline characteristics by arm"));
        assertTrue(html.contains("60.9 (9.2)"), "mean (SD) of age");
        assertTrue(html.contains("&lt;0.001"), "p below 0.001, escaped");
        assertTrue(html.indexOf("<table class=\"publication\">") > html.indexOf("<h2>Figure</h2>"), "after the figure");
    }

    @Test
    void badParametersAreA400NamingThem() throws Exception {
        Api.Reply r = runRaw("hcc_demo", "baseline", Map.of("variables", List.of("age", "lvi")));
        assertEquals(400, r.status(), r.body());
        assertEquals("variables", r.json().get("parameter").asText(), r.body());
        r = runRaw("hcc_demo", "short-term", Map.of("treatment", "arms"));
        assertEquals(400, r.status(), r.body());
        assertEquals("treatment", r.json().get("parameter").asText(), r.body());
        // lung has no arm: the default treatment column is missing
        r = runRaw("lung", "baseline", Map.of());
        assertEquals(400, r.status(), r.body());
        assertEquals("treatment", r.json().get("parameter").asText(), r.body());
    }

    @Test
    void baselineRunsOnLungBySex() throws Exception {
        JsonNode r = run("lung", "baseline", Map.of("treatment", "sex", "variables", List.of("age", "ph_ecog", "wt_loss")))
                .get("result");
        assertEquals(List.of("F", "M"), List.of(r.get("arms").get(0).get("arm").asText(), r.get("arms").get(1).get("arm")
                .asText()));
        JsonNode wt = r.get("variables").get(2);
        assertEquals("numeric", wt.get("type").asText());
        assertTrue(wt.get("missing").asInt() > 0, "wt_loss has missing values in lung");
        assertNotNull(wt.get("welchTPValue"));
        assertFalse(wt.get("smd").isNull());
    }

    /** RFC 4180: quoted fields with doubled quotes, CRLF or LF line ends. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
