package org.hepatica.platform.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.Endpoint;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.model.Cohort;
import org.hepatica.platform.internal.service.DefaultCohortService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store through the import service every route uses, on a file H2 database; the same tests
 * run on PostgreSQL in {@link PostgresPlatformStoreTest}.
 */
class PlatformStoreTest {
    @TempDir
    Path dir;

    /** A fresh, empty database. */
    DataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        ds.setUser("sa");
        return ds;
    }

    private static byte[] reference(String name) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("hepatica.reference.dir", "../../../shared/reference"))
                .resolve(name));
    }

    @Test
    void aStoredCohortReadsBackIdenticallyAfterARestart() throws Exception {
        byte[] csv = reference("hcc_demo.csv");
        PlatformStore store = new PlatformStore(dataSource());
        DefaultCohortService service = new DefaultCohortService(store);
        ImportResult imported = service.importCsv("hcc", new ByteArrayInputStream(csv), TimeUnit.DAYS, "tester");
        assertTrue(imported.created());
        assertEquals(1, imported.version());
        Cohort first = store.loadCohort(imported.id()).orElseThrow();

        // a new store on the same database: schema already there, data unchanged
        PlatformStore again = new PlatformStore(dataSource());
        Cohort reread = again.loadCohort(imported.id()).orElseThrow();
        assertEquals(first.summary(), reread.summary());
        assertArrayEquals(first.time(Endpoint.OS), reread.time(Endpoint.OS));
        assertArrayEquals(first.event(Endpoint.DFS), reread.event(Endpoint.DFS));
        assertArrayEquals(first.dfsCause(), reread.dfsCause());
        assertArrayEquals(first.numeric("age"), reread.numeric("age"));
        assertArrayEquals(first.numeric("margin_mm"), reread.numeric("margin_mm"));
        assertEquals(first.categorical("arm").levels(), reread.categorical("arm").levels());
        assertArrayEquals(first.categorical("arm").codes(), reread.categorical("arm").codes());
        assertEquals(first.patientIds(), reread.patientIds());
        assertEquals(first.columns(), reread.columns());
    }

    @Test
    void patientsAndEventsPerEndpointAreKeptAtImportAndCountedOnceForOlderCohorts() throws Exception {
        PlatformStore store = new PlatformStore(dataSource());
        DefaultCohortService service = new DefaultCohortService(store);
        ImportResult imported = service.importCsv("hcc", new ByteArrayInputStream(reference("hcc_demo.csv")),
                TimeUnit.DAYS, "tester");
        Cohort cohort = store.loadCohort(imported.id()).orElseThrow();
        long dfsEvents = java.util.Arrays.stream(cohort.event(Endpoint.DFS)).filter(v -> v == 1).count();
        long osKnown = java.util.Arrays.stream(cohort.event(Endpoint.OS)).filter(v -> v >= 0).count();
        java.util.List<java.util.Map<String, Object>> counts = store.endpointCounts().get(imported.id());
        java.util.Map<Object, java.util.Map<String, Object>> byEndpoint = new java.util.HashMap<>();
        counts.forEach(m -> byEndpoint.put(m.get("endpoint"), m));
        assertEquals(java.util.Set.of("DFS", "OS"), byEndpoint.keySet());
        assertEquals(dfsEvents, ((Number) byEndpoint.get("DFS").get("events")).longValue());
        assertEquals(osKnown, ((Number) byEndpoint.get("OS").get("patients")).longValue());
        assertTrue(dfsEvents > 0 && osKnown > 0);

        // a cohort stored before the counts were kept (the column empty) is counted at its first listing, and kept
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE hep_cohort SET endpoint_counts = NULL")) {
            ps.executeUpdate();
        }
        PlatformStore reopened = new PlatformStore(dataSource());
        assertEquals(counts, reopened.endpointCounts().get(imported.id()));
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT endpoint_counts FROM hep_cohort");
                ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next() && rs.getString(1) != null, "stored at that listing");
        }
    }

    @Test
    void theSameBytesGiveTheExistingCohortAndANewFileANewVersion() throws Exception {
        PlatformStore store = new PlatformStore(dataSource());
        DefaultCohortService service = new DefaultCohortService(store);
        byte[] a = "patient_id,os_time,os_event\nA,1,1\nB,-2,0\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = "patient_id,os_time,os_event\nA,1,1\nB,2,0\n".getBytes(StandardCharsets.UTF_8);
        ImportResult first = service.importCsv("trial", new ByteArrayInputStream(a), TimeUnit.DAYS, "u");
        ImportResult same = service.importCsv("trial", new ByteArrayInputStream(a), TimeUnit.DAYS, "u");
        assertFalse(same.created());
        assertEquals(first.id(), same.id());
        assertEquals(1, same.rowsRejected(), "the import record is kept with the cohort");
        assertEquals(first.rejections(), same.rejections());
        ImportResult second = service.importCsv("trial", new ByteArrayInputStream(b), TimeUnit.DAYS, "u");
        assertNotEquals(first.id(), second.id());
        assertEquals(2, second.version());
        assertEquals(2, service.list().size());
    }

    @Test
    void aRefusedImportStoresNothing() throws Exception {
        PlatformStore store = new PlatformStore(dataSource());
        DefaultCohortService service = new DefaultCohortService(store);
        assertThrows(CohortImportException.class, () -> service.importCsv("bad",
                new ByteArrayInputStream("patient_id,os_time,os_event\nA,-1,1\n".getBytes(StandardCharsets.UTF_8)),
                TimeUnit.DAYS, "u"));
        assertTrue(service.list().isEmpty());
        assertEquals("cohort.import.refused", store.auditSince(Instant.EPOCH).get(0).action());
    }

    @Test
    void deletingACohortRemovesItsResultsAndIsAudited() throws Exception {
        PlatformStore store = new PlatformStore(dataSource());
        DefaultCohortService service = new DefaultCohortService(store);
        ImportResult r = service.importCsv("x", new ByteArrayInputStream(
                "patient_id,os_time,os_event\nA,1,1\n".getBytes(StandardCharsets.UTF_8)), TimeUnit.DAYS, "u");
        store.insertResult("r1", r.id(), "summary", Instant.now(), "{\"id\":\"r1\"}", "u");
        assertEquals("{\"id\":\"r1\"}", store.resultJson("r1").orElseThrow());
        assertTrue(service.delete(r.id(), "admin"));
        assertTrue(store.resultJson("r1").isEmpty());
        assertTrue(store.loadCohort(r.id()).isEmpty());
        assertFalse(service.delete(r.id(), "admin"));
        assertEquals("cohort.delete", store.auditSince(Instant.EPOCH).get(2).action());
    }

    /** The original bytes, BOM, CRLF and a rejected row included, are stored exactly as they came. */
    @Test
    void theOriginalBytesAreStoredExactly() throws Exception {
        byte[] body = "patient_id,os_time,os_event\r\nA,1,1\r\nB,x,0\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] csv = new byte[body.length + 3];
        csv[0] = (byte) 0xEF;
        csv[1] = (byte) 0xBB;
        csv[2] = (byte) 0xBF;
        System.arraycopy(body, 0, csv, 3, body.length);
        DataSource ds = dataSource();
        DefaultCohortService service = new DefaultCohortService(new PlatformStore(ds));
        ImportResult r = service.importCsv("raw", new ByteArrayInputStream(csv), TimeUnit.DAYS, "u");
        assertEquals(1, r.rowsRejected());
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT source FROM hep_import WHERE cohort_id = ?")) {
            ps.setString(1, r.id());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertArrayEquals(csv, rs.getBytes(1));
            }
        }
    }

    @Test
    void concurrentImportsUnderOneNameGetConsecutiveVersions() throws Exception {
        DefaultCohortService service = new DefaultCohortService(new PlatformStore(dataSource()));
        int imports = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(imports);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<ImportResult>> results = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < imports; i++) {
                byte[] csv = ("patient_id,os_time,os_event\nP1," + (100 + i) + ",1\n").getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> {
                    go.await();
                    return service.importCsv("same-name", new ByteArrayInputStream(csv), TimeUnit.DAYS, "tester");
                }));
            }
            go.countDown();
            java.util.Set<Integer> versions = new java.util.TreeSet<>();
            for (java.util.concurrent.Future<ImportResult> f : results) {
                versions.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS).version());
            }
            assertEquals(java.util.Set.of(1, 2, 3, 4, 5, 6, 7, 8), versions, "every import stored, versions 1 to 8");
        } finally {
            pool.shutdownNow();
        }
    }

    /** A cohort of {@code bad} rows with a negative time, and one good row at the end. */
    private static byte[] manyBadRows(int bad, boolean oneGood) {
        StringBuilder csv = new StringBuilder("patient_id,os_time,os_event\n");
        for (int i = 0; i < bad; i++) {
            csv.append('B').append(i).append(",-").append(i + 1).append(",1\n");
        }
        if (oneGood) {
            csv.append("G1,100,0\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long reportFiles() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".rejections.csv")).count();
        }
    }

    @Test
    void anAnswerListsTheFirstThousandRejectionsAndTheStoredReportHasThemAll() throws Exception {
        PlatformStore store = new PlatformStore(dataSource());
        DefaultCohortService service = new DefaultCohortService(store);
        long filesBefore = reportFiles();
        ImportResult r = service.importCsv("bad", new ByteArrayInputStream(manyBadRows(2500, true)), TimeUnit.DAYS, "t");
        assertEquals(1, r.rowsAccepted());
        assertEquals(2500, r.rowsRejected());
        assertEquals(1000, r.rejections().size());
        assertEquals(2500, r.rejectionCount());
        assertEquals(2, r.rejections().get(0).line());
        java.io.ByteArrayOutputStream report = new java.io.ByteArrayOutputStream();
        assertTrue(store.writeRejectionReport(r.id(), report));
        String[] lines = report.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2501, lines.length, "the header and every problem");
        assertEquals("line,column,reason", lines[0]);
        assertEquals("2501,os_time,os_time is negative", lines[2500], "the last bad row, line 2501");
        assertEquals(2500, store.importRecord(r.id()).orElseThrow().rejectionCount());
        assertEquals(filesBefore, reportFiles(), "the temporary report is gone once stored");
        assertFalse(store.writeRejectionReport("no-such-cohort", report));
    }

    @Test
    void aRefusedFileWithManyBadRowsListsTheFirstThousandAndLeavesNothing() throws Exception {
        DefaultCohortService service = new DefaultCohortService(new PlatformStore(dataSource()));
        long filesBefore = reportFiles();
        CohortImportException e = assertThrows(CohortImportException.class, () -> service.importCsv("bad",
                new ByteArrayInputStream(manyBadRows(2500, false)), TimeUnit.DAYS, "t"));
        assertEquals(1000, e.problems().size());
        assertTrue(e.getMessage().contains("2500 problems; the first 1000 listed"), e.getMessage());
        assertEquals(filesBefore, reportFiles());
    }
}
