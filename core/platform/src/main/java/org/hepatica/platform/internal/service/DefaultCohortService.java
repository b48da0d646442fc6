package org.hepatica.platform.internal.service;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.ErrorIds;
import org.hepatica.platform.internal.csv.CohortCsvParser;
import org.hepatica.platform.internal.csv.ParsedCohort;
import org.hepatica.platform.internal.store.ImportTempFiles;
import org.hepatica.platform.internal.store.PlatformStore;
import org.hepatica.platform.internal.store.StoreException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import path every route ends in: copy the input to a temporary file while taking its
 * checksum, return the existing cohort when the same bytes were imported before, otherwise parse and
 * validate the file with the one parser and store the cohort, its import record and the original
 * bytes (streamed from the file) in one transaction. The heap holds the parsed cohort and the
 * rejected rows, never the input itself.
 */
@Component(service = CohortService.class)
public final class DefaultCohortService implements CohortService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultCohortService.class);
    /** Cohort names: what a person would type, no control characters. */
    private static final int MAX_NAME = 200;

    private final PlatformStore store;

    @Activate
    public DefaultCohortService(@Reference PlatformStore store) {
        this.store = store;
        ImportTempFiles.removeLeftovers(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public ImportResult importCsv(String name, InputStream csv, TimeUnit timeUnit, String user)
            throws CohortImportException, IOException {
        return importCsv(name, csv, timeUnit, user, Set.of());
    }

    /**
     * {@inheritDoc}
     * <p>This is how a column that looks like a direct identifier is kept out of a cohort. When columns
     * are dropped the original bytes, which still hold them, are not kept with the import record (an
     * empty source is stored instead), and the checksum is that of the bytes together with the dropped
     * names, so the same file imported with other columns dropped is another cohort, not "the same
     * bytes imported before".
     */
    @Override
    public ImportResult importCsv(String name, InputStream csv, TimeUnit timeUnit, String user,
            Set<String> dropColumns) throws CohortImportException, IOException {
        Set<String> drop = dropped(dropColumns);
        checkName(name);
        // the input is read once: parsed while it is copied to a temporary file (the original bytes
        // to keep) and hashed, so that the heap never holds it whole and no second pass is needed
        Path copy = ImportTempFiles.create(ImportTempFiles.UPLOAD, ".csv");
        try {
            return importOnce(name, csv, copy, timeUnit, user, drop);
        } catch (IOException e) {
            // the upload broke off, was too large or too slow: the reason is the client's to know
            LOG.warn("import of '{}' by {} failed: {}", name, user, e.getMessage());
            audit(user, "cohort.import.failed", name, "the upload could not be read: " + e.getMessage());
            throw e;
        } catch (IllegalArgumentException e) {
            // the request's own mistake, answered 400 with this message
            audit(user, "cohort.import.failed", name, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            String errorId = ErrorIds.next();
            LOG.error("error {}: import of '{}' by {} failed", errorId, name, user, e);
            audit(user, "cohort.import.failed", name, "the platform failed; error id " + errorId
                    + " in data/log/hepatica.log");
            throw e;
        } catch (OutOfMemoryError e) {
            // what the import held is unreachable now; the file is refused and every route goes on
            // (an inbox moves it to failed/ with this reason instead of dying on it at every start)
            String why = "the cohort needs more memory than the platform's heap of "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB allows; split the file, or start the"
                    + " platform with a larger JAVA_MAX_MEM (bin/hepatica start, default 4G)";
            LOG.error("import of '{}' by {} refused: {}", name, user, why);
            audit(user, "cohort.import.refused", name, why + "; 0 rows read, 1 problem");
            throw new CohortImportException(why, 0, List.of(new org.hepatica.cohort.Rejection(0, null, why)));
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** The names to drop as the parser matches them (trimmed, lower case), sorted; blank names ignored. */
    private static Set<String> dropped(Set<String> dropColumns) {
        Set<String> out = new TreeSet<>();
        if (dropColumns != null) {
            for (String c : dropColumns) {
                if (c != null && !c.isBlank()) {
                    out.add(c.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private ImportResult importOnce(String name, InputStream csv, Path copy, TimeUnit timeUnit, String user,
            Set<String> drop) throws CohortImportException, IOException {
        long started = System.nanoTime();
        MessageDigest sha256 = sha256();
        ParsedCohort parsed = null;
        CohortCsvParser parser = new CohortCsvParser(timeUnit);
        if (!drop.isEmpty()) {
            parser = parser.withDroppedColumns(drop);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(copy), 1 << 16);
                InputStream in = new CopyingInputStream(csv, out, sha256)) {
            parsed = parser.parse(in);
            in.transferTo(OutputStream.nullOutputStream());
        } catch (CohortImportException e) {
            LOG.warn("import of '{}' by {} refused: {} ({} problems)", name, user, e.getMessage(), e.problems().size());
            audit(user, "cohort.import.refused", name, e.getMessage() + "; " + e.rowsRead() + " rows read, "
                    + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
            throw e;
        } catch (IOException | RuntimeException e) {
            deleteReport(parsed);
            throw e;
        }
        Path source = copy;
        try {
            if (!drop.isEmpty()) {
                // the checksum names what was stored: these bytes without these columns
                sha256.update(("\u0000dropColumns=" + String.join(",", drop)).getBytes(StandardCharsets.UTF_8));
                // the original bytes still hold the dropped columns: they are not kept
                source = ImportTempFiles.create(ImportTempFiles.UPLOAD, ".csv");
                LOG.info("import of '{}' by {} drops columns {}; the original bytes are not kept", name, user, drop);
            }
            return store(name, sha256, parsed, source, timeUnit, user, started);
        } finally {
            deleteReport(parsed);
            if (source != copy) {
                Files.deleteIfExists(source);
            }
        }
    }

    /** Appends to the audit trail; a trail that cannot be written is logged, and the import's own outcome stands. */
    private void audit(String user, String action, String target, String detail) {
        try {
            store.audit(user, action, target, detail);
        } catch (RuntimeException e) {
            LOG.error("cannot audit {} of '{}' by {}", action, target, user, e);
        }
    }

    private static void deleteReport(ParsedCohort parsed) throws IOException {
        if (parsed != null && parsed.report() != null) {
            Files.deleteIfExists(parsed.report());
        }
    }

    private ImportResult store(String name, MessageDigest sha256, ParsedCohort parsed, Path copy, TimeUnit timeUnit,
            String user, long started) throws IOException {
        String checksum = HexFormat.of().formatHex(sha256.digest());
        Optional<ImportResult> existing = existing(checksum, timeUnit);
        if (existing.isPresent()) {
            LOG.info("import of '{}' by {}: same bytes as cohort {}, nothing stored", name, user, existing.get().id());
            return existing.get();
        }
        CohortSummary stored;
        try {
            stored = store.insertCohort(name, checksum, timeUnit, user, parsed, copy);
        } catch (SQLException e) {
            // the same bytes stored concurrently: the unique checksum constraint keeps one
            Optional<ImportResult> raced = existing(checksum, timeUnit);
            if (raced.isPresent()) {
                return raced.get();
            }
            throw new StoreException("cannot store cohort '" + name + "'", e);
        }
        LOG.info("imported cohort '{}' v{} ({}) by {}: {} rows read, {} accepted, {} rejected in {} ms", name,
                stored.version(), stored.id(), user, parsed.rowsRead(), parsed.data().size(), parsed.rowsRejected(),
                (System.nanoTime() - started) / 1_000_000);
        return new ImportResult(stored.id(), stored.name(), stored.version(), checksum, parsed.rowsRead(),
                parsed.data().size(), parsed.rowsRejected(), parsed.rejections(), true, parsed.rejectionCount());
    }

    private Optional<ImportResult> existing(String checksum, TimeUnit unit) {
        return store.findByChecksum(checksum, unit).map(s -> {
            PlatformStore.ImportRecord r = store.importRecord(s.id()).orElseThrow();
            return new ImportResult(s.id(), s.name(), s.version(), s.checksum(), r.rowsRead(), r.rowsAccepted(),
                    r.rowsRejected(), r.rejections(), false, r.rejectionCount());
        });
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a cohort name is required (query parameter 'name')");
        }
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the cohort name must be at most " + MAX_NAME
                    + " characters without control characters");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    @Override
    public List<CohortSummary> list() {
        return store.listCohorts();
    }

    @Override
    public Optional<CohortView> find(String id) {
        return store.loadCohort(id).map(c -> c);
    }

    @Override
    public boolean delete(String id, String user) {
        boolean deleted = store.deleteCohort(id, user);
        if (deleted) {
            LOG.info("cohort {} deleted by {}", id, user);
        }
        return deleted;
    }
}
