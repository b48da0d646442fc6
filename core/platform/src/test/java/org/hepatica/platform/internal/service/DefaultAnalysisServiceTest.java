package org.hepatica.platform.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortView;
import org.hepatica.platform.internal.store.PlatformStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/** Plugins appearing and leaving while the platform runs. */
class DefaultAnalysisServiceTest {
    @TempDir
    Path dir;

    private DefaultAnalysisService service;
    private String cohortId;
    private long nextServiceId = 1;

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        PlatformStore store = new PlatformStore(ds);
        DefaultCohortService cohorts = new DefaultCohortService(store);
        cohortId = cohorts.importCsv("c", new ByteArrayInputStream(
                "patient_id,os_time,os_event\nA,1,1\nB,2,0\n".getBytes(StandardCharsets.UTF_8)),
                org.hepatica.cohort.TimeUnit.DAYS, "u").id();
        service = new DefaultAnalysisService(store, cohorts, context(bundle("org.hepatica.platform", "1.2.0.SNAPSHOT")));
    }

    @Test
    void aPluginIsListedAndRunnableAtOnceAndGoneWhenItLeaves() throws Exception {
        ServiceReference<Analysis> ref = reference(bundle("org.example.count", "2.1.0"), 0);
        Analysis count = new Fixed("count", () -> Map.of("patients", 2));
        service.addAnalysis(count, ref);
        assertEquals("count", service.list().get(0).id());
        assertEquals("org.example.count", service.list().get(0).bundle());
        assertEquals("2.1.0", service.list().get(0).version());
        StoredResult r = service.run(cohortId, "count", Map.of(), "u");
        assertEquals(Map.of("patients", 2), r.result());
        assertEquals("org.example.count", r.provenance().pluginBundle());
        assertEquals("1.2.0-SNAPSHOT", r.provenance().platformVersion());

        service.removeAnalysis(count, ref);
        assertTrue(service.list().isEmpty());
        assertThrows(NoSuchElementException.class, () -> service.run(cohortId, "count", Map.of(), "u"));
    }

    @Test
    void aRunThatStartedCompletesOnThePluginVersionItStartedWith() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ServiceReference<Analysis> v1 = reference(bundle("org.example.slow", "1.0.0"), 0);
        Analysis slow = new Fixed("slow", () -> {
            running.countDown();
            await(release);
            return Map.of("version", 1);
        });
        service.addAnalysis(slow, v1);
        CompletableFuture<StoredResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return service.run(cohortId, "slow", Map.of(), "u");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        // hot swap: version 1 leaves, version 2 arrives, while the run is in progress
        service.removeAnalysis(slow, v1);
        service.addAnalysis(new Fixed("slow", () -> Map.of("version", 2)), reference(bundle("org.example.slow", "2.0.0"), 0));
        release.countDown();
        StoredResult first = run.get(10, TimeUnit.SECONDS);
        assertEquals(Map.of("version", 1), first.result());
        assertEquals("1.0.0", first.provenance().pluginVersion());
        assertEquals(Map.of("version", 2), service.run(cohortId, "slow", Map.of(), "u").result());
    }

    @Test
    void theHigherRankedOfTwoPluginsClaimingAnIdWins() throws Exception {
        service.addAnalysis(new Fixed("km", () -> "low"), reference(bundle("a", "1.0.0"), 0));
        service.addAnalysis(new Fixed("km", () -> "high"), reference(bundle("b", "1.0.0"), 10));
        assertEquals(1, service.list().size());
        assertEquals("b", service.list().get(0).bundle());
        assertEquals("high", service.run(cohortId, "km", Map.of(), "u").result());
    }

    @Test
    void aResultComputedOutsideThePluginIsStoredWithThePluginsProvenanceAndTheRecordsChecksum() throws Exception {
        service.addAnalysis(new Fixed("count", () -> Map.of("patients", -1)), reference(bundle("org.example.count", "2.1.0"), 0));
        org.hepatica.cohort.CohortSummary records = new org.hepatica.cohort.CohortSummary("federated-run1", "pooled", 1,
                "ab".repeat(32), 7, java.time.Instant.EPOCH);
        StoredResult r = service.storeComputed(records, "count", Map.of(), Map.of("patients", 7), "u");
        assertEquals(Map.of("patients", 7), r.result(), "stored as given, the plugin's run not called");
        assertEquals("federated-run1", r.cohort());
        assertEquals("ab".repeat(32), r.provenance().cohortChecksum());
        assertEquals("2.1.0", r.provenance().pluginVersion());
        assertEquals(Map.of("patients", 7), service.result(r.id()).orElseThrow().result());
        assertEquals("x", assertThrows(org.hepatica.analysis.InvalidParameterException.class,
                () -> service.storeComputed(records, "count", Map.of("x", 1), Map.of(), "u")).parameter());
        assertThrows(NoSuchElementException.class, () -> service.storeComputed(records, "none", Map.of(), Map.of(), "u"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An analysis with a fixed body. */
    private record Fixed(String id, java.util.function.Supplier<Object> body) implements Analysis {
        @Override
        public String name() {
            return id;
        }

        @Override
        public String description() {
            return id;
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of();
        }

        @Override
        public Object run(CohortView cohort, AnalysisParameters parameters) {
            return body.get();
        }
    }

    private static Bundle bundle(String name, String version) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getSymbolicName" -> name;
                    case "getVersion" -> Version.parseVersion(version);
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static BundleContext context(Bundle b) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "getBundle" -> b;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A service reference ordered as the framework orders them: by ranking, then by age. */
    @SuppressWarnings("unchecked")
    private ServiceReference<Analysis> reference(Bundle b, int ranking) {
        long id = nextServiceId++;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_ID, id);
        props.put(Constants.SERVICE_RANKING, ranking);
        return (ServiceReference<Analysis>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (p, m, a) -> switch (m.getName()) {
                    case "getBundle" -> b;
                    case "getProperty" -> props.get(a[0]);
                    case "compareTo" -> {
                        ServiceReference<?> other = (ServiceReference<?>) a[0];
                        int r1 = ranking;
                        int r2 = (Integer) other.getProperty(Constants.SERVICE_RANKING);
                        long id2 = (Long) other.getProperty(Constants.SERVICE_ID);
                        yield r1 != r2 ? Integer.compare(r1, r2) : Long.compare(id2, id);
                    }
                    case "hashCode" -> Long.hashCode(id);
                    case "equals" -> p == a[0];
                    case "toString" -> "ref" + id;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
