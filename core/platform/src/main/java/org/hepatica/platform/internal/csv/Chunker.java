package org.hepatica.platform.internal.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a comma-separated input into parts of about {@code size} bytes that end on record
 * boundaries, so that each part can be read by its own {@link CsvReader} on another thread. A line
 * break ends a record unless it lies inside a quoted field; where a field is quoted follows exactly
 * the rules of {@link CsvReader} (a quote opens a quoted field only as the field's first byte, and a
 * doubled quote inside one is a quote). Each part knows the input line it starts on.
 *
 * <p>A leading UTF-8 byte-order mark is skipped. A record longer than
 * {@link CsvReader#MAX_RECORD_BYTES} (typically a quote that is never closed) ends the reading with
 * a {@link CsvFormatException}, so the memory held never exceeds that plus one part.
 */
final class Chunker {
    /** Bytes {@code bytes[from, to)}, whole records, starting on line {@code firstLine} of the input. */
    record Chunk(byte[] bytes, int from, int to, long firstLine) {
        CsvReader reader() {
            return new CsvReader(bytes, from, to, firstLine);
        }
    }

    private static final byte QUOTE = '"';
    private static final byte LF = '\n';
    private static final byte DELIMITER = ',';

    /** Scanner states: at a field's start, in an unquoted field, in a quoted one, just after a quote in one. */
    private static final int START = 0;
    private static final int PLAIN = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final InputStream in;
    private final int size;
    private boolean started;
    private boolean eof;

    /** Bytes read but not yet handed out (the start of an unfinished record), already scanned. */
    private byte[] pending = new byte[0];
    private int pendingLength;
    /** The scanner's state at the end of the pending bytes. */
    private int state = START;
    /** The line on which the pending bytes start, and the line breaks counted in them. */
    private long pendingLine = 1;
    private long pendingBreaks;

    Chunker(InputStream in, int size) {
        this.in = in;
        this.size = Math.max(4, size);
    }

    /** The next part, or null at the end of the input. */
    Chunk next() throws IOException, CsvFormatException {
        if (eof && pendingLength == 0) {
            return null;
        }
        byte[] bytes = new byte[Math.max(size, pendingLength + size / 2)];
        System.arraycopy(pending, 0, bytes, 0, pendingLength);
        int length = pendingLength;
        int from = 0;
        int scanned = pendingLength;
        long breaks = pendingBreaks;
        int boundary = -1;
        long breaksAtBoundary = 0;
        while (true) {
            if (!eof) {
                int n = in.read(bytes, length, bytes.length - length);
                if (n < 0) {
                    eof = true;
                } else {
                    length += n;
                }
            }
            if (!started && (length >= 3 || eof)) {
                started = true;
                from = skipBom(bytes, length);
                scanned = Math.max(scanned, from);
            }
            if (!started) {
                continue;
            }
            // scan the new bytes for record ends outside quotes
            int s = state;
            int k = scanned;
            while (k < length) {
                if (s == START || s == PLAIN) {
                    // outside quotes only line breaks and quotes matter, until the next quote
                    int q = k;
                    for (; q < length; q++) {
                        byte c = bytes[q];
                        if (c == QUOTE) {
                            break;
                        }
                        if (c == LF) {
                            breaks++;
                            boundary = q + 1;
                            breaksAtBoundary = breaks;
                        }
                    }
                    if (q > k) {
                        byte last = bytes[q - 1];
                        s = last == LF || last == DELIMITER ? START : PLAIN;
                    }
                    if (q < length) {
                        // a quote opens a quoted field only as its first byte
                        s = s == START ? QUOTED : PLAIN;
                        q++;
                    }
                    k = q;
                } else if (s == QUOTED) {
                    while (k < length && bytes[k] != QUOTE) {
                        if (bytes[k] == LF) {
                            breaks++;
                        }
                        k++;
                    }
                    if (k < length) {
                        s = QUOTE_IN_QUOTED;
                        k++;
                    }
                } else {
                    // after a quote in a quoted field: a doubled quote, or the field has ended
                    byte c = bytes[k++];
                    if (c == QUOTE) {
                        s = QUOTED;
                    } else if (c == DELIMITER) {
                        s = START;
                    } else if (c == LF) {
                        breaks++;
                        s = START;
                        boundary = k;
                        breaksAtBoundary = breaks;
                    } else {
                        s = PLAIN;
                    }
                }
            }
            state = s;
            scanned = length;
            if (eof) {
                pendingLength = 0;
                long line = pendingLine;
                pendingLine += breaks;
                pendingBreaks = 0;
                return length > from ? new Chunk(bytes, from, length, line) : null;
            }
            if (length == bytes.length) {
                if (boundary > from) {
                    return cut(bytes, from, boundary, length, breaksAtBoundary, breaks);
                }
                if (length - from > CsvReader.MAX_RECORD_BYTES) {
                    throw new CsvFormatException(pendingLine, "the record is longer than " + CsvReader.MAX_RECORD_BYTES
                            + " bytes; is this a CSV file, with line breaks between rows?");
                }
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
        }
    }

    /** Hands out {@code bytes[from, boundary)} and keeps {@code bytes[boundary, length)} pending. */
    private Chunk cut(byte[] bytes, int from, int boundary, int length, long breaksAtBoundary, long breaks) {
        pendingLength = length - boundary;
        if (pending.length < pendingLength) {
            pending = new byte[Math.max(pendingLength, 1024)];
        }
        System.arraycopy(bytes, boundary, pending, 0, pendingLength);
        long line = pendingLine;
        pendingLine += breaksAtBoundary;
        pendingBreaks = breaks - breaksAtBoundary;
        return new Chunk(bytes, from, boundary, line);
    }

    private static int skipBom(byte[] bytes, int length) throws IOException {
        if (length > 0 && (bytes[0] & 0xff) == 0xEF) {
            if (length >= 3 && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
                return 3;
            }
            throw new IOException("the input starts with an incomplete byte-order mark");
        }
        return 0;
    }
}
