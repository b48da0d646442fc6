package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parser's memory is bounded by what it keeps, not by what it reads: a file of two million rows
 * that all repeat one patient id is parsed in a JVM of 128 MB of heap (holding those rows until the
 * end took several times that), giving one patient and every other row rejected, the rejections
 * beyond the first thousand in the report file.
 */
class BoundedMemoryTest {
    static final int ROWS = 2_000_000;

    @TempDir
    Path tmp;

    @Test
    void millionsOfRowsRepeatingOneIdParseInASmallHeap() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("read " + ROWS, "rejected " + (ROWS - 1), "patients 1", "listed 1000",
                "reported " + (ROWS - 1)), out.lines().filter(l -> !l.startsWith("SLF4J")).toList(), out);
    }

    /** Parses the generated file and prints what came out; exits 1 on any throwable (OutOfMemoryError included). */
    public static final class Main {
        public static void main(String[] args) {
            try {
                ParsedCohort parsed = new CohortCsvParser(org.hepatica.cohort.TimeUnit.DAYS).parse(new RepeatedId(ROWS));
                System.out.println("read " + parsed.rowsRead());
                System.out.println("rejected " + parsed.rowsRejected());
                System.out.println("patients " + parsed.data().size());
                System.out.println("listed " + parsed.rejections().size());
                long lines;
                try (var reader = Files.newBufferedReader(parsed.report())) {
                    lines = reader.lines().count() - 1;
                }
                System.out.println("reported " + lines);
                Files.deleteIfExists(parsed.report());
            } catch (Throwable t) {
                t.printStackTrace(System.out);
                System.exit(1);
            }
        }
    }

    /** {@code patient_id,os_time,os_event} and {@code rows} rows of patient {@code DUP}, made as they are read. */
    static final class RepeatedId extends InputStream {
        private final int rows;
        private int row = -1;
        private byte[] current = new byte[0];
        private int at;

        RepeatedId(int rows) {
            this.rows = rows;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at == current.length) {
                if (row >= rows) {
                    return -1;
                }
                current = (row < 0 ? "patient_id,os_time,os_event\n" : "DUP," + (row % 5000 + 1) + ",1\n")
                        .getBytes(StandardCharsets.US_ASCII);
                at = 0;
                row++;
            }
            int n = Math.min(len, current.length - at);
            System.arraycopy(current, at, b, off, n);
            at += n;
            return n;
        }
    }
}
