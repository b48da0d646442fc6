package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hepatica.cohort.Rejection;
import org.hepatica.cohort.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rejections of an import: the first thousand are listed with their rows, and once there are
 * more, every one of them, the first thousand included, is in the report file, in line order, as CSV
 * that quotes what needs quoting.
 */
class RejectionReportTest {

    private static ParsedCohort parse(String csv) throws Exception {
        return new CohortCsvParser(TimeUnit.DAYS).parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void upToAThousandProblemsAreListedAndNoReportFileIsWritten() throws Exception {
        StringBuilder csv = new StringBuilder("patient_id,os_time,os_event\n");
        for (int i = 0; i < RejectionReport.KEPT; i++) {
            csv.append("P").append(i).append(",-1,1\n");
        }
        csv.append("OK,10,1\n");
        ParsedCohort p = parse(csv.toString());
        assertEquals(RejectionReport.KEPT, p.rejections().size());
        assertEquals(RejectionReport.KEPT, p.rejectedRows().size());
        assertEquals(RejectionReport.KEPT, p.rejectionCount());
        assertNull(p.report(), "a thousand problems fit in the answer");
        assertEquals(1, p.data().size());
        String small = new String(p.smallReport(), StandardCharsets.UTF_8);
        assertEquals(RejectionReport.KEPT + 1, small.lines().count());
        assertTrue(small.startsWith("line,column,reason\n2,os_time,os_time is negative\n"), small.substring(0, 80));
    }

    @Test
    void beyondAThousandEveryProblemIsInTheReportFileInLineOrder() throws Exception {
        StringBuilder csv = new StringBuilder("patient_id,os_time,os_event,age,sex\n");
        int rows = RejectionReport.KEPT + 500;
        for (int i = 0; i < rows; i++) {
            // each row has two problems: an age out of range and a sex that is not a level
            csv.append("P").append(i).append(",10,1,200,X\n");
        }
        csv.append("OK,10,1,60,M\n");
        ParsedCohort p = parse(csv.toString());
        Path report = p.report();
        try {
            assertEquals(rows, p.rowsRejected());
            assertEquals(2L * rows, p.rejectionCount());
            assertEquals(RejectionReport.KEPT, p.rejections().size(), "the answer lists the first thousand problems");
            assertEquals(RejectionReport.KEPT / 2, p.rejectedRows().size(), "and the rows they are on");
            assertEquals("P0,10,1,200,X", p.rejectedRows().get(0));
            List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
            assertEquals(2 * rows + 1, lines.size());
            assertEquals("line,column,reason", lines.get(0));
            assertEquals("2,age,'200' is outside the allowed range 0 to 130", lines.get(1));
            assertEquals("2,sex,\"'X' is not one of M, F\"", lines.get(2));
            assertEquals((rows + 1) + ",sex,\"'X' is not one of M, F\"", lines.get(lines.size() - 1));
            List<Long> numbers = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                numbers.add(Long.parseLong(line.substring(0, line.indexOf(','))));
            }
            assertEquals(numbers.stream().sorted().toList(), numbers);
            assertEquals(2L, numbers.stream().filter(n -> n == 502L).count(), "both problems of line 502");
        } finally {
            Files.deleteIfExists(report);
        }
    }

    @Test
    void aReportFileIsRemovedWhenTheImportIsDiscarded() throws Exception {
        RejectionReport report = new RejectionReport();
        for (int i = 0; i <= RejectionReport.KEPT; i++) {
            report.add(new CohortCsvParser.RejectedRow(i + 2, List.of(new Rejection(i + 2, "os_time", "bad")), "row"));
        }
        assertEquals(RejectionReport.KEPT + 1, report.count());
        assertEquals(RejectionReport.KEPT, report.first().size());
        assertEquals(RejectionReport.KEPT, report.firstRows().size());
        Path file = report.finish();
        assertTrue(Files.exists(file));
        assertEquals(RejectionReport.KEPT + 2, Files.readAllLines(file).size());
        assertEquals(file, report.finish(), "finishing twice gives the same file");
        report.discard();
        assertFalse(Files.exists(file));

        RejectionReport few = new RejectionReport();
        few.add(new CohortCsvParser.RejectedRow(2, List.of(new Rejection(2, "age", "bad")), "row"));
        assertNull(few.finish());
        few.discard();
        assertEquals(1, few.count());
    }

    /** The report files in the temporary directory, where an import writes them. */
    private static java.util.Set<Path> reportFiles() throws Exception {
        java.util.Set<Path> files = new java.util.HashSet<>();
        try (java.nio.file.DirectoryStream<Path> dir = Files.newDirectoryStream(
                Path.of(System.getProperty("java.io.tmpdir")), "hepatica-import-*.rejections.csv")) {
            dir.forEach(files::add);
        }
        return files;
    }

    /** More than a thousand refused rows (so a report file is begun), then {@code tail}. */
    private static String manyBadRowsThen(String header, String tail) {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (int i = 0; i <= RejectionReport.KEPT; i++) {
            csv.append("B").append(i).append(",-1,1").append(",x".repeat(header.split(",").length - 3)).append('\n');
        }
        return csv.append(tail).toString();
    }

    @Test
    void anImportThatIsRefusedLeavesNoReportFileBehind() throws Exception {
        java.util.Set<Path> before = reportFiles();
        // no row acceptable
        org.hepatica.cohort.CohortImportException none = org.junit.jupiter.api.Assertions.assertThrows(
                org.hepatica.cohort.CohortImportException.class,
                () -> parse(manyBadRowsThen("patient_id,os_time,os_event", "")));
        assertTrue(none.getMessage().startsWith("no row is acceptable (1001 problems; the first 1000 listed)"),
                none.getMessage());
        // a column of e-mail addresses
        StringBuilder emails = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            emails.append("P").append(i).append(",10,1,p").append(i).append("@example.org\n");
        }
        org.junit.jupiter.api.Assertions.assertThrows(org.hepatica.cohort.CohortImportException.class,
                () -> parse(manyBadRowsThen("patient_id,os_time,os_event,contact", emails.toString())));
        // a record the reader refuses, after the bad rows
        org.hepatica.cohort.CohortImportException wide = org.junit.jupiter.api.Assertions.assertThrows(
                org.hepatica.cohort.CohortImportException.class, () -> parse(manyBadRowsThen(
                        "patient_id,os_time,os_event", "W,1,1" + ",x".repeat(CsvReader.MAX_FIELDS) + "\n")));
        assertEquals("more than 10000 columns", wide.getMessage());
        assertEquals(RejectionReport.KEPT + 3L, wide.problems().get(0).line());
        assertEquals(before, reportFiles(), "no report file of a refused import is left");
    }

    @Test
    void fieldsWithACommaAQuoteOrALineBreakAreQuotedAndAMissingColumnIsEmpty() {
        String csv = new String(RejectionReport.csv(List.of(
                new Rejection(2, null, "plain"),
                new Rejection(3, "a", ",at the start"),
                new Rejection(4, "a", "\"at the start"),
                new Rejection(5, "a", "\nat the start"),
                new Rejection(6, "a", "\rat the start"),
                new Rejection(7, "a", "say \"hi\", twice"),
                new Rejection(8, "a", ""))), StandardCharsets.UTF_8);
        assertEquals("line,column,reason\n"
                + "2,,plain\n"
                + "3,a,\",at the start\"\n"
                + "4,a,\"\"\"at the start\"\n"
                + "5,a,\"\nat the start\"\n"
                + "6,a,\"\rat the start\"\n"
                + "7,a,\"say \"\"hi\"\", twice\"\n"
                + "8,a,\n", csv);
        assertEquals(csv, new String(ParsedCohort.csvReport(List.of(
                new Rejection(2, null, "plain"),
                new Rejection(3, "a", ",at the start"),
                new Rejection(4, "a", "\"at the start"),
                new Rejection(5, "a", "\nat the start"),
                new Rejection(6, "a", "\rat the start"),
                new Rejection(7, "a", "say \"hi\", twice"),
                new Rejection(8, "a", ""))), StandardCharsets.UTF_8));
    }
}
