package org.hepatica.platform.internal.csv;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/** A CSV of a header and {@code rows} generated rows, made as it is read: files larger than the heap. */
public final class GeneratedCsv extends InputStream {
    private final String header;
    private final int rows;
    private final IntFunction<String> row;
    private int next = -1;
    private byte[] current = new byte[0];
    private int at;

    /** {@code row.apply(i)} is row i without its line break. */
    public GeneratedCsv(String header, int rows, IntFunction<String> row) {
        this.header = header;
        this.rows = rows;
        this.row = row;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (at == current.length) {
            if (next >= rows) {
                return -1;
            }
            current = ((next < 0 ? header : row.apply(next)) + "\n").getBytes(StandardCharsets.UTF_8);
            at = 0;
            next++;
        }
        int n = Math.min(len, current.length - at);
        System.arraycopy(current, at, b, off, n);
        at += n;
        return n;
    }
}
