package org.hepatica.platform.internal.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 */
public final class ColumnarCodec {
    private static final int MAGIC = 0x48455043; // "HEPC"
    private static final int VERSION = 1;
    private static final int MISSING_INT = Integer.MIN_VALUE;
    /** Values converted per bulk copy. */
    private static final int CHUNK = 8192;

    private ColumnarCodec() {
    }

    /** The stored form in memory (small cohorts, tests). */
    public static byte[] encode(CohortData data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, data.size() * 16));
        encode(data, bytes);
        return bytes.toByteArray();
    }

    /**
     * Writes the stored form to {@code target} in chunks of {@value #CHUNK} values, so that encoding
     * needs no memory in proportion to the cohort beyond the cohort itself.
     */
    public static void encode(CohortData data, OutputStream target) throws IOException {
        int n = data.size();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(target, 1 << 16));
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(n);
        out.writeInt(data.columns().size());
        for (Column c : data.columns()) {
            out.writeUTF(c.name());
            out.writeByte(c.type().ordinal());
            if (c.values() != null) {
                if (wholeNumbers(c.values())) {
                    out.writeByte(1);
                    for (double v : c.values()) {
                        out.writeInt(Double.isNaN(v) ? MISSING_INT : (int) v);
                    }
                } else {
                    out.writeByte(0);
                    writeDoubles(out, c.values());
                }
            } else if (c.codes() != null) {
                out.writeByte(2);
                out.writeInt(c.levels().size());
                for (String level : c.levels()) {
                    out.writeUTF(level);
                }
                int width = width(c.levels().size());
                out.writeByte(width);
                for (int code : c.codes()) {
                    putCode(out, width, code + 1);
                }
            } else {
                out.writeByte(3);
                for (String t : c.texts()) {
                    out.writeBoolean(t != null);
                    if (t != null) {
                        out.writeUTF(t);
                    }
                }
            }
        }
        writeDoubles(out, data.osTime());
        writeBytes(out, data.osEvent());
        writeDoubles(out, data.dfsTime());
        writeBytes(out, data.dfsEvent());
        writeBytes(out, data.dfsCause());
        out.flush();
    }

    public static CohortData decode(byte[] blob) throws IOException {
        return decode(new ByteArrayInputStream(blob));
    }

    /** Reads the stored form from {@code source} (buffered here). */
    public static CohortData decode(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(source, 1 << 16));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a stored cohort");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("stored cohort format " + version + " is not known to this platform version");
        }
        int n = in.readInt();
        int count = in.readInt();
        List<Column> columns = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            String name = in.readUTF();
            ColumnType type = ColumnType.values()[in.readByte()];
            int kind = in.readByte();
            switch (kind) {
                case 0 -> columns.add(Column.numeric(name, type, readDoubles(in, n)));
                case 1 -> {
                    double[] values = new double[n];
                    for (int i = 0; i < n; i++) {
                        int v = in.readInt();
                        values[i] = v == MISSING_INT ? Double.NaN : v;
                    }
                    columns.add(Column.numeric(name, type, values));
                }
                case 2 -> {
                    int levels = in.readInt();
                    List<String> names = new ArrayList<>(levels);
                    for (int i = 0; i < levels; i++) {
                        names.add(in.readUTF());
                    }
                    int width = in.readByte();
                    int[] codes = new int[n];
                    for (int i = 0; i < n; i++) {
                        codes[i] = getCode(in, width) - 1;
                    }
                    columns.add(Column.categorical(name, codes, names));
                }
                case 3 -> {
                    String[] texts = new String[n];
                    for (int i = 0; i < n; i++) {
                        texts[i] = in.readBoolean() ? in.readUTF() : null;
                    }
                    columns.add(Column.text(name, texts));
                }
                default -> throw new IOException("stored column '" + name + "' has unknown kind " + kind);
            }
        }
        return new CohortData(columns, readDoubles(in, n), readBytes(in, n), readDoubles(in, n), readBytes(in, n),
                readBytes(in, n));
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

    private static void putCode(DataOutputStream out, int width, int v) throws IOException {
        switch (width) {
            case 1 -> out.writeByte(v);
            case 2 -> out.writeShort(v);
            default -> out.writeInt(v);
        }
    }

    private static int getCode(DataInputStream in, int width) throws IOException {
        return switch (width) {
            case 1 -> in.readUnsignedByte();
            case 2 -> in.readUnsignedShort();
            default -> in.readInt();
        };
    }

    /** Doubles in chunks of {@value #CHUNK}, big-endian IEEE-754. */
    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 8);
        for (int from = 0; from < values.length; from += CHUNK) {
            int len = Math.min(CHUNK, values.length - from);
            buf.clear();
            buf.asDoubleBuffer().put(values, from, len);
            out.write(buf.array(), 0, len * 8);
        }
    }

    private static double[] readDoubles(DataInputStream in, int n) throws IOException {
        double[] values = new double[n];
        byte[] chunk = new byte[CHUNK * 8];
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            in.readFully(chunk, 0, len * 8);
            ByteBuffer.wrap(chunk, 0, len * 8).asDoubleBuffer().get(values, from, len);
        }
        return values;
    }

    private static void writeBytes(DataOutputStream out, int[] values) throws IOException {
        for (int v : values) {
            out.writeByte(v);
        }
    }

    private static int[] readBytes(DataInputStream in, int n) throws IOException {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readByte();
        }
        return values;
    }
}
