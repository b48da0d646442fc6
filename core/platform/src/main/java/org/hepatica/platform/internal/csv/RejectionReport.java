package org.hepatica.platform.internal.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hepatica.cohort.Rejection;
import org.hepatica.platform.internal.store.ImportTempFiles;

/**
 * The rejections of one import, in bounded memory whatever the file: the first {@value #KEPT}
 * problems (and the text of their rows) are kept to answer with; every problem, from the first,
 * also goes into a CSV report file ({@code line,column,reason}) once there are more than that, so
 * nothing is lost and the heap does not grow with the number of bad rows.
 */
final class RejectionReport {
    /** Problems an answer lists; the report holds them all. */
    static final int KEPT = 1000;
    static final String HEADER = "line,column,reason\n";

    private final List<Rejection> first = new ArrayList<>();
    private final List<String> firstRows = new ArrayList<>();
    private long count;
    private Path file;
    private Writer out;

    /** Records a refused row and its problems. */
    void add(CohortCsvParser.RejectedRow row) throws IOException {
        if (first.size() < KEPT) {
            firstRows.add(row.text());
        }
        for (Rejection r : row.problems()) {
            count++;
            if (first.size() < KEPT) {
                first.add(r);
            } else {
                if (out == null) {
                    file = ImportTempFiles.create(ImportTempFiles.UPLOAD, ".rejections.csv");
                    out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
                    out.write(HEADER);
                    for (Rejection kept : first) {
                        write(out, kept);
                    }
                }
                write(out, r);
            }
        }
    }

    /** The first problems, in input order. */
    List<Rejection> first() {
        return first;
    }

    /** The text of the first refused rows. */
    List<String> firstRows() {
        return firstRows;
    }

    /** Every problem found. */
    long count() {
        return count;
    }

    /** The report file with every problem, or null when {@link #first()} holds them all; closed for writing. */
    Path finish() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        return file;
    }

    /** Removes the report file (nothing is stored). */
    void discard() throws IOException {
        finish();
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    /** The report of a list of problems, as bytes. */
    static byte[] csv(List<Rejection> problems) {
        StringBuilder sb = new StringBuilder(HEADER);
        try (Writer w = new java.io.StringWriter()) {
            for (Rejection r : problems) {
                write(w, r);
            }
            sb.append(w);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Writer w, Rejection r) throws IOException {
        w.write(Long.toString(r.line()));
        w.write(',');
        w.write(quote(r.column() == null ? "" : r.column()));
        w.write(',');
        w.write(quote(r.reason()));
        w.write('\n');
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
