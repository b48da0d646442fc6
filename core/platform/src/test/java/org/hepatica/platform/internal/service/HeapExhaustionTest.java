package org.hepatica.platform.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.platform.internal.csv.GeneratedCsv;
import org.hepatica.platform.internal.store.PlatformStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import larger than the heap is refused with a reason naming the heap, nothing of it is stored,
 * and the next import works: in a JVM of 96 MB, five million distinct patients cannot be held.
 */
class HeapExhaustionTest {
    @TempDir
    Path tmp;

    @Test
    void aCohortLargerThanTheHeapIsRefusedAndTheNextImportWorks() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx96m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), tmp.resolve("db").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().filter(l -> !l.startsWith("SLF4J")).toList();
        assertTrue(lines.get(0).startsWith("refused: the cohort needs more memory than the platform's heap of "), out);
        assertEquals(List.of("stored after: 2", "cohorts: [small]"), lines.subList(1, 3), out);
    }

    /** Imports too large a cohort, then a small one; prints what happened; exits 1 on anything else. */
    public static final class Main {
        public static void main(String[] args) {
            try {
                JdbcDataSource ds = new JdbcDataSource();
                ds.setURL("jdbc:h2:" + args[0] + ";DB_CLOSE_DELAY=-1");
                PlatformStore store = new PlatformStore(ds);
                DefaultCohortService service = new DefaultCohortService(store);
                try {
                    service.importCsv("huge", new GeneratedCsv("patient_id,os_time,os_event,site", 5_000_000,
                            i -> "PATIENT-" + i + "," + (i % 5000 + 1) + ",1,S" + (i % 7)), org.hepatica.cohort.TimeUnit.DAYS, "test");
                    System.out.println("stored: the import should have been refused");
                } catch (CohortImportException e) {
                    System.out.println("refused: " + e.getMessage());
                }
                byte[] small = "patient_id,os_time,os_event\nP1,10,1\nP2,20,0\n".getBytes(StandardCharsets.US_ASCII);
                System.out.println("stored after: " + service.importCsv("small", new ByteArrayInputStream(small),
                        org.hepatica.cohort.TimeUnit.DAYS, "test").rowsAccepted());
                System.out.println("cohorts: " + store.listCohorts().stream().map(c -> c.name()).toList());
            } catch (Throwable t) {
                t.printStackTrace(System.out);
                System.exit(1);
            }
        }
    }
}
