package org.hepatica.platform.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.h2.jdbcx.JdbcDataSource;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.service.DefaultCohortService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files through the whole import path (parser, codec, store): mutated copies of the demo
 * cohort (byte flips, truncations, stray quotes, random bytes, long and huge cells, control
 * characters) and random bytes. Seeded, at most 400 files or 25 seconds. Each file is either
 * stored, with every value readable back, or refused with reasons and nothing stored; no other
 * exception ever leaves the import. The database closes when its last connection does, so every
 * import also reopens the store file: hundreds of close/open cycles of a growing file (H2 2.3.232
 * corrupted it within 300, "Double mark"; hence H2 2.4.240).
 */
class ImportFuzzTest {
    private static final long SEED = 20261201L;
    private static final int MAX_FILES = 400;
    private static final long MAX_NANOS = 25_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void anyFileIsStoredOrRefusedWithReasons() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        PlatformStore store = new PlatformStore(ds);
        DefaultCohortService service = new DefaultCohortService(store);
        byte[] demo = Files.readAllBytes(Path.of(System.getProperty("hepatica.reference.dir",
                "../../../shared/reference")).resolve("hcc_demo.csv"));
        SplittableRandom random = new SplittableRandom(SEED);
        long start = System.nanoTime();
        int stored = 0;
        int refused = 0;
        for (int i = 0; i < MAX_FILES && System.nanoTime() - start < MAX_NANOS; i++) {
            byte[] file = mutate(demo, random);
            int before = store.listCohorts().size();
            try {
                ImportResult r = service.importCsv("fuzz", new ByteArrayInputStream(file), TimeUnit.DAYS, "fuzzer");
                assertTrue(r.rowsAccepted() > 0, "a stored cohort has patients");
                assertEquals(r.rowsRead(), r.rowsAccepted() + r.rowsRejected(), "every row accepted or rejected");
                if (r.created()) { // read back from the database, past the cache: the stored bytes decode
                    new PlatformStore(ds).loadCohort(r.id()).orElseThrow().columns();
                }
                stored++;
            } catch (CohortImportException e) {
                assertTrue(!e.problems().isEmpty(), "a refusal gives its reasons");
                assertEquals(before, store.listCohorts().size(), "nothing stored from a refused file");
                refused++;
            } catch (Exception | Error e) {
                fail("file " + i + " (seed " + SEED + ") broke the import: " + e, e);
            }
        }
        assertTrue(stored > 10 && refused > 10, "the fuzz reaches both outcomes: " + stored + " stored, " + refused
                + " refused");
    }

    /** One of the mutations a hospital export or a hostile user produces. */
    static byte[] mutate(byte[] demo, SplittableRandom random) {
        byte[] b = demo.clone();
        switch (random.nextInt(9)) {
            case 0 -> { // byte flips
                for (int k = random.nextInt(1, 20); k > 0; k--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length)); // truncated
            case 2 -> { // stray quotes
                for (int k = random.nextInt(1, 6); k > 0; k--) {
                    b[random.nextInt(b.length)] = '"';
                }
            }
            case 3 -> { // random bytes in place
                int at = random.nextInt(b.length);
                for (int k = at; k < Math.min(b.length, at + random.nextInt(1, 400)); k++) {
                    b[k] = (byte) random.nextInt(256);
                }
            }
            case 4 -> b = insert(b, random.nextInt(b.length), "z".repeat(random.nextInt(500, 80_000))); // long cell
            case 5 -> b = insert(b, random.nextInt(b.length), "\"" + "q".repeat(random.nextInt(900, 1100))
                    + (random.nextBoolean() ? "\"tail" : "")); // a long quoted field, maybe unterminated
            case 6 -> b = insert(b, random.nextInt(b.length), String.valueOf((char) random.nextInt(0, 32)));
            case 7 -> { // only random bytes
                b = new byte[random.nextInt(1, 5000)];
                random.nextBytes(b);
            }
            default -> b = insert(b, random.nextInt(b.length), "\n" + ",".repeat(random.nextInt(1, 3000)) + "\n");
        }
        return b;
    }

    private static byte[] insert(byte[] b, int at, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + text.length());
        out.write(b, 0, at);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }
}
