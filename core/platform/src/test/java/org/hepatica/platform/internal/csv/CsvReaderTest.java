package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader gives the same records however the input arrives: whole, or a byte at a time. */
class CsvReaderTest {

    /** An input that hands out one byte per read, so every field crosses a buffer refill. */
    private static final class Trickle extends ByteArrayInputStream {
        Trickle(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    private static List<String> records(InputStream in) throws Exception {
        return records(new CsvReader(in));
    }

    /** Each record as line, fields and problem; a refusal of the input as its last entry. */
    private static List<String> records(CsvReader reader) throws Exception {
        List<String> out = new ArrayList<>();
        while (true) {
            try {
                if (!reader.next()) {
                    break;
                }
            } catch (CsvFormatException e) {
                out.add("refused on line " + e.line() + ": " + e.getMessage());
                break;
            }
            StringBuilder b = new StringBuilder().append(reader.line()).append(':');
            for (int i = 0; i < reader.fieldCount(); i++) {
                String field;
                try {
                    field = reader.field(i);
                } catch (java.nio.charset.CharacterCodingException e) {
                    field = "(not UTF-8)";
                }
                b.append('[').append(field).append(']');
            }
            out.add(b + (reader.recordProblem() == null ? "" : " ! " + reader.recordProblem()));
        }
        return out;
    }

    @Test
    void aByteAtATimeReadsTheSameRecords() throws Exception {
        String csv = "\uFEFFa,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n"
                + " p ,q\rr,\"\"\r\n\"closed\"tail,2,3\nlast,,\"\"";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        List<String> whole = records(new ByteArrayInputStream(bytes));
        assertEquals(List.of("1:[a][b][c]", "2:[x,1][say \"hi\"][two\nlines]", "5:[p][q\rr][]",
                "6:[closedtail][2][3] ! unexpected text after a closing quote in field 1", "7:[last][][]"), whole);
        assertEquals(whole, records(new Trickle(bytes)));
        assertEquals(whole, records(new CsvReader(bytes, 3, bytes.length, 1)));
    }

    /**
     * Reading a byte array in place (fields pointing into the input, the parser's path) gives what
     * reading the stream with copies gives, on every test input: fields, lines, problems, refusals.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.hepatica.platform.internal.csv.PartedParseTest#inputs")
    void inPlaceReadsWhatTheStreamReads(String name, byte[] input) throws Exception {
        int bom = input.length >= 3 && (input[0] & 0xff) == 0xEF ? 3 : 0;
        List<String> streamed = records(new ByteArrayInputStream(input));
        assertEquals(streamed, records(new CsvReader(input, bom, input.length, 1)), name);
    }

    @Test
    void numbersDatesAndLevelsAreReadFromTheTrimmedBytes() throws Exception {
        CsvReader reader = new CsvReader(new ByteArrayInputStream(" 12.5 , 2020-03-01,SBRT ".getBytes(StandardCharsets.UTF_8)));
        reader.next();
        assertEquals(12.5, reader.number(0));
        assertEquals(18322, reader.epochDay(1));
        assertEquals(true, reader.fieldEquals(2, "SBRT".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(false, reader.fieldEquals(2, "SBR".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aRecordHoldsAtMostTenThousandFields() throws Exception {
        String most = "f" + ",f".repeat(CsvReader.MAX_FIELDS - 1) + "\n";
        for (boolean trickle : new boolean[] {false, true}) {
            byte[] bytes = (most + most + "f" + ",f".repeat(CsvReader.MAX_FIELDS)).getBytes(StandardCharsets.UTF_8);
            CsvReader reader = new CsvReader(trickle ? new Trickle(bytes) : new ByteArrayInputStream(bytes));
            assertEquals(true, reader.next());
            assertEquals(CsvReader.MAX_FIELDS, reader.fieldCount());
            assertEquals(true, reader.next());
            assertEquals(CsvReader.MAX_FIELDS, reader.fieldCount());
            List<String> refused = records(reader);
            assertEquals(List.of("refused on line 3: more than 10000 columns"), refused, "trickle " + trickle);
        }
    }

    /** The header check for NUL bytes looks at the field contents: not at separators, quotes or an earlier record. */
    @Test
    void containsLooksAtTheFieldsOfThisRecordOnly() throws Exception {
        CsvReader r = new CsvReader(new ByteArrayInputStream("x,y,zz\n\"a\",b\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(r.next());
        assertTrue(r.contains((byte) 'z'));
        assertTrue(r.next());
        assertFalse(r.contains((byte) 'z'), "a byte of the previous record");
        assertFalse(r.contains((byte) ','), "the separator");
        assertFalse(r.contains((byte) '"'), "the quotes");
        assertTrue(r.contains((byte) 'a'));
        assertTrue(r.contains((byte) 'b'));
    }

    /** A field of spaces only is empty, also as the first field of the input. */
    @Test
    void aFieldOfSpacesOnlyIsEmpty() throws Exception {
        byte[] bytes = "   ,b,  \n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("1:[][b][]"), records(new CsvReader(bytes, 0, bytes.length, 1)));
        assertEquals(List.of("1:[][b][]"), records(new ByteArrayInputStream(bytes)));
    }
}
