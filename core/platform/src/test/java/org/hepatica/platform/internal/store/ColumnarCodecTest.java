package org.hepatica.platform.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hepatica.cohort.ColumnType;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.csv.CohortCsvParser;
import org.hepatica.platform.internal.model.CohortData;
import org.hepatica.platform.internal.model.Column;
import org.junit.jupiter.api.Test;

/**
 * The stored form gives every number back bit for bit: statistics run on decoded cohorts, so a
 * value that came back one ulp off would change published results.
 */
class ColumnarCodecTest {
    /** More rows than one 64 KB buffer holds at 8 bytes a value, and not a multiple of any width. */
    private static final int N = 70_001;
    private static final double OTHER_NAN = Double.longBitsToDouble(0x7ff8_0000_0000_0001L);

    private static Path reference() {
        return Path.of(System.getProperty("hepatica.reference.dir", "../../../shared/reference"));
    }

    private static CohortData parse(String name) throws Exception {
        try (InputStream in = Files.newInputStream(reference().resolve(name))) {
            return new CohortCsvParser(TimeUnit.DAYS).parse(in).data();
        }
    }

    private static CohortData roundTrip(CohortData data) throws IOException {
        return ColumnarCodec.decode(ColumnarCodec.encode(data));
    }

    /** {@code pattern} repeated to {@code n} values. */
    private static double[] doubles(int n, double... pattern) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = pattern[i % pattern.length];
        }
        return values;
    }

    private static int[] ints(int n, int... pattern) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = pattern[i % pattern.length];
        }
        return values;
    }

    private static CohortData cohort(int n, List<Column> columns) {
        return new CohortData(columns, doubles(n, 0), ints(n, 0), doubles(n, 0), ints(n, 0), ints(n, 0));
    }

    /** Each numeric column with its boundary values, and the bytes a value of it takes. */
    private record Case(String name, int bytes, double... values) {
    }

    private static final List<Case> NUMBERS = List.of(
            new Case("int8", 1, 0, 1, -1, 127, -127, Double.NaN),
            new Case("int8_minimum_is_a_value", 2, -128, 127, Double.NaN),
            new Case("int16", 2, 128, -32767, 32767, Double.NaN, 0),
            new Case("int16_minimum_is_a_value", 4, -32768, 1),
            new Case("int32", 4, Integer.MAX_VALUE, -Integer.MAX_VALUE, 40_000, Double.NaN),
            new Case("int32_minimum_is_a_value", 8, Integer.MIN_VALUE, 0),
            new Case("beyond_int32", 8, 2_147_483_648.0, 1),
            new Case("one_decimal_int8", 1, 12.5, 2.3, -12.7, 0.1, 12.7, Double.NaN, 0),
            new Case("one_decimal_int16", 2, 144.3, -12.8, 3276.7, -3276.7, 0.1, Double.NaN),
            new Case("one_decimal_int32", 4, 3276.8, -214748364.7, 214748364.7, Double.NaN),
            new Case("two_decimals", 2, 0.01, 3.14, -12.75, 0.29, 327.67, Double.NaN),
            new Case("three_decimals", 4, 0.001, 1.234, 65.535, -0.007, 2147483.647, Double.NaN),
            new Case("four_decimals", 8, 1.2345, 1.5, Double.NaN),
            new Case("sum_of_tenths", 8, 0.1 + 0.2, 0.1),
            new Case("tiny", 8, 1e-300, 0),
            new Case("huge", 8, 1e300, 0),
            new Case("infinite", 8, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1),
            new Case("negative_zero", 8, -0.0, 0.0, 1, Double.NaN),
            new Case("decimal_negative_zero", 8, -0.0, 0.5),
            new Case("other_nan", 8, OTHER_NAN, 1),
            new Case("all_missing", 1, Double.NaN),
            new Case("extreme_doubles", 8, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL));

    private static List<Column> numberColumns(int n) {
        List<Column> columns = new ArrayList<>();
        for (Case c : NUMBERS) {
            columns.add(Column.numeric(c.name(), ColumnType.NUMERIC, doubles(n, c.values())));
        }
        return columns;
    }

    @Test
    void everyKindOfNumberReadsBackBitForBit() throws Exception {
        CohortData data = cohort(N, numberColumns(N));
        assertSameData(data, roundTrip(data));
    }

    @Test
    void eachNumberColumnTakesTheNarrowestExactWidth() throws Exception {
        int n = 1000;
        int without = ColumnarCodec.encode(cohort(n, List.of())).length;
        for (Case c : NUMBERS) {
            int with = ColumnarCodec.encode(cohort(n, List.of(Column.numeric(c.name(), ColumnType.NUMERIC,
                    doubles(n, c.values()))))).length;
            // name, type, kind and scale are a few bytes more than n values
            assertEquals(c.bytes(), (with - without) / n, c.name());
        }
    }

    @Test
    void theEndpointsReadBackBitForBit() throws Exception {
        int n = N;
        CohortData data = new CohortData(List.of(Column.text("patient_id", new String[n])),
                doubles(n, 365, 1.5, Double.NaN, -0.0, 12_000),
                ints(n, 1, 0, -1),
                doubles(n, 0.25, Double.NaN, 3000),
                ints(n, 0, 1, -1, 300),
                ints(n, 0, 1, 2, -1, 70_000, Integer.MIN_VALUE));
        assertSameData(data, roundTrip(data));

        CohortData small = new CohortData(List.of(), doubles(n, 365, Double.NaN, 0), ints(n, 1, 0, -1),
                doubles(n, 30, Double.NaN), ints(n, 0, 1, -1), ints(n, 0, 1, 2, -1));
        assertSameData(small, roundTrip(small));
        // whole days in 2 bytes, events and causes in 1
        int bytes = ColumnarCodec.encode(small).length;
        assertTrue(bytes < 7 * n + 100, bytes + " bytes");
    }

    @Test
    void textAndCategoriesReadBackExactly() throws Exception {
        int n = N;
        String[] texts = new String[n];
        String[] samples = {"", "HCC-0001", "Müller", "肝细胞癌", "\u0000nul", "\uD83E\uDDEC surrogate pair", null};
        for (int i = 0; i < n; i++) {
            texts[i] = samples[i % samples.length];
        }
        // the longest text there is room for: 65,535 bytes, across the end of the buffer
        texts[1] = "é".repeat(32_766) + "肝";
        List<String> manyLevels = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            manyLevels.add(String.format("level-%03d", i));
        }
        List<String> veryManyLevels = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            veryManyLevels.add(String.format("L%05d", i));
        }
        CohortData data = cohort(n, List.of(
                Column.text("note", texts),
                Column.text("empty", new String[n]),
                Column.categorical("arm", ints(n, 0, 1, -1), List.of("RFA", "RFA+RT")),
                Column.categorical("unknown_only", ints(n, -1), List.of()),
                Column.categorical("site", ints(n, 0, 299, 255, 254, -1, 17), manyLevels),
                Column.categorical("centre", ints(n, 0, 69_999, 65_535, -1), veryManyLevels),
                Column.categorical("non_ascii", ints(n, 0, 1, 2), List.of("", "Ärzte", "第二"))));
        assertSameData(data, roundTrip(data));
    }

    @Test
    void textTooLongToStoreIsRefused() {
        String[] texts = {"x".repeat(65_536)};
        CohortData data = cohort(1, List.of(Column.text("note", texts)));
        assertThrows(UTFDataFormatException.class, () -> ColumnarCodec.encode(data));
    }

    @Test
    void anEmptyCohortReadsBack() throws Exception {
        CohortData data = cohort(0, numberColumns(0));
        assertSameData(data, roundTrip(data));
    }

    @Test
    void theReferenceCohortsReadBackIdentically() throws Exception {
        for (String name : List.of("hcc_demo.csv", "lung.csv")) {
            CohortData data = parse(name);
            assertSameData(data, roundTrip(data));
        }
    }

    /** hcc_demo is stored in well under half the bytes of the version 1 form. */
    @Test
    void hccDemoIsStoredInLessThanHalfItsVersion1Size() throws Exception {
        int v1 = version1HccDemo().length;
        int v2 = ColumnarCodec.encode(parse("hcc_demo.csv")).length;
        assertTrue(v2 < v1 / 2, v2 + " bytes against " + v1);
    }

    /** Cohorts stored by earlier platform versions (format 1) are in deployed databases. */
    @Test
    void aVersion1BlobStillReadsBack() throws Exception {
        byte[] blob = version1HccDemo();
        assertEquals(1, blob[7], "the resource is a version 1 blob");
        assertSameData(parse("hcc_demo.csv"), ColumnarCodec.decode(blob));
    }

    @Test
    void unknownOrDamagedBlobsAreRefused() throws Exception {
        byte[] blob = ColumnarCodec.encode(parse("lung.csv"));
        byte[] future = blob.clone();
        future[7] = 3;
        IOException e = assertThrows(IOException.class, () -> ColumnarCodec.decode(future));
        assertTrue(e.getMessage().contains("format 3"), e.getMessage());
        assertThrows(EOFException.class, () -> ColumnarCodec.decode(Arrays.copyOf(blob, blob.length - 1)));
        assertThrows(IOException.class, () -> ColumnarCodec.decode(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0}));
    }

    @Test
    void encodingToAStreamGivesTheSameBytes() throws Exception {
        CohortData data = parse("hcc_demo.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ColumnarCodec.encode(data, out);
        assertArrayEquals(ColumnarCodec.encode(data), out.toByteArray());
    }

    private static byte[] version1HccDemo() throws IOException {
        try (InputStream in = ColumnarCodecTest.class.getResourceAsStream("/store/hcc_demo.v1.bin")) {
            return in.readAllBytes();
        }
    }

    static void assertSameData(CohortData expected, CohortData actual) {
        assertEquals(expected.size(), actual.size(), "rows");
        assertEquals(expected.columns().size(), actual.columns().size(), "columns");
        for (int k = 0; k < expected.columns().size(); k++) {
            Column e = expected.columns().get(k);
            Column a = actual.columns().get(k);
            assertEquals(e.name(), a.name());
            assertEquals(e.type(), a.type(), e.name());
            assertArrayEquals(bits(e.values()), bits(a.values()), e.name());
            assertArrayEquals(e.codes(), a.codes(), e.name());
            assertEquals(e.levels(), a.levels(), e.name());
            assertArrayEquals(e.texts(), a.texts(), e.name());
        }
        assertArrayEquals(bits(expected.osTime()), bits(actual.osTime()), "osTime");
        assertArrayEquals(expected.osEvent(), actual.osEvent(), "osEvent");
        assertArrayEquals(bits(expected.dfsTime()), bits(actual.dfsTime()), "dfsTime");
        assertArrayEquals(expected.dfsEvent(), actual.dfsEvent(), "dfsEvent");
        assertArrayEquals(expected.dfsCause(), actual.dfsCause(), "dfsCause");
    }

    /** The exact bits, NaN payload and sign of zero included. */
    private static long[] bits(double[] values) {
        return values == null ? null : Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
