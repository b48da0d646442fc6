package org.hepatica.platform.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.service.DefaultCohortService;
import org.hepatica.platform.internal.store.PlatformStore.AuditEntry;
import org.hepatica.platform.internal.store.PlatformStore.AuditFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail an auditor reads: refused and failed imports, and the filters and paging of a query. */
class AuditTrailTest {
    @TempDir
    Path dir;

    private PlatformStore store;

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        store = new PlatformStore(ds);
    }

    private List<AuditEntry> query(String user, String action, long after, long offset, int limit) {
        return store.audit(new AuditFilter(Instant.EPOCH, user, action, after, offset, limit));
    }

    @Test
    void aRefusedImportIsAuditedWithItsReasonAndCounts() {
        DefaultCohortService service = new DefaultCohortService(store);
        assertThrows(CohortImportException.class, () -> service.importCsv("bad", new ByteArrayInputStream(
                "patient_id,os_time,os_event\nA,-1,1\nB,-2,1\n".getBytes(StandardCharsets.UTF_8)), TimeUnit.DAYS, "ana"));
        AuditEntry e = store.auditSince(Instant.EPOCH).get(0);
        assertEquals("cohort.import.refused", e.action());
        assertEquals("ana", e.user());
        assertEquals("bad", e.target());
        assertTrue(e.detail().endsWith("; 2 rows read, 2 problems"), e.detail());
    }

    @Test
    void anUploadThatBreaksOffIsAuditedAsAFailedImport() {
        DefaultCohortService service = new DefaultCohortService(store);
        InputStream broken = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ < 40) {
                    return "patient_id,os_time,os_event\nA,1,1\n".charAt(n % 30);
                }
                throw new IOException("the connection was reset");
            }
        };
        assertThrows(IOException.class, () -> service.importCsv("cut", broken, TimeUnit.DAYS, "ana"));
        AuditEntry e = store.auditSince(Instant.EPOCH).get(0);
        assertEquals("cohort.import.failed", e.action());
        assertEquals("cut", e.target());
        assertEquals("the upload could not be read: the connection was reset", e.detail());
    }

    @Test
    void entriesAreFilteredByUserAndActionPrefixAndPagedOldestFirst() {
        store.audit("ana", "login.failed", "ana", "from 10.0.0.1");
        store.audit("ana", "login.locked", "ana", "from 10.0.0.1, for 1 s");
        store.audit("bob", "login.failed", "bob", "from 10.0.0.2");
        store.audit("ana", "cohort.import", "c1", "c v1");
        store.audit("ana", "cohort.import.refused", "c", "no rows");
        store.audit("ana", "loginXfailed", "x", "not a login action");

        assertEquals(List.of("login.failed", "login.locked"),
                query("ana", "login.", 0, 0, 100).stream().map(AuditEntry::action).toList());
        assertEquals(2, query(null, "login.failed", 0, 0, 100).size());
        assertEquals(2, query("ana", "cohort.import", 0, 0, 100).size(), "a prefix, not a word");
        assertEquals(0, query(null, "login_", 0, 0, 100).size(), "the prefix is literal: _ matches only _");
        assertEquals(0, query(null, "login%", 0, 0, 100).size(), "and % only %");

        List<AuditEntry> all = query(null, null, 0, 0, 100);
        assertEquals(6, all.size());
        assertTrue(all.get(0).seq() < all.get(5).seq());
        assertEquals(all.subList(2, 4), query(null, null, 0, 2, 2), "offset and limit");
        assertEquals(all.subList(3, 6), query(null, null, all.get(2).seq(), 0, 100), "after a sequence number");
        assertEquals(0, store.audit(new AuditFilter(Instant.now().plusSeconds(60), null, null, 0, 0, 100)).size());
    }

    @Test
    void aUserNameLongerThanItsColumnIsCutNotRefused() {
        String guessed = "x".repeat(5000);
        store.audit(guessed, "login.failed", guessed, "from 10.0.0.1");
        AuditEntry e = store.auditSince(Instant.EPOCH).get(0);
        assertEquals(100, e.user().length());
        assertEquals(200, e.target().length());
    }
}
