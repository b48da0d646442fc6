package org.hepatica.importer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.Rejection;
import org.hepatica.importer.ImportEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file inbox, ending in mock:import instead of the import endpoint; one test per option. */
class FileInboxRouteTest {
    private static final byte[] CSV = "patient_id,os_time,os_event\nP1,3,1\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private CamelContext context;
    private MockEndpoint mock;

    private void start(long minAge, String doneFileName, String unit) throws Exception {
        start(minAge, doneFileName, unit, "");
    }

    private void start(long minAge, String doneFileName, String unit, String dropColumns) throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new FileInboxRoute(new FileInboxRoute.Settings("test-inbox", dir.resolve("inbox"),
                dir.resolve("archive"), dir.resolve("failed"), minAge, doneFileName, 100, "inbox-user", unit,
                dropColumns, "mock:import")));
        mock = context.getEndpoint("mock:import", MockEndpoint.class);
        context.start();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private static List<Path> list(Path d) throws Exception {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    private void drop(String name, byte[] bytes) throws Exception {
        Files.createDirectories(dir.resolve("inbox"));
        Files.write(dir.resolve("inbox").resolve(name), bytes);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }

    @Test
    void anImportedFileMovesToTheArchiveWithATimestamp() throws Exception {
        start(100, "", "days");
        mock.expectedMessageCount(1);
        mock.expectedHeaderReceived(ImportEndpoint.COHORT_NAME, "hcc");
        mock.expectedHeaderReceived(ImportEndpoint.USER, "inbox-user");
        drop("hcc.csv", CSV);
        mock.assertIsSatisfied(10_000);
        await(() -> {
            try {
                return list(dir.resolve("archive")).size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        List<Path> archived = list(dir.resolve("archive"));
        assertEquals(1, archived.size());
        assertTrue(archived.get(0).getFileName().toString().matches("hcc-\\d{8}-\\d{6}-\\d{3}\\.csv"),
                archived.toString());
        assertArrayEquals(CSV, Files.readAllBytes(archived.get(0)));
        assertEquals(List.of(), list(dir.resolve("inbox")));
        assertEquals(List.of(), list(dir.resolve("failed")));
    }

    @Test
    void aRefusedFileMovesToFailedWithAReportOfEveryProblem() throws Exception {
        start(100, "", "days");
        mock.whenAnyExchangeReceived(e -> {
            throw new CohortImportException("no row is acceptable", 2, List.of(
                    new Rejection(2, "death_date", "'2020-13-01' is not a date"),
                    new Rejection(3, "os_time", "'-4' is negative")));
        });
        drop("bad.csv", CSV);
        await(() -> {
            try {
                return list(dir.resolve("failed")).size() == 2;
            } catch (Exception e) {
                return false;
            }
        });
        List<Path> failed = list(dir.resolve("failed"));
        assertEquals(2, failed.size(), failed.toString());
        Path original = failed.get(0);
        Path report = failed.get(1);
        assertEquals(original.getFileName() + FailureReport.SUFFIX, report.getFileName().toString());
        assertArrayEquals(CSV, Files.readAllBytes(original));
        String text = Files.readString(report);
        assertTrue(text.contains("2\tdeath_date\t'2020-13-01' is not a date"), text);
        assertTrue(text.contains("3\tos_time\t'-4' is negative"), text);
        assertTrue(text.contains("why:\tno row is acceptable"), text);
        assertEquals(List.of(), list(dir.resolve("archive")));
    }

    @Test
    void anUnexpectedFailureIsReportedTooAndNothingIsLost() throws Exception {
        start(100, "", "days");
        mock.whenAnyExchangeReceived(e -> {
            throw new IllegalStateException("the database is down");
        });
        drop("x.csv", CSV);
        await(() -> {
            try {
                return list(dir.resolve("failed")).size() == 2;
            } catch (Exception e) {
                return false;
            }
        });
        List<Path> failed = list(dir.resolve("failed"));
        assertEquals(2, failed.size());
        assertTrue(Files.readString(failed.get(1)).contains("IllegalStateException: the database is down"));
    }

    @Test
    void anErrorOfTheImportMovesTheFileToFailedAndTheInboxGoesOn() throws Exception {
        start(100, "", "days");
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        mock.whenAnyExchangeReceived(e -> {
            if (calls.incrementAndGet() == 1) {
                throw new StackOverflowError("deep input");
            }
        });
        drop("first.csv", CSV);
        await(() -> {
            try {
                return list(dir.resolve("failed")).size() == 2;
            } catch (Exception e) {
                return false;
            }
        });
        List<Path> failed = list(dir.resolve("failed"));
        assertEquals(2, failed.size(), "the file and its report: " + failed);
        assertTrue(failed.get(0).getFileName().toString().startsWith("first-"), failed.toString());
        assertTrue(Files.readString(failed.get(1)).contains("StackOverflowError"), Files.readString(failed.get(1)));
        drop("second.csv", CSV);
        await(() -> {
            try {
                return list(dir.resolve("archive")).size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(1, list(dir.resolve("archive")).size(), "the next file is imported");
        assertEquals(2, calls.get());
    }

    @Test
    void doneFileName_aFileWaitsForItsDoneFile() throws Exception {
        start(100, "$simple{file:name}.done", "days");
        drop("hcc.csv", CSV);
        Thread.sleep(1000);
        assertEquals(0, mock.getReceivedCounter());
        mock.expectedMessageCount(1);
        drop("hcc.csv.done", new byte[0]);
        mock.assertIsSatisfied(10_000);
    }

    @Test
    void readLockMinAge_aFileStillChangingIsNotRead() throws Exception {
        start(2500, "", "days");
        // read the body while the file is still in the inbox
        java.util.concurrent.atomic.AtomicReference<byte[]> read = new java.util.concurrent.atomic.AtomicReference<>();
        mock.whenAnyExchangeReceived(e -> read.set(e.getIn().getBody(byte[].class)));
        drop("slow.csv", "patient_id,os_time".getBytes(StandardCharsets.UTF_8));
        Thread.sleep(800);
        // the writer appends the rest of the file
        Files.write(dir.resolve("inbox/slow.csv"), CSV);
        Thread.sleep(800);
        assertEquals(0, mock.getReceivedCounter());
        mock.expectedMessageCount(1);
        mock.assertIsSatisfied(15_000);
        assertArrayEquals(CSV, read.get(), "the whole file, not the half written first");
    }

    @Test
    void timeUnit_isPassedToTheImport() throws Exception {
        start(100, "", "months");
        mock.expectedHeaderReceived(ImportEndpoint.TIME_UNIT, "months");
        drop("m.csv", CSV);
        mock.assertIsSatisfied(10_000);
    }

    @Test
    void droppedColumns_arePassedToTheImport() throws Exception {
        start(100, "", "days", "surname,phone");
        mock.expectedHeaderReceived(ImportEndpoint.DROP_COLUMNS, "surname,phone");
        drop("d.csv", CSV);
        mock.assertIsSatisfied(10_000);
    }

    @Test
    void withoutDroppedColumns_theImportGetsNoSuchHeader() throws Exception {
        start(100, "", "days");
        mock.expectedMessageCount(1);
        mock.message(0).header(ImportEndpoint.DROP_COLUMNS).isNull();
        drop("n.csv", CSV);
        mock.assertIsSatisfied(10_000);
    }

    @Test
    void anEmptyFileIsReadToo_soThatItGetsAnAnswer() throws Exception {
        start(100, "", "days");
        mock.expectedMessageCount(1);
        drop("empty.csv", new byte[0]);
        mock.assertIsSatisfied(10_000);
    }

    @Test
    void theMovedNameCarriesTheTimestampBeforeTheExtension() {
        LocalDateTime at = LocalDateTime.of(2026, 1, 2, 3, 4, 5, 678_000_000);
        assertEquals("hcc-20260102-030405-678.csv", FileInboxRoute.movedName("hcc.csv", at));
        assertEquals("README-20260102-030405-678", FileInboxRoute.movedName("README", at));
        assertEquals(".hidden-20260102-030405-678", FileInboxRoute.movedName(".hidden", at));
    }

    @Test
    void theUriUsesTheReadLockAndMovesNothingToDeletion() throws Exception {
        String uri = new FileInboxRoute(new FileInboxRoute.Settings("i", Path.of("/in"), Path.of("/arc"),
                Path.of("/fail"), 2000, "", 1000, "u", "days", "", "mock:x")).uri();
        assertTrue(uri.contains("readLock=changed"), uri);
        assertTrue(uri.contains("readLockMinAge=2000"), uri);
        assertTrue(uri.contains("move=RAW(/arc/"), uri);
        assertTrue(uri.contains("moveFailed=RAW(/fail/"), uri);
        assertFalse(uri.contains("delete=true"), uri);
    }
}
