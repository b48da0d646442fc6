package org.hepatica.platform.internal.csv;

/**
 * The values of one categorical (or extra) column seen so far, by their bytes: a repeated value is
 * matched against the record without decoding a String or hashing it. Holds the first
 * {@value #CAPACITY} distinct values accepted; a column with more goes on through the String path
 * for the others, which gives the same result, only slower.
 */
final class LevelCache {
    static final int CAPACITY = 32;

    private final byte[][] keys = new byte[CAPACITY][];
    private final String[] values = new String[CAPACITY];
    private int size;

    /** The value remembered for field {@code i} of the current record, or null. */
    String find(CsvReader reader, int i) {
        for (int k = 0; k < size; k++) {
            if (reader.fieldEquals(i, keys[k])) {
                return values[k];
            }
        }
        return null;
    }

    /** Remembers that field {@code i}'s bytes (trimmed) read as {@code value}, while there is room. */
    void remember(CsvReader reader, int i, String value) {
        if (size < CAPACITY) {
            keys[size] = reader.fieldBytes(i);
            values[size] = value;
            size++;
        }
    }
}
