package org.hepatica.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Rejection;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.csv.CohortCsvParser;
import org.hepatica.platform.internal.csv.ParsedCohort;
import org.hepatica.platform.internal.model.Cohort;

/**
 * Cohorts held in memory for unit tests, read from the canonical cohort CSV ({@code cohort-csv.md})
 * by the platform's own parser: endpoints are derived from dates or durations, column types and
 * level order are those of an imported cohort, and the view is read-only as in the platform.
 *
 * <p>A test cohort is strict: a row the platform would reject fails the test, naming the line and the
 * reason, because a test that silently loses a patient tests something else than it says.
 *
 * <pre>{@code
 * CohortView cohort = TestCohorts.rows("patient_id", "arm", "os_time", "os_event")
 *         .row("P1", "RFA", 120, 1)
 *         .row("P2", "RFA+RT", 300, 0)
 *         .build();
 * CohortView demo = TestCohorts.csv(Path.of("src/test/resources/cohort.csv"));
 * }</pre>
 */
public final class TestCohorts {
    private TestCohorts() {
    }

    /** A cohort built row by row under this header (column names as in the canonical CSV). */
    public static CohortRows rows(String... header) {
        return new CohortRows(header);
    }

    /** The cohort in a canonical CSV file, durations in days. */
    public static CohortView csv(Path file) {
        return csv(file, TimeUnit.DAYS);
    }

    /** The cohort in a canonical CSV file, durations ({@code os_time}, {@code dfs_time}) in {@code unit}. */
    public static CohortView csv(Path file, TimeUnit unit) {
        try {
            return parse(file.getFileName().toString(), Files.readAllBytes(file), unit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The cohort in canonical CSV text, durations in days. */
    public static CohortView csvText(String csv) {
        return parse("test", csv.getBytes(StandardCharsets.UTF_8), TimeUnit.DAYS);
    }

    /** The cohort in a canonical CSV stream (e.g. a test resource), durations in days; the stream is read, not closed. */
    public static CohortView csv(String name, InputStream in) {
        try {
            return parse(name, in.readAllBytes(), TimeUnit.DAYS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    static CohortView parse(String name, byte[] bytes, TimeUnit unit) {
        ParsedCohort parsed;
        try {
            parsed = new CohortCsvParser(unit).parse(new ByteArrayInputStream(bytes));
        } catch (CohortImportException e) {
            throw new IllegalArgumentException("the platform refuses cohort '" + name + "': " + e.getMessage()
                    + describe(e.problems()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (parsed.rowsRejected() > 0) {
            throw new IllegalArgumentException("the platform rejects " + parsed.rowsRejected() + " of "
                    + parsed.rowsRead() + " rows of cohort '" + name + "'" + describe(parsed.rejections()));
        }
        String checksum = sha256(bytes);
        CohortSummary summary = new CohortSummary("test-" + checksum.substring(0, 12), name, 1, checksum,
                parsed.data().size(), Instant.EPOCH);
        return new Cohort(summary, parsed.data());
    }

    private static String describe(java.util.List<Rejection> problems) {
        StringBuilder b = new StringBuilder();
        for (Rejection r : problems) {
            b.append("\n  line ").append(r.line());
            if (r.column() != null) {
                b.append(", column ").append(r.column());
            }
            b.append(": ").append(r.reason());
        }
        return b.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
