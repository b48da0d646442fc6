package org.hepatica.platform.internal.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hepatica.cohort.ColumnType;
import org.hepatica.platform.internal.model.Column;
import org.hepatica.platform.internal.model.CohortData;

/**
 * The stored form of a cohort: one compact columnar byte array. Each numeric column is stored in the
 * narrowest kind that gives every value back bit for bit: whole numbers in 1, 2 or 4 bytes, numbers
 * with up to three decimal places as whole multiples of 0.1, 0.01 or 0.001, anything else as doubles.
 * Categorical codes take 1, 2 or 4 bytes as the number of levels needs, so a million patients take
 * about fifty megabytes and load in a fraction of a second.
 *
 * <pre>
 * "HEPC" version(int=2) n(int) columns(int)
 *   per column: name(UTF) type(byte) kind(byte) payload
 *     kind 4 int8, kind 5 int16, kind 1 int32: n x 1, 2 or 4 bytes, whole numbers; the width's
 *            minimum (-128, -32768, -2^31) = missing (NaN)
 *     kind 6 decimals: scale(byte 1..3) kind(byte 4, 5 or 1) n x 1, 2 or 4 bytes;
 *            value = stored / 10^scale, the width's minimum = missing
 *     kind 0 doubles: n x 8 bytes (-0.0, other NaNs, infinities, more decimals or digits)
 *     kind 2 categorical: levels(int) level(UTF)... width(byte) n x width bytes (code + 1, unsigned)
 *     kind 3 text: n x (present(byte) UTF)
 * endpoints: osTime, osEvent, dfsTime, dfsEvent, dfsCause, each kind(byte) payload:
 *   times in one of the numeric kinds above; events and causes in kind 4, 5 or 1 as they are
 *   (-1 = not derivable, no value missing)
 * </pre>
 * Numbers are big-endian; UTF is the modified UTF-8 of {@link java.io.DataOutput#writeUTF}. A kind
 * 6 value is {@code (double) stored / 10^scale}, and the encoder uses it only where that expression
 * gives every value of the column back exactly, so statistics on a decoded cohort are those on the
 * imported one.
 *
 * <p>Version 1, still read: numeric columns in kinds 0 and 1 only, and the endpoints without kind
 * bytes: osTime doubles, osEvent bytes, dfsTime doubles, dfsEvent bytes, dfsCause bytes.
 *
 * <p>Encoding and decoding go through one 64 KB buffer ({@link Sink}, {@link Source}), a buffer's
 * worth of values at a time, never a call per byte; encoding allocates nothing in proportion to the
 * cohort.
 */
public final class ColumnarCodec {
    private static final int MAGIC = 0x48455043; // "HEPC"
    private static final int VERSION = 2;
    private static final int BUFFER = 1 << 16;

    private static final int DOUBLES = 0;
    private static final int INT32 = 1;
    private static final int CATEGORICAL = 2;
    private static final int TEXT = 3;
    private static final int INT8 = 4;
    private static final int INT16 = 5;
    private static final int DECIMALS = 6;

    /** 10^scale; scale 0 is a whole number. */
    private static final double[] POWER = {1, 10, 100, 1000};
    /** The one missing value of a numeric column: the bits of {@link Double#NaN}. */
    private static final long MISSING = Double.doubleToRawLongBits(Double.NaN);

    private ColumnarCodec() {
    }

    /** The stored form in memory (small cohorts, tests). */
    public static byte[] encode(CohortData data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, data.size() * 8));
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
                putNumbers(out, c.values());
            } else if (c.codes() != null) {
                out.put(CATEGORICAL);
                out.putInt(c.levels().size());
                for (String level : c.levels()) {
                    out.putUTF(level);
                }
                int width = c.levels().size() < 255 ? 1 : c.levels().size() < 65535 ? 2 : 4;
                out.put(width);
                out.putInts(c.codes(), width, 1);
            } else {
                out.put(TEXT);
                for (String t : c.texts()) {
                    out.put(t != null ? 1 : 0);
                    if (t != null) {
                        out.putUTF(t);
                    }
                }
            }
        }
        putNumbers(out, data.osTime());
        putInts(out, data.osEvent());
        putNumbers(out, data.dfsTime());
        putInts(out, data.dfsEvent());
        putInts(out, data.dfsCause());
        out.flush();
    }

    /** Kind and payload of numbers: the smallest scale, then the narrowest width, that is exact. */
    private static void putNumbers(Sink out, double[] values) throws IOException {
        for (int scale = 0; scale < POWER.length; scale++) {
            int width = exactWidth(values, POWER[scale]);
            if (width > 0) {
                if (scale > 0) {
                    out.put(DECIMALS);
                    out.put(scale);
                }
                out.put(integerKind(width));
                out.putScaled(values, POWER[scale], width);
                return;
            }
        }
        out.put(DOUBLES);
        out.putDoubles(values);
    }

    /**
     * The narrowest width, 1, 2 or 4 bytes, whose integers hold {@code m = Math.rint(v * power)} for
     * every value {@code v} with the width's minimum left free for missing, where
     * {@code (double) m / power} is {@code v} bit for bit; 0 where no width does.
     */
    private static int exactWidth(double[] values, double power) {
        long min = 0;
        long max = 0;
        for (double v : values) {
            long bits = Double.doubleToRawLongBits(v);
            if (bits == MISSING) {
                continue;
            }
            long m = (long) Math.rint(v * power);
            if (m <= Integer.MIN_VALUE || m > Integer.MAX_VALUE || Double.doubleToRawLongBits(m / power) != bits) {
                return 0;
            }
            min = Math.min(min, m);
            max = Math.max(max, m);
        }
        return min > Byte.MIN_VALUE && max <= Byte.MAX_VALUE ? 1
                : min > Short.MIN_VALUE && max <= Short.MAX_VALUE ? 2 : 4;
    }

    /** Kind and payload of small integers (events, causes): the narrowest width, values as they are. */
    private static void putInts(Sink out, int[] values) throws IOException {
        int min = 0;
        int max = 0;
        for (int v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int width = min >= Byte.MIN_VALUE && max <= Byte.MAX_VALUE ? 1
                : min >= Short.MIN_VALUE && max <= Short.MAX_VALUE ? 2 : 4;
        out.put(integerKind(width));
        out.putInts(values, width, 0);
    }

    /** {@code Math.rint(v * power)}, which {@link #exactWidth} has checked, or {@code missing} for NaN. */
    private static int scaled(double v, double power, int missing) {
        return Double.isNaN(v) ? missing : (int) Math.rint(v * power);
    }

    private static int integerKind(int width) {
        return width == 1 ? INT8 : width == 2 ? INT16 : INT32;
    }

    public static CohortData decode(byte[] blob) throws IOException {
        return decode(new ByteArrayInputStream(blob));
    }

    /** Reads the stored form, version 2 or 1, from {@code source}. */
    public static CohortData decode(InputStream source) throws IOException {
        Source in = new Source(source);
        if (in.getInt() != MAGIC) {
            throw new IOException("not a stored cohort");
        }
        int version = in.getInt();
        if (version != 1 && version != VERSION) {
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
                case CATEGORICAL -> {
                    int levels = in.getInt();
                    List<String> names = new ArrayList<>(levels);
                    for (int i = 0; i < levels; i++) {
                        names.add(in.getUTF());
                    }
                    int width = in.get();
                    if (width != 1 && width != 2 && width != 4) {
                        throw new IOException("stored column '" + name + "' has codes of width " + width);
                    }
                    columns.add(Column.categorical(name, in.getInts(n, width, true), names));
                }
                case TEXT -> {
                    String[] texts = new String[n];
                    for (int i = 0; i < n; i++) {
                        texts[i] = in.get() != 0 ? in.getUTF() : null;
                    }
                    columns.add(Column.text(name, texts));
                }
                default -> columns.add(Column.numeric(name, type, getNumbers(in, kind, n, "column '" + name + "'")));
            }
        }
        if (version == 1) {
            return new CohortData(columns, in.getDoubles(n), in.getInts(n, 1, false), in.getDoubles(n),
                    in.getInts(n, 1, false), in.getInts(n, 1, false));
        }
        double[] osTime = getNumbers(in, in.get(), n, "osTime");
        int[] osEvent = getInts(in, n, "osEvent");
        double[] dfsTime = getNumbers(in, in.get(), n, "dfsTime");
        int[] dfsEvent = getInts(in, n, "dfsEvent");
        return new CohortData(columns, osTime, osEvent, dfsTime, dfsEvent, getInts(in, n, "dfsCause"));
    }

    private static double[] getNumbers(Source in, int kind, int n, String what) throws IOException {
        int scale = 0;
        if (kind == DECIMALS) {
            scale = in.get();
            if (scale < 1 || scale >= POWER.length) {
                throw new IOException("stored " + what + " has unknown scale " + scale);
            }
            kind = in.get();
        }
        return switch (kind) {
            case DOUBLES -> {
                if (scale > 0) {
                    throw new IOException("stored " + what + " has scaled doubles");
                }
                yield in.getDoubles(n);
            }
            case INT8 -> in.getScaled(n, 1, scale);
            case INT16 -> in.getScaled(n, 2, scale);
            case INT32 -> in.getScaled(n, 4, scale);
            default -> throw new IOException("stored " + what + " has unknown kind " + kind);
        };
    }

    private static int[] getInts(Source in, int n, String what) throws IOException {
        int kind = in.get();
        return switch (kind) {
            case INT8 -> in.getInts(n, 1, false);
            case INT16 -> in.getInts(n, 2, false);
            case INT32 -> in.getInts(n, 4, false);
            default -> throw new IOException("stored " + what + " has unknown kind " + kind);
        };
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

        /**
         * {@code Math.rint(v * power)} of each value in {@code width} bytes, the width's minimum for
         * missing; {@link #exactWidth} has checked that every one fits and is exact.
         */
        void putScaled(double[] values, double power, int width) throws IOException {
            for (int from = 0; from < values.length;) {
                room(width);
                int len = Math.min(values.length - from, buf.remaining() / width);
                int p = buf.position();
                int end = from + len;
                switch (width) {
                    case 1 -> {
                        byte[] a = buf.array();
                        for (int i = from; i < end; i++) {
                            a[p++] = (byte) scaled(values[i], power, Byte.MIN_VALUE);
                        }
                    }
                    case 2 -> {
                        for (int i = from; i < end; i++, p += 2) {
                            buf.putShort(p, (short) scaled(values[i], power, Short.MIN_VALUE));
                        }
                    }
                    default -> {
                        for (int i = from; i < end; i++, p += 4) {
                            buf.putInt(p, scaled(values[i], power, Integer.MIN_VALUE));
                        }
                    }
                }
                buf.position(buf.position() + len * width);
                from = end;
            }
        }

        /** {@code v + offset} of each value in {@code width} bytes, a buffer's worth at a time. */
        void putInts(int[] values, int width, int offset) throws IOException {
            for (int from = 0; from < values.length;) {
                room(width);
                int len = Math.min(values.length - from, buf.remaining() / width);
                int p = buf.position();
                int end = from + len;
                switch (width) {
                    case 1 -> {
                        byte[] a = buf.array();
                        for (int i = from; i < end; i++) {
                            a[p++] = (byte) (values[i] + offset);
                        }
                    }
                    case 2 -> {
                        for (int i = from; i < end; i++, p += 2) {
                            buf.putShort(p, (short) (values[i] + offset));
                        }
                    }
                    default -> {
                        for (int i = from; i < end; i++, p += 4) {
                            buf.putInt(p, values[i] + offset);
                        }
                    }
                }
                buf.position(buf.position() + len * width);
                from = end;
            }
        }

        /** Modified UTF-8 with a 2-byte length, as {@link java.io.DataOutput#writeUTF}. */
        void putUTF(String s) throws IOException {
            int chars = s.length();
            int len = 0;
            for (int i = 0; i < chars; i++) {
                char c = s.charAt(i);
                len += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
            }
            if (len > 65535) {
                throw new UTFDataFormatException("text of " + len + " bytes is too long to store");
            }
            room(2);
            buf.putShort((short) len);
            byte[] a = buf.array();
            int p = buf.position();
            for (int i = 0; i < chars; i++) {
                if (p > BUFFER - 3) {
                    buf.position(p);
                    flush();
                    p = 0;
                }
                char c = s.charAt(i);
                if (c >= 1 && c <= 0x7F) {
                    a[p++] = (byte) c;
                } else if (c <= 0x7FF) {
                    a[p++] = (byte) (0xC0 | (c >> 6));
                    a[p++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    a[p++] = (byte) (0xE0 | (c >> 12));
                    a[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    a[p++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            buf.position(p);
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

        /**
         * {@code n} integers of {@code width} bytes as {@code (double) stored / 10^scale}, the
         * width's minimum as NaN.
         */
        double[] getScaled(int n, int width, int scale) throws IOException {
            double[] values = new double[n];
            double power = POWER[scale];
            for (int from = 0; from < n;) {
                need(width);
                int len = Math.min(n - from, buf.remaining() / width);
                int p = buf.position();
                int end = from + len;
                switch (width) {
                    case 1 -> {
                        byte[] a = buf.array();
                        for (int i = from; i < end; i++) {
                            int m = a[p++];
                            values[i] = m == Byte.MIN_VALUE ? Double.NaN : scale == 0 ? m : m / power;
                        }
                    }
                    case 2 -> {
                        for (int i = from; i < end; i++, p += 2) {
                            int m = buf.getShort(p);
                            values[i] = m == Short.MIN_VALUE ? Double.NaN : scale == 0 ? m : m / power;
                        }
                    }
                    default -> {
                        for (int i = from; i < end; i++, p += 4) {
                            int m = buf.getInt(p);
                            values[i] = m == Integer.MIN_VALUE ? Double.NaN : scale == 0 ? m : m / power;
                        }
                    }
                }
                buf.position(buf.position() + len * width);
                from = end;
            }
            return values;
        }

        /**
         * {@code n} integers of {@code width} bytes; categorical {@code codes} are stored unsigned as
         * code + 1.
         */
        int[] getInts(int n, int width, boolean codes) throws IOException {
            int[] values = new int[n];
            int offset = codes ? -1 : 0;
            int mask = codes && width == 1 ? 0xFF : codes && width == 2 ? 0xFFFF : -1;
            for (int from = 0; from < n;) {
                need(width);
                int len = Math.min(n - from, buf.remaining() / width);
                int p = buf.position();
                int end = from + len;
                switch (width) {
                    case 1 -> {
                        byte[] a = buf.array();
                        for (int i = from; i < end; i++) {
                            values[i] = (a[p++] & mask) + offset;
                        }
                    }
                    case 2 -> {
                        for (int i = from; i < end; i++, p += 2) {
                            values[i] = (buf.getShort(p) & mask) + offset;
                        }
                    }
                    default -> {
                        for (int i = from; i < end; i++, p += 4) {
                            values[i] = buf.getInt(p) + offset;
                        }
                    }
                }
                buf.position(buf.position() + len * width);
                from = end;
            }
            return values;
        }

        /** Modified UTF-8 with a 2-byte length, as {@link java.io.DataInput#readUTF}. */
        String getUTF() throws IOException {
            need(2);
            int len = buf.getShort() & 0xffff;
            need(len);
            byte[] a = buf.array();
            int start = buf.position();
            int end = start + len;
            int ascii = start;
            while (ascii < end && a[ascii] >= 0) {
                ascii++;
            }
            if (ascii == end) {
                // bytes below 0x80 are the characters themselves
                buf.position(end);
                return new String(a, start, len, StandardCharsets.ISO_8859_1);
            }
            char[] chars = new char[len];
            int count = 0;
            while (buf.position() < end) {
                int x = buf.get() & 0xff;
                if (x < 0x80) {
                    chars[count++] = (char) x;
                } else if ((x & 0xE0) == 0xC0) {
                    int y = buf.get() & 0xff;
                    chars[count++] = (char) (((x & 0x1F) << 6) | (y & 0x3F));
                } else {
                    int y = buf.get() & 0xff;
                    int z = buf.get() & 0xff;
                    chars[count++] = (char) (((x & 0x0F) << 12) | ((y & 0x3F) << 6) | (z & 0x3F));
                }
            }
            return new String(chars, 0, count);
        }
    }
}
