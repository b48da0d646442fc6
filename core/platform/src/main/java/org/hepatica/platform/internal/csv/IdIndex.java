package org.hepatica.platform.internal.csv;

import java.util.Arrays;

/**
 * The patient ids accepted so far with the line of each, to find a duplicate. An open-addressing
 * hash table of int slots (linear probing, load at most 1/2) pointing into parallel arrays of ids
 * and lines: two small arrays instead of a map entry and a boxed line per patient, which keeps a
 * million-row import light on the garbage collector.
 */
final class IdIndex {
    private String[] ids = new String[1024];
    private long[] lines = new long[1024];
    private int size;
    /** Slot = index into ids + 1; 0 = empty. Length a power of two, 2^(32 - shift). */
    private int[] slots = new int[2048];
    private int shift = 32 - 11;

    /** The line on which {@code id} was accepted, or -1 when it has not been. */
    long lineOf(String id) {
        int mask = slots.length - 1;
        for (int s = slot(id.hashCode(), shift); slots[s] != 0; s = (s + 1) & mask) {
            int k = slots[s] - 1;
            if (ids[k].equals(id)) {
                return lines[k];
            }
        }
        return -1;
    }

    /** Records {@code id}, not yet present, as accepted on {@code line}. */
    void add(String id, long line) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
        }
        ids[size] = id;
        lines[size] = line;
        size++;
        if (2 * size > slots.length) {
            rehash();
        } else {
            insert(slots, shift, size - 1);
        }
    }

    private void rehash() {
        int[] fresh = new int[slots.length * 2];
        shift--;
        for (int k = 0; k < size; k++) {
            insert(fresh, shift, k);
        }
        slots = fresh;
    }

    private void insert(int[] table, int tableShift, int k) {
        int mask = table.length - 1;
        int s = slot(ids[k].hashCode(), tableShift);
        while (table[s] != 0) {
            s = (s + 1) & mask;
        }
        table[s] = k + 1;
    }

    /**
     * Fibonacci hashing (Knuth, TAOCP vol. 3, 6.4): the top bits of {@code h * 2^32 / phi}. Sequential
     * ids such as {@code SYN-0000001} have near-sequential String hashes; the multiplication spreads
     * them over the whole table, where the low bits alone would cluster them.
     */
    private static int slot(int h, int shift) {
        return (h * 0x9E3779B9) >>> shift;
    }
}
