package org.hepatica.platform.internal.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A streaming RFC 4180 reader working on bytes: comma-separated, {@code "} quoting with {@code ""}
 * escapes, quoted line breaks, LF or CRLF line ends, a leading UTF-8 BOM skipped. Fields are
 * decoded as strict UTF-8 only when asked for: numbers, dates and known values are read from the
 * record's bytes (see {@link #number}, {@link #epochDay}, {@link #fieldEquals}), so they never become
 * strings.
 *
 * <p>Problems inside a record (text after a closing quote, invalid UTF-8) do not stop the reader:
 * they are reported for that record by {@link #recordProblem()}, so the caller can reject the row
 * and go on. A record longer than {@link #MAX_RECORD_BYTES} or a quote left open at the end of the
 * input end the reading with a {@link CsvFormatException}.
 *
 * <p>The parser reads the parts {@link Chunker} cuts from an input, each a byte array, where plain
 * records are read in place and the others copied as from a stream; reading a stream directly gives
 * the same records (CsvReaderTest holds the two to each other).
 */
public final class CsvReader {
    /** The longest record accepted, in bytes. */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;
    /** The most fields a record may have. */
    public static final int MAX_FIELDS = 10_000;

    private static final byte QUOTE = '"';
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final InputStream in;
    private final byte delimiter;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;

    /** The bytes the current record's fields point into: {@link #copy}, or the input itself (in place). */
    private byte[] record;
    /** The current record with quotes removed, when it could not be read in place. */
    private byte[] copy = new byte[1024];
    private int recordLength;
    private int[] fieldStart = new int[64];
    private int[] fieldEnd = new int[64];
    private boolean[] fieldQuoted = new boolean[64];
    private int fields;
    private long line = 1;
    private long recordLine;
    private int recordOffset;
    private String problem;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /** Reads the comma-separated records of a stream, skipping a leading byte-order mark. */
    public CsvReader(InputStream in) {
        this.in = in;
        this.delimiter = ',';
        this.buf = new byte[1 << 16];
    }

    /**
     * Reads the comma-separated records in {@code bytes[from, to)}, a part of an input cut at record
     * boundaries (see {@link Chunker}), whose first line is line {@code firstLine} of the input. No
     * byte-order mark is looked for; {@link #recordOffset()} and {@link #offset()} are indices into
     * {@code bytes}.
     */
    public CsvReader(byte[] bytes, int from, int to, long firstLine) {
        this.in = null;
        this.delimiter = ',';
        this.buf = bytes;
        this.pos = from;
        this.limit = to;
        this.eof = true;
        this.started = true;
        this.line = firstLine;
    }

    /** Refills the input buffer when it is used up; false at the end of the input. */
    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private int read() throws IOException {
        return fill() ? buf[pos++] & 0xff : -1;
    }

    private int peek() throws IOException {
        return fill() ? buf[pos] & 0xff : -1;
    }

    private void append(int b) throws CsvFormatException {
        ensureRoom(1);
        copy[recordLength++] = (byte) b;
    }

    /** Appends {@code buf[from, to)} to the record in one copy. */
    private void appendRun(int from, int to) throws CsvFormatException {
        int n = to - from;
        ensureRoom(n);
        System.arraycopy(buf, from, copy, recordLength, n);
        recordLength += n;
    }

    private void ensureRoom(int n) throws CsvFormatException {
        int needed = recordLength + n;
        if (needed > copy.length) {
            if (needed > MAX_RECORD_BYTES) {
                throw new CsvFormatException(recordLine, "the record is longer than " + MAX_RECORD_BYTES
                        + " bytes; is this a CSV file, with line breaks between rows?");
            }
            copy = Arrays.copyOf(copy, Math.min(MAX_RECORD_BYTES, Math.max(needed, copy.length * 2)));
            record = copy; // the fields of a copied record point into the grown array, not the old one
        }
    }

    private void endField(int start, boolean quoted) throws CsvFormatException {
        addField(start, recordLength, quoted);
    }

    private void addField(int start, int end, boolean quoted) throws CsvFormatException {
        if (fields == fieldStart.length) {
            if (fields >= MAX_FIELDS) {
                throw new CsvFormatException(recordLine, "more than " + MAX_FIELDS + " columns");
            }
            int n = Math.min(MAX_FIELDS, fields * 2);
            fieldStart = Arrays.copyOf(fieldStart, n);
            fieldEnd = Arrays.copyOf(fieldEnd, n);
            fieldQuoted = Arrays.copyOf(fieldQuoted, n);
        }
        fieldStart[fields] = start;
        fieldEnd[fields] = end;
        fieldQuoted[fields] = quoted;
        fields++;
    }

    /**
     * Advances to the next record, skipping lines that are entirely empty.
     *
     * @return false at the end of the input
     * @throws CsvFormatException when the input cannot be read as CSV from here on
     */
    public boolean next() throws IOException, CsvFormatException {
        if (!started) {
            started = true;
            skipBom();
        }
        while (true) {
            recordLength = 0;
            fields = 0;
            problem = null;
            recordLine = line;
            int c = read();
            if (c < 0) {
                return false;
            }
            if (c == LF) {
                line++;
                continue;
            }
            if (c == CR && peek() == LF) {
                read();
                line++;
                continue;
            }
            pos--;
            recordOffset = pos;
            if (in == null && readInPlace()) {
                return true;
            }
            pos = recordOffset;
            fields = 0;
            record = copy;
            readRecord();
            return true;
        }
    }

    private void skipBom() throws IOException {
        if (peek() == 0xEF) {
            read();
            if (peek() == 0xBB) {
                read();
                if (peek() == 0xBF) {
                    read();
                    return;
                }
            }
            throw new IOException("the input starts with an incomplete byte-order mark");
        }
    }

    /** Whether {@code c} ends a run of plain field bytes: the delimiter, a quote or a line end. */
    private boolean isSpecial(byte c) {
        return c == delimiter || c == LF || c == CR || c == QUOTE;
    }

    /**
     * Reads one record of a byte array where it lies, its fields pointing into the input: no copy.
     * Gives up, having changed nothing the copying {@link #readRecord} depends on, at anything but
     * plain fields and quoted fields without doubled quotes (a doubled quote, text after a closing
     * quote, a quote never closed), which {@link #readRecord} then reads and reports.
     */
    private boolean readInPlace() throws CsvFormatException {
        byte[] b = buf;
        int p = pos;
        long breaks = 0;
        fields = 0;
        while (true) {
            int start;
            int end;
            boolean quoted = p < limit && b[p] == QUOTE;
            if (quoted) {
                int q = p + 1;
                while (q < limit && b[q] != QUOTE) {
                    if (b[q] == LF) {
                        breaks++;
                    }
                    q++;
                }
                if (q >= limit) {
                    return false;
                }
                start = p + 1;
                end = q;
                p = q + 1;
                if (p < limit && b[p] != delimiter && b[p] != LF && !(b[p] == CR && p + 1 < limit && b[p + 1] == LF)) {
                    return false;
                }
            } else {
                start = p;
                while (p < limit) {
                    byte c = b[p];
                    if (c == delimiter || c == LF || (c == CR && p + 1 < limit && b[p + 1] == LF)) {
                        break;
                    }
                    p++;
                }
                end = p;
            }
            if (end - start > MAX_RECORD_BYTES) {
                return false;
            }
            record = b;
            addField(start, end, quoted);
            if (p >= limit) {
                pos = p;
                line += breaks + 1;
                return true;
            }
            if (b[p] == delimiter) {
                p++;
                continue;
            }
            pos = b[p] == LF ? p + 1 : p + 2;
            line += breaks + 1;
            return true;
        }
    }

    /**
     * Reads one record. Runs of plain bytes are found in the input buffer and copied in one go;
     * only the delimiter, quotes and line ends are looked at one by one.
     */
    private void readRecord() throws IOException, CsvFormatException {
        int start = 0;
        boolean quoted = false;
        while (true) {
            if (!fill()) {
                endField(start, quoted);
                line++;
                return;
            }
            int end = pos;
            while (end < limit && !isSpecial(buf[end])) {
                end++;
            }
            if (end > pos) {
                if (quoted && problem == null) {
                    // text after the closing quote: keep it, but the record is malformed
                    problem = unexpectedText();
                }
                appendRun(pos, end);
                pos = end;
                continue;
            }
            int c = buf[pos++];
            if (c == delimiter) {
                endField(start, quoted);
                start = recordLength;
                quoted = false;
            } else if (c == LF) {
                endField(start, quoted);
                line++;
                return;
            } else if (c == CR && peek() == LF) {
                read();
                endField(start, quoted);
                line++;
                return;
            } else if (c == QUOTE && recordLength == start && !quoted) {
                quoted = true;
                readQuoted();
            } else {
                if (quoted && problem == null) {
                    problem = unexpectedText();
                }
                append(c);
            }
        }
    }

    private String unexpectedText() {
        return "unexpected text after a closing quote in field " + (fields + 1);
    }

    /** Reads a quoted field's content after its opening quote, up to and including the closing quote. */
    private void readQuoted() throws IOException, CsvFormatException {
        while (true) {
            if (!fill()) {
                throw new CsvFormatException(recordLine, "a quoted field opened on line " + recordLine
                        + " is never closed");
            }
            int end = pos;
            while (end < limit && buf[end] != QUOTE) {
                if (buf[end] == LF) {
                    line++;
                }
                end++;
            }
            if (end > pos) {
                appendRun(pos, end);
                pos = end;
                continue;
            }
            pos++; // the quote
            if (peek() == QUOTE) {
                read();
                append(QUOTE);
            } else {
                return;
            }
        }
    }

    /** The physical line (1-based) on which the current record starts. */
    public long line() {
        return recordLine;
    }

    /** Reading a byte array: the index of the current record's first byte. */
    int recordOffset() {
        return recordOffset;
    }

    /** Reading a byte array: the index just after the current record and its line end. */
    int offset() {
        return pos;
    }

    /** The physical line (1-based) on which the next record would start. */
    long nextLine() {
        return line;
    }

    /** Number of fields of the current record. */
    public int fieldCount() {
        return fields;
    }

    /** A problem found while reading the current record, or null. */
    public String recordProblem() {
        return problem;
    }

    /** Whether field {@code i} is blank: empty or only spaces and tabs. */
    public boolean isBlank(int i) {
        for (int k = fieldStart[i]; k < fieldEnd[i]; k++) {
            if (record[k] != ' ' && record[k] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Whether the record contains byte {@code b} outside quotes or inside. */
    public boolean contains(byte b) {
        for (int i = 0; i < fields; i++) {
            for (int k = fieldStart[i]; k < fieldEnd[i]; k++) {
                if (record[k] == b) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where field {@code i} starts once leading spaces are trimmed, as {@link #field} trims. */
    private int trimmedStart(int i) {
        int s = fieldStart[i];
        int e = fieldEnd[i];
        while (s < e && record[s] == ' ') {
            s++;
        }
        return s;
    }

    /**
     * Where field {@code i} ends once trailing spaces are trimmed, as {@link #field} trims; a field
     * of spaces only ends where {@link #trimmedStart} starts it (it is empty).
     */
    private int trimmedEnd(int i) {
        int s = trimmedStart(i);
        int e = fieldEnd[i];
        while (e > s && record[e - 1] == ' ') {
            e--;
        }
        return e;
    }

    /** Field {@code i}, trimmed of spaces, read as by {@link Numbers#parse(String)} without making a String. */
    double number(int i) {
        return Numbers.parse(record, trimmedStart(i), trimmedEnd(i));
    }

    /** Field {@code i}, trimmed of spaces, as {@link Numbers#epochDay}: days or {@link Numbers#NOT_A_DATE}. */
    long epochDay(int i) {
        return Numbers.epochDay(record, trimmedStart(i), trimmedEnd(i));
    }

    /** Whether field {@code i}, trimmed of spaces, is exactly {@code bytes}. */
    boolean fieldEquals(int i, byte[] bytes) {
        int s = trimmedStart(i);
        return trimmedEnd(i) - s == bytes.length && Arrays.equals(record, s, s + bytes.length, bytes, 0, bytes.length);
    }

    /** A copy of field {@code i}'s bytes, trimmed of spaces. */
    byte[] fieldBytes(int i) {
        return Arrays.copyOfRange(record, trimmedStart(i), trimmedEnd(i));
    }

    /**
     * Field {@code i} decoded as UTF-8 and trimmed of spaces.
     *
     * @throws CharacterCodingException when the bytes are not valid UTF-8
     */
    public String field(int i) throws CharacterCodingException {
        int s = trimmedStart(i);
        int e = trimmedEnd(i);
        boolean ascii = true;
        for (int k = s; k < e; k++) {
            if (record[k] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(record, s, e - s, StandardCharsets.ISO_8859_1);
        }
        CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(record, s, e - s));
        return chars.toString();
    }
}
