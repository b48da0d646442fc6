package org.hepatica.platform.internal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.Rejection;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.csv.ParsedCohort;
import org.hepatica.platform.internal.json.Json;
import org.hepatica.platform.internal.model.Cohort;
import org.hepatica.platform.internal.model.EndpointCounts;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's persistence: cohorts (one columnar blob each, immutable), their import records
 * with every rejected row and the original bytes, results, and the append-only audit trail. Works
 * on any JDBC {@link DataSource} registered with {@code dataSourceName=hepatica} (H2 by default,
 * PostgreSQL by configuration); the schema is created and migrated on activation.
 */
@Component(service = PlatformStore.class)
public final class PlatformStore {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformStore.class);
    /**
     * Patients of the recently used cohorts kept decoded in memory, in all (the most recent cohort
     * stays whatever its size): two cohorts of a million, or many small ones.
     */
    private static final long CACHED_PATIENTS = 2_000_000;

    /** The import statistics kept with a cohort. */
    public record ImportRecord(long rowsRead, long rowsAccepted, long rowsRejected, List<Rejection> rejections,
            long rejectionCount) {
    }

    /** One audit entry; {@code seq} grows with every entry appended. */
    public record AuditEntry(long seq, Instant at, String user, String action, String target, String detail) {
    }

    /**
     * Which audit entries to read, oldest first: at or after {@code since}, of {@code user} (null:
     * anyone), whose action starts with {@code actionPrefix} (null: any), with a sequence number
     * above {@code afterSeq}, skipping the first {@code offset}, at most {@code limit}.
     */
    public record AuditFilter(Instant since, String user, String actionPrefix, long afterSeq, long offset, int limit) {
    }

    /**
     * Whether the audit trail's hash chain is intact: how many entries were checked and, when it is
     * broken, the sequence number of the first entry that does not match (null when entries are
     * missing at the end) and what that means.
     */
    public record AuditVerification(boolean intact, long entries, Long brokenAt, String problem) {
    }

    private final DataSource dataSource;
    /** Recently used cohorts, least recently used first; guarded by itself. */
    private final LinkedHashMap<String, Cohort> cache = new LinkedHashMap<>(8, 0.75f, true);

    @Activate
    public PlatformStore(@Reference(target = "(dataSourceName=hepatica)") DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            int was = Schema.migrate(c);
            c.setAutoCommit(false);
            try {
                AuditChain.sealEarlierEntries(c);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            LOG.info("cohort store ready on {} (schema {} -> {})", c.getMetaData().getURL(), was, Schema.latest());
        }
    }

    /** The cohort imported from these bytes with this time unit, if any. */
    public Optional<CohortSummary> findByChecksum(String checksum, TimeUnit unit) {
        return querySummaries("WHERE checksum = ? AND time_unit = ?", checksum, unit.name()).stream().findFirst();
    }

    /**
     * Stores a parsed cohort, its import record and the original bytes in one transaction. The
     * original bytes are streamed from {@code source} into the database, never held in memory.
     *
     * @return the stored cohort's summary (version = previous versions of the name + 1)
     */
    public CohortSummary insertCohort(String name, String checksum, TimeUnit unit, String user, ParsedCohort parsed,
            Path source) throws SQLException, IOException {
        // encoded to a temporary file and streamed into the database: no second copy of the cohort in memory
        Path blob = ImportTempFiles.create(ImportTempFiles.ENCODED, ".bin");
        try {
            try (OutputStream out = Files.newOutputStream(blob)) {
                ColumnarCodec.encode(parsed.data(), out);
            }
            return insertCohort(name, checksum, unit, user, parsed, source, blob);
        } finally {
            Files.deleteIfExists(blob);
        }
    }

    /** Attempts at a version number before a concurrent import of the same name is given up. */
    private static final int VERSION_ATTEMPTS = 50;
    /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Inserts with the next version of the name. Concurrent imports under one name both read the
     * same highest version; the unique index on (name, version) lets one commit and the other
     * fails, rolls back and takes the next number, so versions are consecutive whoever wins.
     * A unique violation that is the checksum's (the same bytes stored meanwhile) is the caller's.
     */
    private CohortSummary insertCohort(String name, String checksum, TimeUnit unit, String user, ParsedCohort parsed,
            Path source, Path blob) throws SQLException, IOException {
        for (int attempt = 1;; attempt++) {
            try {
                return insertVersion(name, checksum, unit, user, parsed, source, blob);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == VERSION_ATTEMPTS
                        || findByChecksum(checksum, unit).isPresent()) {
                    throw e;
                }
                LOG.debug("version of cohort '{}' taken by a concurrent import; attempt {}", name, attempt + 1);
            }
        }
    }

    private CohortSummary insertVersion(String name, String checksum, TimeUnit unit, String user, ParsedCohort parsed,
            Path source, Path blob) throws SQLException, IOException {
        String id = UUID.randomUUID().toString();
        // the precision the databases keep, so the summary returned now equals the one read later
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int version = 1;
                try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM hep_cohort WHERE name = ?")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            version = rs.getInt(1) + 1;
                        }
                    }
                }
                CohortSummary stored = new CohortSummary(id, name, version, checksum, parsed.data().size(), now);
                String counts = Json.write(EndpointCounts.of(new Cohort(stored, parsed.data())));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO hep_cohort (id, name, version, checksum,"
                        + " time_unit, patients, imported_at, imported_by, data, endpoint_counts)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, name);
                    ps.setInt(3, version);
                    ps.setString(4, checksum);
                    ps.setString(5, unit.name());
                    ps.setInt(6, parsed.data().size());
                    ps.setTimestamp(7, Timestamp.from(now));
                    ps.setString(8, user);
                    ps.setString(10, counts);
                    try (InputStream in = Files.newInputStream(blob)) {
                        ps.setBinaryStream(9, in, Files.size(blob));
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO hep_import (cohort_id, rows_read,"
                        + " rows_accepted, rows_rejected, rejections, rejected_rows, source, rejection_count, report)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                        InputStream bytes = Files.newInputStream(source);
                        InputStream report = parsed.report() == null
                                ? new java.io.ByteArrayInputStream(parsed.smallReport())
                                : Files.newInputStream(parsed.report())) {
                    ps.setString(1, id);
                    ps.setLong(2, parsed.rowsRead());
                    ps.setLong(3, parsed.data().size());
                    ps.setLong(4, parsed.rowsRejected());
                    ps.setString(5, Json.write(parsed.rejections()));
                    ps.setString(6, Json.write(parsed.rejectedRows()));
                    ps.setBinaryStream(7, bytes, Files.size(source));
                    ps.setLong(8, parsed.rejectionCount());
                    ps.setBinaryStream(9, report, parsed.report() == null ? parsed.smallReport().length
                            : Files.size(parsed.report()));
                    ps.executeUpdate();
                }
                insertAudit(c, now, user, "cohort.import", id, name + " v" + version + ", " + parsed.data().size()
                        + " patients, " + parsed.rowsRejected() + " rows rejected, sha256 " + checksum);
                c.commit();
                CohortSummary summary = new CohortSummary(id, name, version, checksum, parsed.data().size(), now);
                // the first analysis of a new cohort needs no decoding: what was stored is what was parsed
                remember(new Cohort(summary, parsed.data()));
                return summary;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Patients and events per endpoint of every cohort, by id ({@link EndpointCounts}). A cohort
     * imported before they were kept has them counted once now, from its data, and stored.
     */
    @SuppressWarnings("unchecked")
    public Map<String, List<Map<String, Object>>> endpointCounts() {
        Map<String, List<Map<String, Object>>> out = new java.util.HashMap<>();
        List<String> missing = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, endpoint_counts FROM hep_cohort");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(2) == null) {
                    missing.add(rs.getString(1));
                } else {
                    out.put(rs.getString(1), Json.read(rs.getString(2), List.class));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot list cohorts", e);
        }
        for (String id : missing) {
            loadCohort(id).ifPresent(cohort -> {
                List<Map<String, Object>> counts = EndpointCounts.of(cohort);
                out.put(id, counts);
                try (Connection c = dataSource.getConnection();
                        PreparedStatement ps = c.prepareStatement("UPDATE hep_cohort SET endpoint_counts = ? WHERE id = ?")) {
                    ps.setString(1, Json.write(counts));
                    ps.setString(2, id);
                    ps.executeUpdate();
                } catch (SQLException e) {
                    throw new StoreException("cannot store the endpoint counts of cohort " + id, e);
                }
            });
        }
        return out;
    }

    public List<CohortSummary> listCohorts() {
        return querySummaries("ORDER BY imported_at, name, version");
    }

    private List<CohortSummary> querySummaries(String where, String... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM hep_cohort " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<CohortSummary> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(summary(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list cohorts", e);
        }
    }

    /** The columns {@link #summary} reads, first in a query. */
    private static final String SUMMARY_COLUMNS = "id, name, version, checksum, patients, imported_at";

    private static CohortSummary summary(ResultSet rs) throws SQLException {
        return new CohortSummary(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4).trim(), rs.getInt(5),
                rs.getTimestamp(6).toInstant());
    }

    /** The stored cohort with this id, decoded (recently used cohorts stay in memory). */
    public Optional<Cohort> loadCohort(String id) {
        synchronized (cache) {
            Cohort hit = cache.get(id);
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + ", data FROM hep_cohort"
                        + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Cohort cohort;
                try (InputStream in = rs.getBinaryStream(7)) {
                    cohort = new Cohort(summary(rs), ColumnarCodec.decode(in));
                }
                remember(cohort);
                return Optional.of(cohort);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read cohort " + id, e);
        } catch (IOException e) {
            throw new UncheckedIOException("stored cohort " + id + " is unreadable", e);
        }
    }

    private void remember(Cohort cohort) {
        synchronized (cache) {
            cache.put(cohort.summary().id(), cohort);
            long patients = cache.values().stream().mapToLong(c -> c.summary().patients()).sum();
            Iterator<Cohort> eldest = cache.values().iterator();
            while (patients > CACHED_PATIENTS && cache.size() > 1) {
                patients -= eldest.next().summary().patients();
                eldest.remove();
            }
        }
    }

    /** The import statistics of a stored cohort. */
    public Optional<ImportRecord> importRecord(String cohortId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT rows_read, rows_accepted, rows_rejected, rejections,"
                        + " rejection_count FROM hep_import WHERE cohort_id = ?")) {
            ps.setString(1, cohortId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<Rejection> rejections = Json.MAPPER.readValue(rs.getString(4), new TypeReference<List<Rejection>>() {
                });
                long count = rs.getLong(5);
                if (rs.wasNull()) { // imported before schema 2: the list is every problem
                    count = rejections.size();
                }
                return Optional.of(new ImportRecord(rs.getLong(1), rs.getLong(2), rs.getLong(3), rejections, count));
            }
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot read the import record of cohort " + cohortId, e);
        }
    }

    /**
     * Writes the rejection report of a stored cohort ({@code line,column,reason}, every problem)
     * to {@code out}; false when there is no such cohort.
     */
    public boolean writeRejectionReport(String cohortId, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT report, rejections FROM hep_import WHERE cohort_id = ?")) {
            ps.setString(1, cohortId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                try (InputStream report = rs.getBinaryStream(1)) {
                    if (report != null) {
                        report.transferTo(out);
                        return true;
                    }
                }
                // imported before schema 2: the stored list is every problem
                List<Rejection> rejections = Json.MAPPER.readValue(rs.getString(2), new TypeReference<List<Rejection>>() {
                });
                out.write(ParsedCohort.csvReport(rejections));
                return true;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the rejection report of cohort " + cohortId, e);
        }
    }

    /** Deletes a cohort with its import record and results; false when there was none. */
    public boolean deleteCohort(String id, String user) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM hep_result WHERE cohort_id = ?")) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM hep_import WHERE cohort_id = ?")) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM hep_cohort WHERE id = ?")) {
                    ps.setString(1, id);
                    n = ps.executeUpdate();
                }
                if (n > 0) {
                    insertAudit(c, Instant.now(), user, "cohort.delete", id, null);
                }
                c.commit();
                synchronized (cache) {
                    cache.remove(id);
                }
                return n > 0;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot delete cohort " + id, e);
        }
    }

    /**
     * Stores a result (its JSON) and audits the run; {@code cohortId} is null for a result of
     * pooled records (a multi-centre analysis), which belongs to no stored cohort.
     */
    public void insertResult(String id, String cohortId, String analysisId, Instant startedAt, String json, String user) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO hep_result (id, cohort_id, analysis_id,"
                    + " started_at, body) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, cohortId);
                ps.setString(3, analysisId);
                ps.setTimestamp(4, Timestamp.from(startedAt));
                ps.setString(5, json);
                ps.executeUpdate();
                insertAudit(c, Instant.now(), user, "analysis.run", id, analysisId + (cohortId == null
                        ? " on the sites' pooled counts" : " on cohort " + cohortId));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store result " + id, e);
        }
    }

    /** A stored result as a cohort's list of results names it. */
    public record ResultSummary(String id, String analysis, String cohort, Instant startedAt) {
    }

    /** The results of a cohort, newest first. */
    public List<ResultSummary> listResults(String cohortId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, analysis_id, started_at FROM hep_result"
                        + " WHERE cohort_id = ? ORDER BY started_at DESC, id")) {
            ps.setString(1, cohortId);
            List<ResultSummary> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ResultSummary(rs.getString(1), rs.getString(2), cohortId, rs.getTimestamp(3).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list the results of cohort " + cohortId, e);
        }
    }

    /** A stored result's JSON. */
    public Optional<String> resultJson(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT body FROM hep_result WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read result " + id, e);
        }
    }

    /** Keeps the figure (JSON of {@code {title, description, svg}}) drawn when the result was stored. */
    public void storeFigure(String resultId, String json) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE hep_result SET figure = ? WHERE id = ?")) {
            ps.setString(1, json);
            ps.setString(2, resultId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store the figure of result " + resultId, e);
        }
    }

    /** The figure kept with a result, if one was drawn when it was stored. */
    public Optional<String> figureJson(String resultId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT figure FROM hep_result WHERE id = ?")) {
            ps.setString(1, resultId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the figure of result " + resultId, e);
        }
    }

    /** Appends an audit entry. */
    public void audit(String user, String action, String target, String detail) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                insertAudit(c, Instant.now(), user, action, target, detail);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write the audit trail", e);
        }
    }

    /**
     * Appends an entry to the hash chain, in the caller's transaction (auto-commit off; the chain's
     * head stays locked until it ends). A user name or target longer than its column is cut (a
     * guessed user name can be any length); the time is kept to the microsecond, as the databases keep it.
     */
    private static void insertAudit(Connection c, Instant at, String user, String action, String target, String detail)
            throws SQLException {
        AuditChain.append(c, at.truncatedTo(ChronoUnit.MICROS), cut(user, 100), action, cut(target, 200), detail);
    }

    /** Whether the audit trail's hash chain is intact, and where it first breaks. */
    public AuditVerification verifyAudit() {
        try (Connection c = dataSource.getConnection()) {
            return AuditChain.verify(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit trail", e);
        }
    }

    private static String cut(String s, int length) {
        return s == null || s.length() <= length ? s : s.substring(0, length);
    }

    /** Audit entries at or after {@code since}, oldest first. */
    public List<AuditEntry> auditSince(Instant since) {
        return audit(new AuditFilter(since, null, null, 0, 0, Integer.MAX_VALUE));
    }

    /** The audit entries the filter selects, oldest first. */
    public List<AuditEntry> audit(AuditFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT seq, at, username, action, target, detail FROM hep_audit"
                + " WHERE at >= ? AND seq > ?");
        if (filter.user() != null) {
            sql.append(" AND username = ?");
        }
        if (filter.actionPrefix() != null) {
            sql.append(" AND action LIKE ? ESCAPE '!'");
        }
        sql.append(" ORDER BY seq LIMIT ? OFFSET ?");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setTimestamp(i++, Timestamp.from(filter.since()));
            ps.setLong(i++, filter.afterSeq());
            if (filter.user() != null) {
                ps.setString(i++, filter.user());
            }
            if (filter.actionPrefix() != null) {
                ps.setString(i++, filter.actionPrefix().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
            ps.setInt(i++, filter.limit());
            ps.setLong(i, filter.offset());
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit trail", e);
        }
    }
}
