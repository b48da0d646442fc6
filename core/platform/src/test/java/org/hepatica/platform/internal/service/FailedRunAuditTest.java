package org.hepatica.platform.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.h2.jdbcx.JdbcDataSource;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.hepatica.cohort.CohortView;
import org.hepatica.platform.internal.store.PlatformStore;
import org.hepatica.platform.internal.store.PlatformStore.AuditEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/** A run that gives no result is in the audit trail: analysis, cohort, user and outcome. */
class FailedRunAuditTest {
    @TempDir
    Path dir;

    private PlatformStore store;
    private DefaultAnalysisService service;
    private String cohortId;
    private long nextServiceId = 1;

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        store = new PlatformStore(ds);
        DefaultCohortService cohorts = new DefaultCohortService(store);
        cohortId = cohorts.importCsv("c", new ByteArrayInputStream(
                "patient_id,os_time,os_event\nA,1,1\nB,2,0\n".getBytes(StandardCharsets.UTF_8)),
                org.hepatica.cohort.TimeUnit.DAYS, "u").id();
        Bundle b = bundle();
        service = new DefaultAnalysisService(store, cohorts, (BundleContext) Proxy.newProxyInstance(
                BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class}, (p, m, a) -> b));
        service.addAnalysis(new Failing("refuses", () -> {
            throw new AnalysisException("too few events");
        }), reference(b));
        service.addAnalysis(new Failing("breaks", () -> {
            throw new IllegalStateException("a bug");
        }), reference(b));
    }

    private AuditEntry last() {
        List<AuditEntry> all = store.auditSince(java.time.Instant.EPOCH);
        return all.get(all.size() - 1);
    }

    @Test
    void anAnalysisThatRefusesTheCohortIsAudited() {
        assertThrows(AnalysisException.class, () -> service.run(cohortId, "refuses", Map.of(), "ana"));
        AuditEntry e = last();
        assertEquals("analysis.failed", e.action());
        assertEquals("ana", e.user());
        assertEquals("refuses", e.target());
        assertEquals("refuses on cohort " + cohortId + ": failed: too few events", e.detail());
    }

    @Test
    void anInvalidParameterIsAudited() {
        assertThrows(InvalidParameterException.class, () -> service.run(cohortId, "refuses", Map.of("k", "x"), "ana"));
        AuditEntry e = last();
        assertEquals("analysis.failed", e.action());
        assertTrue(e.detail().startsWith("refuses on cohort " + cohortId + ": invalid parameter: parameter 'k'"),
                e.detail());
    }

    @Test
    void aPluginThatBreaksIsAuditedWithTheErrorIdAndNothingOfTheCause() {
        assertThrows(AnalysisException.class, () -> service.run(cohortId, "breaks", Map.of(), "ana"));
        AuditEntry e = last();
        assertEquals("analysis.failed", e.action());
        assertTrue(e.detail().contains("error id "), e.detail());
        assertFalse(e.detail().contains("a bug"), e.detail());
    }

    /** What a failing run does. */
    private interface Body {
        void run() throws AnalysisException;
    }

    /** An analysis with one integer parameter whose run does what it is given. */
    private record Failing(String id, Body body) implements Analysis {
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
            return List.of(ParameterSpec.optional("k", ParameterType.INTEGER, 1, "a number"));
        }

        @Override
        public Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException {
            body.run();
            return Map.of();
        }
    }

    private static Bundle bundle() {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getSymbolicName" -> "org.example.failing";
                    case "getVersion" -> Version.parseVersion("1.0.0");
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private ServiceReference<Analysis> reference(Bundle b) {
        long id = nextServiceId++;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_ID, id);
        props.put(Constants.SERVICE_RANKING, 0);
        return (ServiceReference<Analysis>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (p, m, a) -> switch (m.getName()) {
                    case "getBundle" -> b;
                    case "getProperty" -> props.get(a[0]);
                    case "compareTo" -> Long.compare((Long) ((ServiceReference<?>) a[0]).getProperty(Constants.SERVICE_ID), id);
                    case "hashCode" -> Long.hashCode(id);
                    case "equals" -> p == a[0];
                    case "toString" -> "ref" + id;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
