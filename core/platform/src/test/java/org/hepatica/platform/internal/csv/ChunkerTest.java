package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parts handed out by {@link Chunker} are the input, byte for byte, cut only where a record
 * ends, each knowing its first line. Where a record ends is decided here by a plain byte-by-byte
 * reading of the CSV rules (a quote opens a quoted field only as a field's first byte; inside one, a
 * doubled quote is a quote and a quote followed by a comma or a line break ends the field), and the
 * inputs are made of what cuts go wrong on: doubled quotes, quoted fields right after {@code ",},
 * line breaks and commas inside quotes, stray quotes inside unquoted values, CRLF, empty fields. The
 * input arrives in reads of random size, so that a cut can fall next to any byte.
 */
class ChunkerTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void partsAreTheInputCutAtRecordEndsOnly(int seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] input = randomCsv(random, 40 + random.nextInt(60));
        for (int size : new int[] {4, 5, 7, 16, 33, 100, 4096}) {
            List<Chunker.Chunk> parts = parts(input, size, new SplittableRandom(seed * 31L + size));
            check(input, 0, parts, "seed " + seed + ", parts of " + size + " bytes");
        }
    }

    @Test
    void aDoubledQuoteOrAQuotedFieldAfterAQuotedFieldIsNeverTakenForARecordEnd() throws Exception {
        // every record holds a line break that only quotes protect, right after "" or after ",
        String text = "id,a,b\n"
                + "1,\"x\"\"\ny\",\"\nz\"\n"
                + "2,\"\"\"\n\",\"q\"\n"
                + "3,\"a\",\"\n\"\"\n\"\n"
                + "4,5\" tall,\"\n\"\n";
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        TreeSet<Integer> ends = recordEnds(input, 0);
        assertEquals(List.of(7, 22, 34, 47, input.length), List.copyOf(ends), "the reference reading of the records");
        for (int size = 4; size <= input.length + 1; size++) {
            for (int read = 1; read <= 3; read++) {
                check(input, 0, parts(input, size, read), "parts of " + size + " bytes, reads of " + read);
            }
        }
    }

    @Test
    void aByteOrderMarkIsSkippedAndLinesStillCountFromOne() throws Exception {
        byte[] body = "id,t\n1,\"a\nb\"\n2,3\n".getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[body.length + 3];
        input[0] = (byte) 0xEF;
        input[1] = (byte) 0xBB;
        input[2] = (byte) 0xBF;
        System.arraycopy(body, 0, input, 3, body.length);
        for (int size = 4; size < 24; size++) {
            List<Chunker.Chunk> parts = parts(input, size, 1);
            check(input, 3, parts, "parts of " + size + " bytes");
        }
        TreeSet<Long> firstLines = new TreeSet<>();
        for (int size = 4; size < 24; size++) {
            parts(input, size, 1).forEach(p -> firstLines.add(p.firstLine()));
        }
        assertEquals(List.of(1L, 2L, 4L), List.copyOf(firstLines),
                "parts start on the header's line, the first record's and, after its quoted line break, line 4");
    }

    @Test
    void anIncompleteByteOrderMarkIsAnError() {
        byte[] input = {(byte) 0xEF, (byte) 0xBB, 'a', ',', 'b', '\n'};
        IOException e = assertThrows(IOException.class, () -> parts(input, 16, 1));
        assertTrue(e.getMessage().contains("byte-order mark"), e.getMessage());
    }

    @Test
    void anEmptyInputHasNoPartsAndAFinalRecordWithoutLineBreakIsKept() throws Exception {
        assertNull(new Chunker(new ByteArrayInputStream(new byte[0]), 16).next());
        assertNull(new Chunker(new ByteArrayInputStream(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), 16)
                .next());
        byte[] input = "a,b\n1,2".getBytes(StandardCharsets.UTF_8);
        List<Chunker.Chunk> parts = parts(input, 4, 1);
        check(input, 0, parts, "no final line break");
        Chunker.Chunk last = parts.get(parts.size() - 1);
        assertEquals("1,2", new String(last.bytes(), last.from(), last.to() - last.from(), StandardCharsets.UTF_8));
        assertEquals(2, last.firstLine());
    }

    @Test
    void aRecordLongerThanTheLimitEndsTheReadingWithItsLine() {
        byte[] input = new byte[2 * CsvReader.MAX_RECORD_BYTES];
        java.util.Arrays.fill(input, (byte) 'x');
        byte[] start = "a\n1\n\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, input, 0, start.length);
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> parts(input, 1 << 12, 1 << 16));
        assertEquals(3, e.line(), "the unclosed quote opens on line 3");
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }

    /** The parts join to the input after {@code skip} bytes, each ends where a record ends, lines count from 1. */
    private static void check(byte[] input, int skip, List<Chunker.Chunk> parts, String where) {
        TreeSet<Integer> ends = recordEnds(input, skip);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int offset = skip;
        for (Chunker.Chunk part : parts) {
            int length = part.to() - part.from();
            assertTrue(length > 0, where + ": an empty part");
            joined.write(part.bytes(), part.from(), length);
            assertEquals(1 + lineBreaks(input, skip, offset), part.firstLine(), where + ": the first line of the part at byte " + offset);
            offset += length;
            assertTrue(ends.contains(offset), where + ": a part ends at byte " + offset + ", inside a record");
        }
        byte[] body = new byte[input.length - skip];
        System.arraycopy(input, skip, body, 0, body.length);
        assertArrayEquals(body, joined.toByteArray(), where + ": the parts are not the input");
    }

    private static long lineBreaks(byte[] input, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (input[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The offsets right after each record (after its line break), and the input's end. */
    static TreeSet<Integer> recordEnds(byte[] input, int from) {
        TreeSet<Integer> ends = new TreeSet<>();
        int state = 0; // 0 at a field's start, 1 unquoted, 2 quoted, 3 after a quote inside a quoted field
        for (int i = from; i < input.length; i++) {
            byte c = input[i];
            switch (state) {
                case 0, 1 -> {
                    if (c == '\n') {
                        ends.add(i + 1);
                        state = 0;
                    } else if (c == ',') {
                        state = 0;
                    } else if (c == '"' && state == 0) {
                        state = 2;
                    } else {
                        state = 1;
                    }
                }
                case 2 -> state = c == '"' ? 3 : 2;
                default -> {
                    if (c == '"') {
                        state = 2;
                    } else if (c == '\n') {
                        ends.add(i + 1);
                        state = 0;
                    } else {
                        state = c == ',' ? 0 : 1;
                    }
                }
            }
        }
        ends.add(input.length);
        return ends;
    }

    private static byte[] randomCsv(SplittableRandom random, int records) {
        StringBuilder b = new StringBuilder("patient_id,note,other\n");
        for (int r = 0; r < records; r++) {
            int fields = 1 + random.nextInt(4);
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    b.append(',');
                }
                b.append(switch (random.nextInt(9)) {
                    case 0 -> "";
                    case 1 -> "\"\"";
                    case 2 -> "\"a, b\"";
                    case 3 -> "\"two\nlines\"";
                    case 4 -> "\"say \"\"hi\"\"\"";
                    case 5 -> "\"\"\"\n\"";
                    case 6 -> "5\" tall";
                    case 7 -> "\"\n\"\"\n\"";
                    default -> "v" + random.nextInt(1000);
                });
            }
            b.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Chunker.Chunk> parts(byte[] input, int size, SplittableRandom reads) throws Exception {
        return parts(new Chunker(new TrickleStream(input, reads, 0), size));
    }

    private static List<Chunker.Chunk> parts(byte[] input, int size, int readSize) throws Exception {
        return parts(new Chunker(new TrickleStream(input, null, readSize), size));
    }

    private static List<Chunker.Chunk> parts(Chunker chunker) throws Exception {
        List<Chunker.Chunk> parts = new ArrayList<>();
        for (Chunker.Chunk c; (c = chunker.next()) != null; ) {
            // a part's bytes are its own: the chunker keeps no reference it writes into later
            parts.add(new Chunker.Chunk(java.util.Arrays.copyOfRange(c.bytes(), c.from(), c.to()), 0, c.to() - c.from(),
                    c.firstLine()));
        }
        return parts;
    }

    /** Hands out the input in reads of a fixed or random size (1 to 9 bytes). */
    private static final class TrickleStream extends InputStream {
        private final InputStream in;
        private final SplittableRandom random;
        private final int readSize;

        TrickleStream(byte[] input, SplittableRandom random, int readSize) {
            this.in = new ByteArrayInputStream(input);
            this.random = random;
            this.readSize = readSize;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = random != null ? 1 + random.nextInt(9) : readSize;
            return in.read(b, off, Math.min(len, n));
        }
    }
}
