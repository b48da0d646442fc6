package org.hepatica.platform.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.ColumnSummary;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.service.DefaultCohortService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import with an identifier column is refused and stores nothing; with dropColumns it keeps it out of everything stored. */
class DropColumnsImportTest {
    private static final String CSV = "patient_id,email,os_time,os_event,afp_ng_ml\n"
            + "P1,ann@example.org,100,1,12.5\n"
            + "P2,bob@example.org,200,0,3400\n"
            + "P3,cyd@example.org,300,1,7\n";

    @TempDir
    java.nio.file.Path dir;

    private JdbcDataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        ds.setUser("sa");
        return ds;
    }

    private static ByteArrayInputStream csv() {
        return new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anIdentifierColumnIsRefusedAndNothingStored() throws Exception {
        PlatformStore store = new PlatformStore(dataSource());
        DefaultCohortService service = new DefaultCohortService(store);
        CohortImportException e = assertThrows(CohortImportException.class,
                () -> service.importCsv("c", csv(), TimeUnit.DAYS, "u"));
        assertTrue(e.getMessage().contains("column 'email' looks like a direct identifier"), e.getMessage());
        assertTrue(e.getMessage().contains("dropColumns=email"), e.getMessage());
        assertTrue(store.listCohorts().isEmpty());
    }

    @Test
    void droppedColumnsAreNotInTheCohortNorInTheStoredSource() throws Exception {
        JdbcDataSource ds = dataSource();
        PlatformStore store = new PlatformStore(ds);
        DefaultCohortService service = new DefaultCohortService(store);
        ImportResult r = service.importCsv("c", csv(), TimeUnit.DAYS, "u", Set.of("Email"));
        assertTrue(r.created());
        assertEquals(3, r.rowsAccepted());
        var columns = new PlatformStore(ds).loadCohort(r.id()).orElseThrow().columns();
        assertFalse(columns.stream().map(ColumnSummary::name).anyMatch("email"::equals), columns.toString());
        assertTrue(columns.stream().map(ColumnSummary::name).anyMatch("afp_ng_ml"::equals), columns.toString());
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT source FROM hep_import WHERE cohort_id = ?")) {
            ps.setString(1, r.id());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertFalse(new String(rs.getBytes(1), StandardCharsets.UTF_8).contains("@"),
                        "the original bytes, with the identifiers, are not kept");
            }
        }
        // the same bytes with the same columns dropped: the cohort imported before
        ImportResult again = service.importCsv("c", csv(), TimeUnit.DAYS, "u", Set.of("email"));
        assertFalse(again.created());
        assertEquals(r.id(), again.id());
        // with other columns dropped: another cohort
        ImportResult other = service.importCsv("c", csv(), TimeUnit.DAYS, "u", Set.of("email", "afp_ng_ml"));
        assertTrue(other.created());
        assertNotEquals(r.checksum(), other.checksum());
    }
}
