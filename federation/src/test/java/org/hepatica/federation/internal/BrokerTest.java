package org.hepatica.federation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hepatica.access.AuditTrail;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisDescriptor;
import org.hepatica.analysis.AnalysisService;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.ResultTable;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ImportResult;
import org.hepatica.federation.FederationService;
import org.hepatica.federation.FederationService.SiteRequest;
import org.hepatica.federation.testkit.TlsBroker;
import org.hepatica.plugin.cox.internal.CoxAnalysis;
import org.hepatica.plugin.dfs.internal.DfsAnalysis;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.ReferenceValues;
import org.hepatica.testing.ResultComparison;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three sites and a coordinator on one machine, connected through an Artemis broker over TLS with
 * client certificates: the federated DFS equals the single-installation one; a site below its
 * cell threshold refuses and releases nothing; a site that is down gets its task when it returns;
 * a site that approves each task answers once approved; a client without a certificate is refused.
 */
class BrokerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static TlsBroker broker;
    private static int port;
    private static final Map<String, CohortView> COHORTS = new LinkedHashMap<>();
    private static List<String> whole;

    /** What a site's audit trail received. */
    static final class Audit implements AuditTrail {
        final List<String> entries = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void record(String user, String action, String target, String detail) {
            entries.add(action + " " + target + " " + detail);
        }

        long count(String action) {
            synchronized (entries) {
                return entries.stream().filter(e -> e.startsWith(action + " ")).count();
            }
        }
    }

    @BeforeAll
    static void broker() throws Exception {
        broker = TlsBroker.start(dir, List.of("A", "B", "C", "coordinator"));
        port = broker.port();

        List<String> lines = Files.readAllLines(ReferenceValues.dir().resolve("hcc_demo.csv"));
        int site = List.of(lines.get(0).replace("\"", "").split(",", -1)).indexOf("site");
        Map<String, StringBuilder> csv = new LinkedHashMap<>();
        whole = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String s = switch (f[site].replace("\"", "")) {
                case "S01" -> "A";
                case "S02" -> "B";
                default -> "C";
            };
            f[site] = s;
            whole.add(String.join(",", f));
            csv.computeIfAbsent(s, k -> new StringBuilder(lines.get(0)).append('\n')).append(line).append('\n');
        }
        csv.forEach((k, v) -> COHORTS.put(k, TestCohorts.csvText(v.toString())));
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    /** The configuration etc/org.hepatica.federation.cfg would give, as OSGi configuration admin builds it. */
    static FederationConfiguration config(String party, Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>();
        v.put("broker_url", "tcp://localhost:" + port);
        v.put("tls_keyStore", broker.keyStore(party));
        v.put("tls_keyStorePassword", TlsBroker.PASSWORD);
        v.put("tls_trustStore", broker.trustStore(party));
        v.put("tls_trustStorePassword", TlsBroker.PASSWORD);
        v.putAll(values);
        return (FederationConfiguration) Proxy.newProxyInstance(BrokerTest.class.getClassLoader(),
                new Class<?>[] {FederationConfiguration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return FederationConfiguration.class;
                    }
                    return v.containsKey(method.getName()) ? v.get(method.getName()) : method.getDefaultValue();
                });
    }

    /** A site's store: its part of the demo cohort under the name "study". */
    static CohortService cohorts(String site) {
        return study(COHORTS.get(site));
    }

    /** A store that holds one cohort, under the name "study". */
    static CohortService study(CohortView view) {
        CohortSummary s = view.summary();
        CohortSummary named = new CohortSummary(s.id(), "study", 1, s.checksum(), s.patients(), s.importedAt());
        return new CohortService() {
            @Override
            public ImportResult importCsv(String name, java.io.InputStream csv, org.hepatica.cohort.TimeUnit unit,
                    String user) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<CohortSummary> list() {
                return List.of(named);
            }

            @Override
            public Optional<CohortView> find(String id) {
                return id.equals(s.id()) ? Optional.of(view) : Optional.empty();
            }

            @Override
            public boolean delete(String id, String user) {
                return false;
            }
        };
    }

    /** The dfs and cox plugins, run as the platform runs them: pooled results carry the additions. */
    static class Analyses implements AnalysisService {
        private final Analysis dfs = new DfsAnalysis();
        private final Analysis cox = new CoxAnalysis();

        @Override
        public List<AnalysisDescriptor> list() {
            return List.of(new AnalysisDescriptor("cox", cox.name(), cox.description(), "1.0.0", "test", cox.parameters()),
                    new AnalysisDescriptor("dfs", dfs.name(), dfs.description(), "1.0.0", "test", dfs.parameters()));
        }

        /** The analyses of a site that has only {@code plugin} installed, at {@code version}. */
        static Analyses only(Analysis plugin, String version) {
            return new Analyses() {
                @Override
                public List<AnalysisDescriptor> list() {
                    return List.of(new AnalysisDescriptor(plugin.id(), plugin.name(), plugin.description(), version,
                            "test", plugin.parameters()));
                }
            };
        }

        @Override
        public StoredResult storeComputed(CohortSummary records, String analysisId, Map<String, Object> parameters,
                Map<String, Object> output, String user) {
            return new StoredResult("stored-" + records.id(), analysisId, records.id(), parameters,
                    JSON.convertValue(output, Map.class), null);
        }

        @Override
        public StoredResult run(String cohortId, String analysisId, Map<String, Object> parameters, String user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StoredResult runPooled(CohortView pooled, String analysisId, Map<String, Object> parameters,
                Map<String, Object> additions, String user) throws org.hepatica.analysis.AnalysisException {
            StoredResult r = AnalysisHarness.of(dfs).run(pooled, parameters).stored();
            Map<String, Object> merged = new LinkedHashMap<>(JSON.convertValue(r.result(), Map.class));
            merged.putAll(JSON.convertValue(additions, Map.class));
            return new StoredResult(r.id(), analysisId, pooled.summary().id(), parameters, merged, r.provenance());
        }

        @Override
        public Optional<StoredResult> result(String id) {
            return Optional.empty();
        }

        @Override
        public Optional<org.hepatica.figure.Figure> figure(String resultId, FigureRequest request) {
            return Optional.empty();
        }

        @Override
        public Optional<ResultTable> table(String resultId) {
            return Optional.empty();
        }
    }

    static FederationComponent site(String id, Audit audit, Map<String, Object> settings) throws Exception {
        Map<String, Object> v = new HashMap<>(Map.of("site_id", id, "site_minCellSize", 1));
        v.putAll(settings);
        return new FederationComponent(cohorts(id), new Analyses(), audit, config(id, v), dir.resolve("site-" + id),
                Clock.systemUTC());
    }

    static FederationComponent coordinator(Audit audit) throws Exception {
        return new FederationComponent(cohorts("A"), new Analyses(), audit,
                config("coordinator", Map.of("coordinator_id", "coord")), dir.resolve("coordinator"), Clock.systemUTC());
    }

    private static final List<SiteRequest> SITES = List.of(new SiteRequest("A", "study"), new SiteRequest("B", "study"),
            new SiteRequest("C", "study"));

    @Test
    void threeSitesOverTlsGiveTheSingleInstallationsResultAndADownSiteAnswersWhenItReturns() throws Exception {
        Audit coordAudit = new Audit();
        Map<String, Audit> audits = Map.of("A", new Audit(), "B", new Audit(), "C", new Audit());
        FederationComponent coord = coordinator(coordAudit);
        FederationComponent a = site("A", audits.get("A"), Map.of());
        FederationComponent b = site("B", audits.get("B"), Map.of());
        FederationComponent c = site("C", audits.get("C"), Map.of());
        try {
            JsonNode fed = JSON.valueToTree(coord.run("dfs", SITES, Map.of(), Duration.ofSeconds(60), "tester").result());
            JsonNode single = AnalysisHarness.of(new DfsAnalysis())
                    .run(TestCohorts.csvText(String.join("\n", whole) + "\n"), Map.of()).json();
            ResultComparison.assertClose(single.get("km"), fed.get("km"), 1e-12, Set.of());
            ResultComparison.assertClose(single.get("logRank"), fed.get("logRank"), 1e-12, Set.of());
            JsonNode stratified = AnalysisHarness.of(new DfsAnalysis())
                    .run(TestCohorts.csvText(String.join("\n", whole) + "\n"), Map.of("strata", "site")).json();
            ResultComparison.assertClose(stratified.get("hazardRatio"), fed.get("hazardRatio"), 1e-8, Set.of());
            int rows = 0;
            for (JsonNode s : fed.get("sites")) {
                assertEquals("released", s.get("status").asText(), s.toString());
                assertEquals(COHORTS.get(s.get("site").asText()).summary().checksum(), s.get("cohortChecksum").asText());
                assertEquals("1.0.0", s.get("pluginVersion").asText());
                rows += s.get("rowsUsed").asInt();
            }
            assertEquals(fed.get("n").asInt(), rows);
            for (Audit audit : audits.values()) {
                assertEquals(1, audit.count("federation.task.received"), audit.entries.toString());
                assertEquals(1, audit.count("federation.released"), audit.entries.toString());
            }

            // C is down: with a short deadline the run reports it and pools the others
            c.deactivate();
            JsonNode partial = JSON.valueToTree(coord.run("dfs", SITES, Map.of(), Duration.ofSeconds(3), "tester").result());
            assertEquals("no-answer", partial.get("sites").get(2).get("status").asText());
            assertEquals(List.of("A", "B"), JSON.convertValue(partial.get("federated").get("sitesPooled"), List.class));
            assertTrue(partial.get("federated").get("warnings").get(0).asText().contains("pooled over 2 of 3 sites"));

            // C down again while a run waits; it takes its task from its durable queue when it starts
            CompletableFuture<StoredResult> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return coord.run("dfs", SITES, Map.of(), Duration.ofSeconds(60), "tester");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500);
            Audit returned = new Audit();
            c = site("C", returned, Map.of());
            JsonNode late = JSON.valueToTree(waiting.get(60, TimeUnit.SECONDS).result());
            for (JsonNode s : late.get("sites")) {
                assertEquals("released", s.get("status").asText(), s.toString());
            }
            ResultComparison.assertClose(single.get("km"), late.get("km"), 1e-12, Set.of());
            // the task of the run that ended had expired at the broker or is refused as expired: never released
            assertEquals(1, returned.count("federation.released"), returned.entries.toString());
        } finally {
            coord.deactivate();
            a.deactivate();
            b.deactivate();
            c.deactivate();
        }
    }

    @Test
    void aCoxModelFittedInNewtonRoundsOverThreeSitesIsTheSingleInstallationsCoxStratifiedBySite() throws Exception {
        Map<String, Audit> audits = Map.of("A", new Audit(), "B", new Audit(), "C", new Audit());
        Audit coordAudit = new Audit();
        FederationComponent coord = coordinator(coordAudit);
        Map<String, Object> answersCox = Map.of("site_analyses", new String[] {"dfs", "cox"});
        FederationComponent a = site("A", audits.get("A"), answersCox);
        FederationComponent b = site("B", audits.get("B"), answersCox);
        FederationComponent c = site("C", audits.get("C"), answersCox);
        String csv = String.join("\n", whole) + "\n";
        try {
            int runs = 0;
            int rounds = 0;
            for (String ties : List.of("efron", "breslow")) {
                Map<String, Object> params = Map.of("endpoint", "DFS", "ties", ties,
                        "covariates", List.of("arm", "age", "tumor_size_cm", "mvi"));
                JsonNode fed = JSON.valueToTree(coord.run("cox", SITES, params, Duration.ofSeconds(60), "tester").result());
                runs++;
                Map<String, Object> stratified = new HashMap<>(params);
                stratified.put("strata", "site");
                JsonNode single = AnalysisHarness.of(new CoxAnalysis()).run(TestCohorts.csvText(csv), stratified).json();
                JsonNode plain = AnalysisHarness.of(new CoxAnalysis()).run(TestCohorts.csvText(csv), params).json();
                ResultComparison.assertClose(single.get("terms"), fed.get("terms"), 1e-8, Set.of());
                for (String f : List.of("n", "events", "nDropped", "logLikNull", "logLik", "likelihoodRatio", "score",
                        "wald", "reference", "missing", "strata", "ties")) {
                    ResultComparison.assertClose(single.get(f), fed.get(f), 1e-8, Set.of());
                }
                // stratifying by site moves the estimates: the equality above is not that of the unstratified model
                assertTrue(Math.abs(plain.get("terms").get(0).get("coef").asDouble()
                        - fed.get("terms").get(0).get("coef").asDouble()) > 1e-6);
                assertTrue(fed.get("concordance").isNull(), "no concordance without the patients' linear predictors");
                int r = fed.get("federated").get("rounds").asInt();
                assertTrue(r >= fed.get("iterations").asInt(), "at least one round per iteration: " + r);
                rounds += r;
                for (JsonNode s : fed.get("sites")) {
                    assertEquals("released", s.get("status").asText(), s.toString());
                    assertEquals(COHORTS.get(s.get("site").asText()).summary().checksum(), s.get("cohortChecksum").asText());
                }
            }
            for (Audit audit : audits.values()) {
                assertEquals(runs, audit.count("federation.task.received"), audit.entries.toString());
                // each site released its model's size once per run, and its sums once per round
                assertEquals(runs + rounds, audit.count("federation.released"), audit.entries.toString());
                assertTrue(audit.entries.stream().anyMatch(e -> e.contains("Newton step 1 of run")), audit.entries.toString());
            }
            assertEquals(runs, coordAudit.count("federation.cox"), coordAudit.entries.toString());

            // site B has no patient with response PD: the sites' models have other terms and are not pooled
            Map<String, Object> bad = Map.of("covariates", List.of("response_mrecist"));
            org.hepatica.analysis.AnalysisException e = assertThrows(org.hepatica.analysis.AnalysisException.class,
                    () -> coord.run("cox", SITES, bad, Duration.ofSeconds(60), "tester"));
            assertTrue(e.getMessage().contains("the sites' models differ: site B has the terms"), e.getMessage());
            assertEquals("strata", assertThrows(InvalidParameterException.class, () -> coord.run("cox", SITES,
                    Map.of("covariates", List.of("age"), "strata", "bclc"), Duration.ofSeconds(5), "t")).parameter());
        } finally {
            coord.deactivate();
            a.deactivate();
            b.deactivate();
            c.deactivate();
        }
    }

    @Test
    void aSiteBelowItsCellThresholdRefusesAndReleasesNothing() throws Exception {
        Audit audit = new Audit();
        FederationComponent coord = coordinator(new Audit());
        FederationComponent a = site("A", new Audit(), Map.of());
        FederationComponent strict = site("B", audit, Map.of("site_minCellSize", 5));
        try {
            JsonNode r = JSON.valueToTree(coord.run("dfs", SITES.subList(0, 2), Map.of(), Duration.ofSeconds(60), "t")
                    .result());
            JsonNode b = r.get("sites").get(1);
            assertEquals("refused", b.get("status").asText());
            assertTrue(b.get("reason").asText().contains("below this site's minimum cell size of 5"), b.toString());
            assertTrue(b.get("rowsUsed").isNull());
            assertEquals(0, audit.count("federation.released"));
            assertEquals(1, audit.count("federation.refused"));
            assertTrue(!Files.exists(dir.resolve("site-B/site/released")) || Files.list(dir.resolve("site-B/site/released"))
                    .findAny().isEmpty(), "nothing kept as released");
            assertEquals(COHORTS.get("A").size() - r.get("nDropped").asInt(), r.get("n").asInt());
        } finally {
            coord.deactivate();
            a.deactivate();
            strict.deactivate();
        }
    }

    @Test
    void aSiteThatApprovesEachTaskAnswersOnceApproved() throws Exception {
        FederationComponent coord = coordinator(new Audit());
        Audit audit = new Audit();
        FederationComponent a = site("A", audit, Map.of("site_approval", "required"));
        try {
            CompletableFuture<StoredResult> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return coord.run("dfs", SITES.subList(0, 1), Map.of(), Duration.ofSeconds(60), "t");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<FederationService.PendingTask> pending = List.of();
            for (int i = 0; i < 100 && pending.isEmpty(); i++) {
                Thread.sleep(100);
                pending = a.pendingTasks();
            }
            assertEquals(1, pending.size());
            assertEquals("dfs", pending.get(0).analysis());
            assertEquals(0, audit.count("federation.released"));
            String task = pending.get(0).id();
            assertEquals("released", a.approve(task, "site-admin"));
            JsonNode r = JSON.valueToTree(waiting.get(30, TimeUnit.SECONDS).result());
            assertEquals("released", r.get("sites").get(0).get("status").asText());
            assertTrue(a.pendingTasks().isEmpty());
            assertThrows(java.util.NoSuchElementException.class, () -> a.approve(task, "site-admin"));
        } finally {
            coord.deactivate();
            a.deactivate();
        }
    }

    @Test
    void aSiteMayTakeTasksFromItsOwnQueueOnlyAndSendNoTasks() throws Exception {
        try (var cf = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("tcp://localhost:" + port
                + "?sslEnabled=true&keyStorePath=" + broker.keyStore("A") + "&keyStorePassword=" + TlsBroker.PASSWORD
                + "&keyStoreType=PKCS12&trustStorePath=" + broker.trustStore("A") + "&trustStorePassword="
                + TlsBroker.PASSWORD + "&trustStoreType=PKCS12&reconnectAttempts=0&initialConnectAttempts=1");
                jakarta.jms.Connection c = cf.createConnection()) {
            jakarta.jms.Session session = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue(Messages.siteQueue("A"))).close();
            assertThrows(jakarta.jms.JMSSecurityException.class,
                    () -> session.createConsumer(session.createQueue(Messages.siteQueue("B"))));
            assertThrows(jakarta.jms.JMSSecurityException.class,
                    () -> session.createConsumer(session.createQueue(Messages.coordinatorQueue("coord"))));
            assertThrows(jakarta.jms.JMSSecurityException.class, () -> session
                    .createProducer(session.createQueue(Messages.siteQueue("B"))).send(session.createTextMessage("{}")));
        }
    }

    @Test
    void theCoordinatorRefusesARunWithoutSitesByNameAndABrokerRefusesAClientWithoutCertificate() throws Exception {
        FederationComponent coord = coordinator(new Audit());
        try {
            assertEquals("sites", assertThrows(InvalidParameterException.class,
                    () -> coord.run("dfs", List.of(), Map.of(), Duration.ofSeconds(5), "t")).parameter());
        } finally {
            coord.deactivate();
        }
        try (var cf = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("tcp://localhost:" + port
                + "?sslEnabled=true&trustStorePath=" + broker.trustStore("A") + "&trustStorePassword=" + TlsBroker.PASSWORD
                + "&trustStoreType=PKCS12&reconnectAttempts=0&initialConnectAttempts=1")) {
            assertThrows(jakarta.jms.JMSException.class, () -> cf.createConnection().close());
        }
    }
}
