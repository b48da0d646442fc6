package org.hepatica.platform.internal.csv;

import java.util.Arrays;

/**
 * The patient ids accepted so far with the line of each, to find a duplicate. An open-addressing
 * hash table (linear probing, load at most 1/2) whose slots hold the id's hash code beside its index
 * into parallel arrays of ids and lines: a lookup of a new id touches one slot in the common case and
 * never the id strings themselves unless the hash codes match; no map entry and no boxed line per
 * patient, which keeps a million-row import light on the garbage collector.
 */
final class IdIndex {
    private String[] ids = new String[1024];
    private long[] lines = new long[1024];
    private int size;
    /** Slot = hash code in the high 32 bits, index into ids + 1 in the low 32; 0 = empty. Length 2^(32 - shift). */
    private long[] slots = new long[2048];
    private int shift = 32 - 11;

    /** The line on which {@code id} was accepted, or -1 when it has not been. */
    long lineOf(String id) {
        return lineOf(id, id.hashCode());
    }

    /** {@link #lineOf(String)} given {@code id.hashCode()}, which a parser thread may have computed. */
    private long lineOf(String id, int h) {
        int mask = slots.length - 1;
        for (int s = slot(h, shift); slots[s] != 0; s = (s + 1) & mask) {
            long e = slots[s];
            if ((int) (e >>> 32) == h) {
                int k = (int) e - 1;
                if (ids[k].equals(id)) {
                    return lines[k];
                }
            }
        }
        return -1;
    }

    /**
     * Records {@code id}, whose {@link String#hashCode()} is {@code hash}, as accepted on
     * {@code line} unless it was accepted before.
     *
     * @return -1 when recorded now, else the line on which it was accepted first
     */
    long putIfAbsent(String id, int hash, long line) {
        long first = lineOf(id, hash);
        if (first < 0) {
            add(id, hash, line);
        }
        return first;
    }

    private void add(String id, int hash, long line) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
        }
        ids[size] = id;
        lines[size] = line;
        size++;
        if (2 * size > slots.length) {
            rehash(hash);
        } else {
            insert(slots, shift, hash, size - 1);
        }
    }

    /** Doubles the table, moving the slots by their stored hash codes, and inserts the id just added. */
    private void rehash(int hash) {
        long[] fresh = new long[slots.length * 2];
        shift--;
        for (long e : slots) {
            if (e != 0) {
                insert(fresh, shift, (int) (e >>> 32), (int) e - 1);
            }
        }
        insert(fresh, shift, hash, size - 1);
        slots = fresh;
    }

    private void insert(long[] table, int tableShift, int h, int k) {
        int mask = table.length - 1;
        int s = slot(h, tableShift);
        while (table[s] != 0) {
            s = (s + 1) & mask;
        }
        table[s] = ((long) h << 32) | (k + 1L);
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
