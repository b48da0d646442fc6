package org.hepatica.platform.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.hepatica.platform.internal.store.PlatformStore.AuditEntry;
import org.hepatica.platform.internal.store.PlatformStore.AuditVerification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail's hash chain sees an entry changed or removed behind the platform's back. */
class AuditChainTest {
    @TempDir
    Path dir;

    private DataSource ds;
    private PlatformStore store;

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        ds = h2;
        store = new PlatformStore(ds);
        for (int i = 1; i <= 5; i++) {
            store.audit("ana", "login.failed", "ana", "from 10.0.0." + i);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private long seq(int index) {
        return store.auditSince(Instant.EPOCH).get(index).seq();
    }

    @Test
    void anUntouchedTrailIsIntact() {
        AuditVerification v = store.verifyAudit();
        assertTrue(v.intact(), v.toString());
        assertEquals(5, v.entries());
        assertNull(v.brokenAt());
    }

    @Test
    void anEntryEditedInTheDatabaseBreaksTheChainThere() throws Exception {
        long third = seq(2);
        sql("UPDATE hep_audit SET detail = 'from 192.168.1.1' WHERE seq = " + third);
        AuditVerification v = store.verifyAudit();
        assertFalse(v.intact());
        assertEquals(third, v.brokenAt());
    }

    @Test
    void anEntryDeletedInTheMiddleBreaksTheChainAtTheNextOne() throws Exception {
        long third = seq(2);
        long fourth = seq(3);
        sql("DELETE FROM hep_audit WHERE seq = " + third);
        assertEquals(fourth, store.verifyAudit().brokenAt());
    }

    @Test
    void theLastEntryDeletedIsSeenAtTheHead() throws Exception {
        sql("DELETE FROM hep_audit WHERE seq = " + seq(4));
        AuditVerification v = store.verifyAudit();
        assertFalse(v.intact());
        assertNull(v.brokenAt());
        assertEquals(4, v.entries());
    }

    @Test
    void entriesFromBeforeTheChainAreChainedOnceWhenThePlatformStarts() throws Exception {
        sql("UPDATE hep_audit SET hash = NULL");
        sql("UPDATE hep_audit_head SET hash = NULL");
        assertFalse(store.verifyAudit().intact());
        PlatformStore upgraded = new PlatformStore(ds);
        assertTrue(upgraded.verifyAudit().intact());
        upgraded.audit("admin", "bundle.stop", "x", null);
        assertTrue(upgraded.verifyAudit().intact());
        assertEquals(6, upgraded.verifyAudit().entries());
    }

    @Test
    void concurrentAppendsStayOneChain() throws Exception {
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 40; i++) {
                    store.audit("u" + thread, "login.failed", "u" + thread, "from 10.0.1." + i);
                }
            }));
        }
        CompletableFuture.allOf(writers.toArray(new CompletableFuture[0])).get();
        AuditVerification v = store.verifyAudit();
        assertTrue(v.intact(), v.toString());
        assertEquals(5 + 8 * 40, v.entries());
        List<AuditEntry> all = store.auditSince(Instant.EPOCH);
        assertEquals(5 + 8 * 40, all.size());
    }
}
