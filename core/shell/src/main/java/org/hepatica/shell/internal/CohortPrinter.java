package org.hepatica.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ColumnSummary;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.Rejection;

/** How the {@code cohort:*} commands show cohorts and imports. */
final class CohortPrinter {
    /** Rejections listed after an import; the cohort's rejection report has every one. */
    static final int REJECTIONS_SHOWN = 10;
    /** Levels of a categorical column listed by {@code cohort:info}. */
    private static final int LEVELS_SHOWN = 8;

    private CohortPrinter() {
    }

    /** A table of cohorts: id, name, version, patients, imported at. */
    static void list(List<CohortSummary> cohorts, PrintStream out) {
        ShellTable table = new ShellTable().emptyTableText("no cohorts");
        table.column("id");
        table.column("name");
        table.column("version").alignRight();
        table.column("patients").alignRight();
        table.column("imported at");
        for (CohortSummary c : cohorts) {
            table.addRow().addContent(c.id(), c.name(), c.version(), c.patients(), instant(c.importedAt()));
        }
        table.print(out);
    }

    /** The cohort's identity, size and checksum, then its columns. */
    static void info(CohortView cohort, PrintStream out) {
        CohortSummary s = cohort.summary();
        out.println("id          " + s.id());
        out.println("name        " + s.name());
        out.println("version     " + s.version());
        out.println("patients    " + s.patients());
        out.println("imported at " + instant(s.importedAt()));
        out.println("checksum    " + s.checksum());
        out.println();
        ShellTable table = new ShellTable();
        table.column("column");
        table.column("type");
        table.column("missing").alignRight();
        table.column("levels");
        for (ColumnSummary c : cohort.columns()) {
            table.addRow().addContent(c.name(), c.type().name().toLowerCase(Locale.ROOT), c.missing(), levels(c.levels()));
        }
        table.print(out);
    }

    /** Rows read, accepted and rejected, the first rejections, and the cohort stored (or found). */
    static void imported(ImportResult r, PrintStream out) {
        out.println("rows read " + r.rowsRead() + ", accepted " + r.rowsAccepted() + ", rejected " + r.rowsRejected());
        problems(r.rejections(), r.rejectionCount(), out);
        out.println((r.created() ? "imported cohort " : "already imported (same bytes) as cohort ") + r.id()
                + " (" + r.name() + ", version " + r.version() + ")");
    }

    /** The text of a refused import: its reason, rows read and the first problems. */
    static String refused(CohortImportException e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        out.println("import refused: " + e.getMessage());
        out.println("rows read " + e.rowsRead());
        problems(e.problems(), e.problems().size(), out);
        return bytes.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    private static void problems(List<Rejection> problems, long count, PrintStream out) {
        problems.stream().limit(REJECTIONS_SHOWN).forEach(p -> out.println("  " + rejection(p)));
        long more = count - Math.min(problems.size(), REJECTIONS_SHOWN);
        if (more > 0) {
            out.println("  ... and " + more + " more (the cohort's rejection report lists every one)");
        }
    }

    /** {@code line 5, column age: not a number}; the whole input or a whole row without the missing part. */
    static String rejection(Rejection r) {
        StringBuilder s = new StringBuilder(r.line() > 0 ? "line " + r.line() : "input");
        if (r.column() != null) {
            s.append(", column ").append(r.column());
        }
        return s.append(": ").append(r.reason()).toString();
    }

    private static String levels(List<String> levels) {
        if (levels == null || levels.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", levels.subList(0, Math.min(LEVELS_SHOWN, levels.size())));
        return levels.size() > LEVELS_SHOWN ? shown + ", ... (" + levels.size() + " levels)" : shown;
    }

    static String instant(Instant at) {
        return at == null ? "" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
