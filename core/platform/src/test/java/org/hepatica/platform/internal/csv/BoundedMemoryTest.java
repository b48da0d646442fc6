package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
                ParsedCohort parsed = new CohortCsvParser(org.hepatica.cohort.TimeUnit.DAYS).parse(new GeneratedCsv("patient_id,os_time,os_event", ROWS, i -> "DUP," + (i % 5000 + 1) + ",1"));
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
}
