package org.hepatica.importer.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.Rejection;

/**
 * The report written beside a file moved to {@code failed/}: why the import was refused and every
 * problem with its line, column and reason, one per line, tab-separated after a short preamble.
 */
final class FailureReport {
    static final String SUFFIX = ".report.txt";

    private FailureReport() {
    }

    static String text(String fileName, String routeId, Throwable failure) {
        StringBuilder b = new StringBuilder();
        b.append("Hepatica import refused\n");
        b.append("file:\t").append(fileName).append('\n');
        b.append("route:\t").append(routeId).append('\n');
        b.append("at:\t").append(Instant.now()).append('\n');
        b.append("why:\t").append(oneLine(String.valueOf(failure.getMessage()))).append('\n');
        List<Rejection> problems = failure instanceof CohortImportException e ? e.problems()
                : List.of(new Rejection(0, null, failure.getClass().getSimpleName() + ": " + failure.getMessage()));
        b.append("problems:\t").append(problems.size()).append("\n\n");
        b.append("line\tcolumn\treason\n");
        for (Rejection r : problems) {
            b.append(r.line()).append('\t').append(r.column() == null ? "" : r.column()).append('\t')
                    .append(oneLine(r.reason())).append('\n');
        }
        return b.toString();
    }

    static Path write(Path failedDirectory, String movedName, String fileName, String routeId, Throwable failure)
            throws IOException {
        Files.createDirectories(failedDirectory);
        Path report = failedDirectory.resolve(movedName + SUFFIX);
        Files.writeString(report, text(fileName, routeId, failure), StandardCharsets.UTF_8);
        return report;
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
