package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hepatica.federation.testkit.TlsBroker;
import org.hepatica.testing.ResultComparison;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A multi-centre study on one machine: an Artemis broker (TLS, client certificates) and four
 * installations of the built distribution side by side, each with its own ports and data, with
 * {@code hepatica-federation} installed from the console. Sites A, B and C hold the demo cohort's
 * centres S01, S02 and the rest as cohort "study"; the coordinator holds the whole cohort. The
 * federated {@code dfs} and {@code os} equal the coordinator's own run on the whole cohort (KM and
 * log-rank to 1e-12 relative, the hazard ratio to 1e-8 against {@code strata = site}), and so does
 * {@code competing-risks} (to 1e-12); re-splitting
 * the patients across the sites changes no pooled KM value; a stopped site is reported, and when
 * started again answers the task that waited for it; a site whose administrator raises its cell
 * threshold above what its counts meet refuses from then on and releases nothing. Each site's audit shows every task, and for every release the
 * SHA-256 of exactly the bytes kept as released.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationIT {
    private static final Path REFERENCE = Path.of(System.getProperty("hepatica.reference.dir", "../../shared/reference"));
    private static final List<String> SITES = List.of("A", "B", "C");

    private TlsBroker broker;
    private final Map<String, Distribution> installs = new LinkedHashMap<>();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private String wholeId;

    @BeforeAll
    void start() throws Exception {
        Path dir = Path.of("target/it/federation-broker").toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        broker = TlsBroker.start(dir, List.of("A", "B", "C", "coordinator"));

        int i = 0;
        for (String party : List.of("A", "B", "C", "coordinator")) {
            Distribution d = Distribution.fresh("FederationIT-" + party, 18281 + i, 18201 + i);
            i++;
            d.usePorts();
            Files.writeString(d.home.resolve("etc/org.hepatica.federation.cfg"), party.equals("coordinator")
                    ? broker.configuration(party, "coordinator.id = coord")
                    : broker.configuration(party, "site.id = " + party, "site.minCellSize = 1",
                            "site.analyses = dfs, os, competing-risks, km, short-term, cox"));
            installs.put(party, d);
        }
        // started side by side: each waits for its own ports only
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Distribution d : installs.values()) {
            starts.add(CompletableFuture.runAsync(() -> {
                try {
                    d.start();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(6, TimeUnit.MINUTES);
        for (Map.Entry<String, Distribution> e : installs.entrySet()) {
            passwords.put(e.getKey(), e.getValue().adminPassword());
            String out = e.getValue().shell("admin", passwords.get(e.getKey()),
                    "feature:install hepatica-federation; bundle:list -s | grep org.hepatica.federation");
            assertTrue(out.contains("Active"), e.getKey() + ": " + out);
        }

        List<String> lines = Files.readAllLines(REFERENCE.resolve("hcc_demo.csv"));
        String header = lines.get(0);
        int site = List.of(header.replace("\"", "").split(",", -1)).indexOf("site");
        Map<String, StringBuilder> study = new LinkedHashMap<>();
        Map<String, StringBuilder> resplit = new LinkedHashMap<>();
        for (String s : SITES) {
            study.put(s, new StringBuilder(header).append('\n'));
            resplit.put(s, new StringBuilder(header).append('\n'));
        }
        for (int row = 1; row < lines.size(); row++) {
            String line = lines.get(row);
            String centre = line.split(",", -1)[site].replace("\"", "");
            study.get(centre.equals("S01") ? "A" : centre.equals("S02") ? "B" : "C").append(line).append('\n');
            resplit.get(SITES.get(row % 3)).append(line).append('\n');
        }
        for (String s : SITES) {
            importCohort(s, "study", study.get(s).toString());
            importCohort(s, "resplit", resplit.get(s).toString());
        }
        wholeId = importCohort("coordinator", "whole", String.join("\n", lines) + "\n");
    }

    @AfterAll
    void stop() throws Exception {
        for (Distribution d : installs.values()) {
            try {
                d.stop();
            } catch (Exception e) {
                // the others are still stopped
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void federatedDfsAndOsEqualTheWholeCohortAtOneInstallation() throws Exception {
        for (String analysis : List.of("dfs", "os")) {
            JsonNode fed = federated(analysis, "study", 120);
            JsonNode single = local(analysis, Map.of());
            JsonNode stratified = local(analysis, Map.of("strata", "site"));
            ResultComparison.assertClose(single.get("km"), fed.get("km"), 1e-12, Set.of());
            ResultComparison.assertClose(single.get("logRank"), fed.get("logRank"), 1e-12, Set.of());
            ResultComparison.assertClose(stratified.get("hazardRatio"), fed.get("hazardRatio"), 1e-8, Set.of());
            ResultComparison.assertClose(stratified.get("logRankStratified"), fed.get("logRankStratified"), 1e-12,
                    Set.of());
            assertTrue(Math.abs(single.get("hazardRatio").get("hazardRatio").asDouble()
                    - fed.get("hazardRatio").get("hazardRatio").asDouble()) > 1e-6, "the pooled Cox is stratified by site");
            int rows = 0;
            for (JsonNode s : fed.get("sites")) {
                assertEquals("released", s.get("status").asText(), s.toString());
                rows += s.get("rowsUsed").asInt();
            }
            assertEquals(fed.get("n").asInt(), rows, fed.get("sites").toString());
            assertEquals(single.get("n").asInt(), fed.get("n").asInt());
        }
        // competing risks: the sites release the events split by cause
        ResultComparison.assertClose(local("competing-risks", Map.of()), federated("competing-risks", "study", 120), 1e-12,
                Set.of("warnings"));

        // the same patients at other sites: the same pooled curves, stored with their figure
        JsonNode stored = federatedRun("dfs", "resplit", 120);
        JsonNode resplit = stored.get("result");
        Api.Reply svg = api("coordinator").send("GET", "/results/" + stored.get("id").asText() + "/plot.svg", "admin",
                passwords.get("coordinator"), null, null);
        assertEquals(200, svg.status(), svg.body());
        assertTrue(svg.contentType().startsWith("image/svg+xml") && svg.body().contains("<svg"), svg.contentType());
        assertTrue(svg.body().contains("Pooled over 3 sites: A, B, C"), "the figure says what it pools");
        assertTrue(svg.body().contains("Cox stratified by site"), "the figure says the hazard ratio is stratified");
        ResultComparison.assertClose(local("dfs", Map.of()).get("km"), resplit.get("km"), 1e-12, Set.of());
        ResultComparison.assertClose(local("dfs", Map.of()).get("logRank"), resplit.get("logRank"), 1e-12, Set.of());

        // Kaplan-Meier by arm, the log-rank test stratified by site
        Map<String, Object> curves = Map.of("groupBy", "arm", "strata", "site", "landmarks", List.of(730));
        ResultComparison.assertClose(local("km", curves), federatedRun("km", "study", 120, curves).get("result"), 1e-12,
                Set.of("warnings"));

        // response and toxicity: counts of patients, no endpoint
        ResultComparison.assertClose(local("short-term", Map.of()), federated("short-term", "study", 120), 1e-12, Set.of());

        // a Cox model with numeric covariates, fitted in Newton rounds over the sites
        Map<String, Object> model = Map.of("endpoint", "DFS", "covariates", List.of("arm", "age", "tumor_size_cm", "mvi"));
        JsonNode storedCox = federatedRun("cox", "study", 120, model);
        JsonNode cox = storedCox.get("result");
        Map<String, Object> bySite = new java.util.HashMap<>(model);
        bySite.put("strata", "site");
        JsonNode singleCox = local("cox", bySite);
        ResultComparison.assertClose(singleCox.get("terms"), cox.get("terms"), 1e-8, Set.of());
        for (String f : List.of("n", "events", "nDropped", "logLik", "likelihoodRatio", "wald", "score")) {
            ResultComparison.assertClose(singleCox.get(f), cox.get(f), 1e-8, Set.of());
        }
        int rounds = cox.get("federated").get("rounds").asInt();
        assertTrue(rounds >= cox.get("iterations").asInt(), cox.get("federated").toString());
        Api.Reply forest = api("coordinator").send("GET", "/results/" + storedCox.get("id").asText() + "/plot.svg", "admin",
                passwords.get("coordinator"), null, null);
        assertEquals(200, forest.status(), forest.body());
        assertTrue(forest.body().contains("stratified by site. Pooled over 3 sites: A, B, C"), "the forest plot says what it pools");

        for (String s : SITES) {
            assertEquals(7, audit(s, "federation.task.received").size(), s);
            // six tables of counts, the Cox model's size, and its sums once per round
            assertReleasesAreKept(s, 6 + 1 + rounds);
        }
    }

    @Test
    @Order(2)
    void aStoppedSiteIsReportedAndAnswersTheTaskThatWaitedForItWhenStartedAgain() throws Exception {
        Distribution c = installs.get("C");
        int releasedBefore = audit("C", "federation.released").size();
        c.stop();
        JsonNode partial = federated("dfs", "study", 3);
        assertEquals("no-answer", partial.get("sites").get(2).get("status").asText(), partial.get("sites").toString());
        assertEquals(List.of("A", "B"), Api.JSON.convertValue(partial.get("federated").get("sitesPooled"), List.class));

        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return federated("os", "study", 110);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(2000);
        c.start();
        JsonNode late = waiting.get(3, TimeUnit.MINUTES);
        for (JsonNode s : late.get("sites")) {
            assertEquals("released", s.get("status").asText(), late.get("sites").toString());
        }
        ResultComparison.assertClose(local("os", Map.of()).get("km"), late.get("km"), 1e-12, Set.of());
        // the task whose run had ended was never released; the waiting one was
        assertReleasesAreKept("C", releasedBefore + 1);
    }

    @Test
    @Order(3)
    void aSiteThatRaisesItsCellThresholdAboveItsCountsRefusesAndReleasesNothing() throws Exception {
        // the site's administrator raises the threshold while the site runs: the federation
        // component restarts with the new setting
        Distribution c = installs.get("C");
        Path log = c.home.resolve("data/log/hepatica.log");
        long activations = activations(log);
        // Karaf's config commands take its role manager
        c.addUser("site-admin", "site-admin-password", "admin,manager,ssh");
        c.shell("site-admin", "site-admin-password", "config:edit org.hepatica.federation; config:property-set site.minCellSize 5;"
                + " config:update");
        for (int i = 0; i < 300 && activations(log) == activations; i++) {
            Thread.sleep(200);
        }
        assertTrue(activations(log) > activations, "site C took up its new settings");
        int releasedBefore = audit("C", "federation.released").size();
        JsonNode r = federated("dfs", "study", 110);
        JsonNode refused = r.get("sites").get(2);
        assertEquals("refused", refused.get("status").asText(), refused.toString());
        assertTrue(refused.get("reason").asText().contains("below this site's minimum cell size of 5"), refused.toString());
        assertEquals(List.of("A", "B"), Api.JSON.convertValue(r.get("federated").get("sitesPooled"), List.class));
        List<JsonNode> refusals = audit("C", "federation.refused");
        assertEquals(1, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).get("detail").asText().contains("nothing was released"), refusals.toString());
        assertEquals(releasedBefore, audit("C", "federation.released").size());
        assertReleasesAreKept("C", releasedBefore);
    }

    /**
     * The site's audit has {@code count} releases, and each names the SHA-256 of the file kept under
     * data/federation/site/released for its task.
     */
    private void assertReleasesAreKept(String site, int count) throws Exception {
        List<JsonNode> released = audit(site, "federation.released");
        assertEquals(count, released.size(), site + ": " + released);
        Path dir = installs.get(site).home.resolve("data/federation/site/released");
        try (var files = Files.list(dir)) {
            assertEquals(count, files.count(), site + ": files in " + dir);
        }
        for (JsonNode entry : released) {
            byte[] bytes = Files.readAllBytes(dir.resolve(entry.get("target").asText() + ".json"));
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertTrue(entry.get("detail").asText().contains(sha), site + ": " + entry + " does not name " + sha);
        }
    }

    /** How often the log says the federation component started. */
    private static long activations(Path log) throws Exception {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("multi-centre analyses over ")).count();
        }
    }

    private String importCohort(String party, String name, String csv) throws Exception {
        Api.Reply r = api(party).send("POST", "/cohorts?name=" + name, "admin", passwords.get(party), "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), party + " " + name + ": " + r.body());
        assertEquals(0, r.json().get("rowsRejected").asInt(), r.body());
        return r.json().get("id").asText();
    }

    private JsonNode federated(String analysis, String cohort, int deadlineSeconds) throws Exception {
        return federatedRun(analysis, cohort, deadlineSeconds).get("result");
    }

    /** The stored result of a federated run: id, provenance and result. */
    private JsonNode federatedRun(String analysis, String cohort, int deadlineSeconds) throws Exception {
        return federatedRun(analysis, cohort, deadlineSeconds, Map.of());
    }

    private JsonNode federatedRun(String analysis, String cohort, int deadlineSeconds, Map<String, Object> parameters)
            throws Exception {
        byte[] body = Api.JSON.writeValueAsBytes(Map.of("sites", SITES, "cohort", cohort, "parameters", parameters,
                "deadlineSeconds", deadlineSeconds));
        Api.Reply r = api("coordinator").send("POST", "/federated/analyses/" + analysis, "admin",
                passwords.get("coordinator"), "application/json", body);
        assertEquals(200, r.status(), analysis + ": " + r.body());
        return r.json();
    }

    private JsonNode local(String analysis, Map<String, Object> parameters) throws Exception {
        Api.Reply r = api("coordinator").send("POST", "/cohorts/" + wholeId + "/analyses/" + analysis, "admin",
                passwords.get("coordinator"), "application/json", Api.JSON.writeValueAsBytes(Map.of("parameters", parameters)));
        assertEquals(200, r.status(), analysis + ": " + r.body());
        return r.json().get("result");
    }

    private List<JsonNode> audit(String party, String action) throws Exception {
        Api.Reply r = api(party).send("GET", "/audit?limit=10000&action=" + action, "admin", passwords.get(party), null, null);
        assertEquals(200, r.status(), r.body());
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(e -> {
            if (e.get("action").asText().equals(action)) {
                out.add(e);
            }
        });
        return out;
    }

    private Api api(String party) {
        return new Api(installs.get(party).baseUrl());
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
