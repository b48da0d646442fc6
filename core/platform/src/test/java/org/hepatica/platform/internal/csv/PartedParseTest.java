package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.demo.SyntheticCohort;
import org.hepatica.platform.internal.store.ColumnarCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The input cut into parts and parsed on several threads gives exactly what one part read row by
 * row gives: the same cohort (compared in its stored bytes), the same rejections in the same order,
 * the same refused rows, the same refusal of a whole input. Parts as small as a few bytes put the
 * cuts inside quoted fields, next to CRLF line ends, in the byte-order mark and between duplicates.
 */
class PartedParseTest {
    private static final int[] PART_SIZES = {4, 17, 100, 1000};
    private static final int[] THREADS = {1, 2, 3};

    static Stream<Arguments> inputs() throws IOException {
        List<Arguments> inputs = new ArrayList<>();
        for (String file : List.of("bad-date.csv", "bad-event.csv", "bad-number.csv", "binary-garbage.csv", "bom.csv",
                "crlf.csv", "date-before-treatment.csv", "dates-out-of-order.csv", "dfs-exceeds-os.csv",
                "duplicate-header.csv", "duplicate-id.csv", "empty.csv", "header-only.csv", "mixed-delimiters.csv",
                "negative-time.csv", "no-endpoint.csv", "no-header.csv", "no-patient-id.csv", "not-csv.xlsx",
                "quoted-newline.csv", "ragged-row.csv", "recurrence-after-death.csv", "semicolons.csv", "tabs.tsv",
                "text-after-quote.csv", "unclosed-quote.csv", "windows-1252.csv")) {
            try (InputStream in = PartedParseTest.class.getResourceAsStream("/bad-input/" + file)) {
                inputs.add(Arguments.of(file, in.readAllBytes()));
            }
        }
        for (String file : List.of("hcc_demo.csv", "lung.csv")) {
            inputs.add(Arguments.of(file, Files.readAllBytes(CohortCsvParserTest.reference().resolve(file))));
        }
        inputs.add(Arguments.of("synthetic cohort with damaged rows", damagedCohort()));
        return inputs.stream();
    }

    /**
     * 600 synthetic patients, then rows that repeat earlier patient ids (one with a level of an extra
     * column seen nowhere else, one right after a row refused for a bad date), quoted values with commas, line breaks and doubled quotes, a ragged
     * row, a bad date, blank lines and CRLF line ends, shuffled in; a quote inside an unquoted value
     * is a plain character.
     */
    static byte[] damagedCohort() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticCohort.write(600, 7, out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        String header = lines[0] + ",note";
        List<String> rows = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 1; i < lines.length; i++) {
            int k = r.nextInt(6);
            String note = k == 0 ? "" : k == 1 ? "\"a, b\"" : k == 2 ? "\"two\nlines\"" : k == 3 ? "\"say \"\"hi\"\"\"" : k == 4 ? "5\" tall" : "n" + k;
            rows.add(lines[i] + "," + note);
        }
        rows.add(300, lines[5] + ",only-in-a-duplicate");
        rows.add(450, lines[400] + ",n2");
        rows.add(100, lines[100].replace("SYN-0000100", "SYN-0000100b") + ",n1\r");
        rows.add(200, "SYN-9999999,S1,RFA");
        rows.add(250, lines[250].replace("SYN-0000250", "SYN-0000250b").replaceFirst(",20(\\d\\d)-", ",20$1-13-x") + ",n3");
        rows.add(251, lines[9] + ",n4");
        rows.add(350, "");
        rows.add(351, "\r");
        return ("\uFEFF" + header + "\r\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void partsGiveWhatOnePartGives(String name, byte[] input) throws Exception {
        Object whole = outcome(new CohortCsvParser(TimeUnit.DAYS, input.length + 8, 1), input);
        for (int size : PART_SIZES) {
            for (int threads : THREADS) {
                Object parted = outcome(new CohortCsvParser(TimeUnit.DAYS, size, threads), input);
                String where = name + ", parts of " + size + " bytes on " + threads + " threads";
                if (whole instanceof Outcome w && parted instanceof Outcome p) {
                    assertEquals(w.rowsRead, p.rowsRead, where);
                    assertEquals(w.rowsRejected, p.rowsRejected, where);
                    assertEquals(w.rejections, p.rejections, where);
                    assertEquals(w.rejectedRows, p.rejectedRows, where);
                    assertArrayEquals(w.stored, p.stored, where + ": the stored cohort differs");
                } else {
                    assertEquals(whole, parted, where);
                }
            }
        }
    }

    @ParameterizedTest(name = "parts of {0} bytes on {1} threads")
    @CsvSource({"64, 2", "1000, 2", "10000000, 1"})
    void theDamagedCohortKeepsEveryGoodRowAndRefusesTheOthersInLineOrder(int size, int threads) throws Exception {
        ParsedCohort parsed = new CohortCsvParser(TimeUnit.DAYS, size, threads)
                .parse(new ByteArrayInputStream(damagedCohort()));
        // 600 + the renamed row; refused: three duplicates, the ragged row, the renamed row with a bad date
        assertEquals(601, parsed.data().size());
        assertEquals(606, parsed.rowsRead());
        assertEquals(5, parsed.rowsRejected());
        List<Long> lines = parsed.rejections().stream().map(x -> x.line()).toList();
        assertEquals(lines.stream().sorted().toList(), lines);
        assertEquals(3, parsed.rejections().stream().filter(x -> x.reason().startsWith("duplicate patient_id")).count());
        // the level seen only in a refused duplicate is not a level of the column
        int note = parsed.data().columns().stream().map(c -> c.name()).toList().indexOf("note");
        assertEquals(-1, parsed.data().columns().get(note).levels().indexOf("only-in-a-duplicate"));
    }

    @Test
    void aRecordLongerThanTheLimitIsRefusedWithItsLine() {
        byte[] input = ("patient_id,os_time,os_event\nP1,10,1\nP2,\"" + "x".repeat(CsvReader.MAX_RECORD_BYTES) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        CohortImportException e = assertThrows(CohortImportException.class,
                () -> new CohortCsvParser(TimeUnit.DAYS, 1 << 16, 2).parse(new ByteArrayInputStream(input)));
        assertEquals(3, e.problems().get(0).line());
        assertEquals(true, e.getMessage().contains("longer than"), e.getMessage());
    }

    /** A part refused on a parser thread refuses the import with the line, as when read on one thread. */
    @ParameterizedTest(name = "parts of {0} bytes on {1} threads")
    @CsvSource({"64, 2", "1000, 2", "10000000, 1"})
    void aRecordWithTooManyColumnsInALaterPartRefusesTheImportWithItsLine(int size, int threads) {
        StringBuilder csv = new StringBuilder("patient_id,os_time,os_event\n");
        for (int i = 1; i <= 200; i++) {
            csv.append('P').append(i).append(",10,1\n");
        }
        csv.append("P201").append(",1".repeat(CsvReader.MAX_FIELDS)).append('\n').append("P202,10,1\n");
        byte[] input = csv.toString().getBytes(StandardCharsets.UTF_8);
        CohortImportException e = assertThrows(CohortImportException.class,
                () -> new CohortCsvParser(TimeUnit.DAYS, size, threads).parse(new ByteArrayInputStream(input)));
        assertEquals(202, e.problems().get(0).line());
        assertEquals("more than 10000 columns", e.getMessage());
    }

    private record Outcome(long rowsRead, long rowsRejected, List<?> rejections, List<String> rejectedRows,
            byte[] stored) {
    }

    private record Refusal(String message, long rowsRead, List<?> problems) {
    }

    private record Failure(Class<?> type, String message) {
    }

    private static Object outcome(CohortCsvParser parser, byte[] input) throws IOException {
        try {
            ParsedCohort p = parser.parse(new ByteArrayInputStream(input));
            return new Outcome(p.rowsRead(), p.rowsRejected(), p.rejections(), p.rejectedRows(),
                    ColumnarCodec.encode(p.data()));
        } catch (CohortImportException e) {
            return new Refusal(e.getMessage(), e.rowsRead(), e.problems());
        } catch (IOException e) {
            return new Failure(e.getClass(), e.getMessage());
        }
    }
}
