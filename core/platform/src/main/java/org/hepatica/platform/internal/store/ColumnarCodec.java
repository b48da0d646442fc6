package org.hepatica.platform.internal.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.hepatica.cohort.ColumnType;
import org.hepatica.platform.internal.model.Column;
import org.hepatica.platform.internal.model.CohortData;

/**
 * The stored form of a cohort: one compact columnar byte array. Whole-number columns are stored as
 * 32-bit integers, categorical codes in 1, 2 or 4 bytes as the number of levels needs, so a million
 * patients take tens of megabytes and load in a fraction of a second.
 *
 * <pre>
 * "HEPC" version(int=1) n(int) columns(int)
 *   per column: name(UTF) type(byte) kind(byte) payload
 *     kind 0 doubles: n x 8 bytes    kind 1 ints (NaN = Integer.MIN_VALUE): n x 4 bytes
 *     kind 2 categorical: levels(int) level(UTF)... width(byte) n x width bytes (code + 1)
 *     kind 3 text: n x (present(byte) UTF)
 * endpoints: osTime doubles, osEvent bytes, dfsTime doubles, dfsEvent bytes, dfsCause bytes
 * </pre>
 * Numbers are big-endian; UTF is the modified UTF-8 of {@link java.io.DataOutput#writeUTF}. Encoding
 * and decoding go through one 64 KB buffer ({@link Sink}, {@link Source}), never a call per byte.
 */
public final class ColumnarCodec {
    private static final int MAGIC = 0x48455043; // "HEPC"
    private static final int VERSION = 1;
    private static final int MISSING_INT = Integer.MIN_VALUE;
    private static final int BUFFER = 1 << 16;

    private ColumnarCodec() {
    }

    /** The stored form in memory (small cohorts, tests). */
    public static byte[] encode(CohortData data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, data.size() * 16));
        encode(data, bytes);
        return bytes.toByteArray();
    }

    /**
     * Writes the stored form to {@code target} through one fixed buffer, so that encoding needs no
     * memory in proportion to the cohort beyond the cohort itself.
     */
    public static void encode(CohortData data, OutputStream target) throws IOException {
        int n = data.size();
        Sink out = new Sink(target);
        out.putInt(MAGIC);
        out.putInt(VERSION);
        out.putInt(n);
        out.putInt(data.columns().size());
        for (Column c : data.columns()) {
            out.putUTF(c.name());
            out.put(c.type().ordinal());
            if (c.values() != null) {
                if (wholeNumbers(c.values())) {
                    out.put(1);
                    for (double v : c.values()) {
                        out.putInt(Double.isNaN(v) ? MISSING_INT : (int) v);
                    }
                } else {
                    out.put(0);
                    out.putDoubles(c.values());
                }
            } else if (c.codes() != null) {
                out.put(2);
                out.putInt(c.levels().size());
                for (String level : c.levels()) {
                    out.putUTF(level);
                }
                int width = width(c.levels().size());
                out.put(width);
                for (int code : c.codes()) {
                    out.putCode(width, code + 1);
                }
            } else {
                out.put(3);
                for (String t : c.texts()) {
                    out.put(t != null ? 1 : 0);
                    if (t != null) {
                        out.putUTF(t);
                    }
                }
            }
        }
        out.putDoubles(data.osTime());
        out.putBytes(data.osEvent());
        out.putDoubles(data.dfsTime());
        out.putBytes(data.dfsEvent());
        out.putBytes(data.dfsCause());
        out.flush();
    }

    public static CohortData decode(byte[] blob) throws IOException {
        return decode(new ByteArrayInputStream(blob));
    }

    /** Reads the stored form from {@code source}. */
    public static CohortData decode(InputStream source) throws IOException {
        Source in = new Source(source);
        if (in.getInt() != MAGIC) {
            throw new IOException("not a stored cohort");
        }
        int version = in.getInt();
        if (version != VERSION) {
            throw new IOException("stored cohort format " + version + " is not known to this platform version");
        }
        int n = in.getInt();
        int count = in.getInt();
        List<Column> columns = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            String name = in.getUTF();
            ColumnType type = ColumnType.values()[in.get()];
            int kind = in.get();
            switch (kind) {
                case 0 -> columns.add(Column.numeric(name, type, in.getDoubles(n)));
                case 1 -> {
                    double[] values = new double[n];
                    for (int i = 0; i < n; i++) {
                        int v = in.getInt();
                        values[i] = v == MISSING_INT ? Double.NaN : v;
                    }
                    columns.add(Column.numeric(name, type, values));
                }
                case 2 -> {
                    int levels = in.getInt();
                    List<String> names = new ArrayList<>(levels);
                    for (int i = 0; i < levels; i++) {
                        names.add(in.getUTF());
                    }
                    int width = in.get();
                    int[] codes = new int[n];
                    for (int i = 0; i < n; i++) {
                        codes[i] = in.getCode(width) - 1;
                    }
                    columns.add(Column.categorical(name, codes, names));
                }
                case 3 -> {
                    String[] texts = new String[n];
                    for (int i = 0; i < n; i++) {
                        texts[i] = in.get() != 0 ? in.getUTF() : null;
                    }
                    columns.add(Column.text(name, texts));
                }
                default -> throw new IOException("stored column '" + name + "' has unknown kind " + kind);
            }
        }
        return new CohortData(columns, in.getDoubles(n), in.getBytes(n), in.getDoubles(n), in.getBytes(n),
                in.getBytes(n));
    }

    private static boolean wholeNumbers(double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v) && (v != Math.rint(v) || v <= MISSING_INT || v > Integer.MAX_VALUE
                    || (v == 0 && 1 / v < 0))) {
                return false;
            }
        }
        return true;
    }

    private static int width(int levels) {
        return levels < 255 ? 1 : levels < 65535 ? 2 : 4;
    }

    /** Big-endian output through one buffer, flushed to the stream when full. */
    private static final class Sink {
        private final OutputStream out;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);

        Sink(OutputStream out) {
            this.out = out;
        }

        private void room(int bytes) throws IOException {
            if (buf.remaining() < bytes) {
                flush();
            }
        }

        void flush() throws IOException {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }

        void put(int b) throws IOException {
            room(1);
            buf.put((byte) b);
        }

        void putInt(int v) throws IOException {
            room(4);
            buf.putInt(v);
        }

        /** Doubles in bulk, a buffer's worth at a time. */
        void putDoubles(double[] values) throws IOException {
            for (int from = 0; from < values.length;) {
                room(8);
                int len = Math.min(values.length - from, buf.remaining() / 8);
                buf.asDoubleBuffer().put(values, from, len);
                buf.position(buf.position() + len * 8);
                from += len;
            }
        }

        void putCode(int width, int v) throws IOException {
            switch (width) {
                case 1 -> put(v);
                case 2 -> {
                    room(2);
                    buf.putShort((short) v);
                }
                default -> putInt(v);
            }
        }

        void putBytes(int[] values) throws IOException {
            for (int v : values) {
                put(v);
            }
        }

        /** Modified UTF-8 with a 2-byte length, as {@link java.io.DataOutput#writeUTF}. */
        void putUTF(String s) throws IOException {
            int len = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                len += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
            }
            if (len > 65535) {
                throw new UTFDataFormatException("text of " + len + " bytes is too long to store");
            }
            room(2);
            buf.putShort((short) len);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                room(3);
                if (c >= 1 && c <= 0x7F) {
                    buf.put((byte) c);
                } else if (c <= 0x7FF) {
                    buf.put((byte) (0xC0 | (c >> 6)));
                    buf.put((byte) (0x80 | (c & 0x3F)));
                } else {
                    buf.put((byte) (0xE0 | (c >> 12)));
                    buf.put((byte) (0x80 | ((c >> 6) & 0x3F)));
                    buf.put((byte) (0x80 | (c & 0x3F)));
                }
            }
        }
    }

    /** Big-endian input through one buffer, refilled from the stream when it runs low. */
    private static final class Source {
        private final InputStream in;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER).flip();

        Source(InputStream in) {
            this.in = in;
        }

        private void need(int bytes) throws IOException {
            if (buf.remaining() >= bytes) {
                return;
            }
            buf.compact();
            while (buf.position() < bytes) {
                int r = in.read(buf.array(), buf.position(), buf.capacity() - buf.position());
                if (r < 0) {
                    throw new EOFException("the stored cohort ends early");
                }
                buf.position(buf.position() + r);
            }
            buf.flip();
        }

        int get() throws IOException {
            need(1);
            return buf.get();
        }

        int getInt() throws IOException {
            need(4);
            return buf.getInt();
        }

        int getCode(int width) throws IOException {
            return switch (width) {
                case 1 -> get() & 0xff;
                case 2 -> {
                    need(2);
                    yield buf.getShort() & 0xffff;
                }
                default -> getInt();
            };
        }

        double[] getDoubles(int n) throws IOException {
            double[] values = new double[n];
            for (int from = 0; from < n;) {
                need(8);
                int len = Math.min(n - from, buf.remaining() / 8);
                buf.asDoubleBuffer().get(values, from, len);
                buf.position(buf.position() + len * 8);
                from += len;
            }
            return values;
        }

        int[] getBytes(int n) throws IOException {
            int[] values = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = get();
            }
            return values;
        }

        /** Modified UTF-8 with a 2-byte length, as {@link java.io.DataInput#readUTF}. */
        String getUTF() throws IOException {
            need(2);
            int len = buf.getShort() & 0xffff;
            need(len);
            char[] chars = new char[len];
            int count = 0;
            int end = buf.position() + len;
            while (buf.position() < end) {
                int a = buf.get() & 0xff;
                if (a < 0x80) {
                    chars[count++] = (char) a;
                } else if ((a & 0xE0) == 0xC0) {
                    int b = buf.get() & 0xff;
                    chars[count++] = (char) (((a & 0x1F) << 6) | (b & 0x3F));
                } else {
                    int b = buf.get() & 0xff;
                    int c = buf.get() & 0xff;
                    chars[count++] = (char) (((a & 0x0F) << 12) | ((b & 0x3F) << 6) | (c & 0x3F));
                }
            }
            return new String(chars, 0, count);
        }
    }
}
