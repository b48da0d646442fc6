package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dense ranks by the hash table and by the fallback sort agree with ranks read off a plain sort. */
class DenseRanksTest {

    @ParameterizedTest(name = "n {0}, {1} distinct levels")
    @CsvSource({"0, 1", "1, 1", "10, 3", "5000, 7", "100000, 40000", "100000, 1000000", "300000, 2"})
    void ranksAreThoseOfTheSortedValues(int n, int levels) {
        SplittableRandom r = new SplittableRandom(n + 31L * levels);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int level = r.nextInt(levels);
            v[i] = level == 0 && r.nextBoolean() ? -0.0 : (level - levels / 2) * 0.37; // -0.0 ties with 0.0
        }
        assertRanksOfSortedValues(v);
    }

    /** The first values all distinct, the rest few: the ranks do not depend on how they are found. */
    @ParameterizedTest(name = "n {0}, first {1} distinct")
    @CsvSource({"70000, 16384", "70000, 5000", "200000, 30000", "70000, 0"})
    void aDistinctPrefixDoesNotChangeTheRanks(int n, int distinctFirst) {
        SplittableRandom r = new SplittableRandom(n + distinctFirst);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < distinctFirst ? i * 1.5 + 0.25 : r.nextInt(20);
        }
        assertRanksOfSortedValues(v);
    }

    private static void assertRanksOfSortedValues(double[] v) {
        int n = v.length;
        int[] rank = new int[n];
        int m = DenseRanks.of(v, rank);

        double[] sorted = v.clone();
        for (int i = 0; i < n; i++) {
            sorted[i] += 0.0;
        }
        Arrays.sort(sorted);
        double[] distinct = Arrays.stream(sorted).distinct().toArray();
        int[] expected = new int[n];
        for (int i = 0; i < n; i++) {
            expected[i] = Arrays.binarySearch(distinct, v[i] + 0.0);
        }
        assertEquals(distinct.length, m, "distinct values");
        assertArrayEquals(expected, rank);
    }

    /**
     * From 50,000 values each half gets a table of its own: the union of the halves' distinct
     * values is what counts against the limit.
     */
    @org.junit.jupiter.api.Test
    void theHalvesDistinctValuesCountTogether() {
        int n = 100_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < n / 2 ? i % 10_000 : 10_000 + i % 10_000; // 10,000 distinct per half, 20,000 in all
        }
        int[] rank = new int[n];
        assertEquals(-1, DenseRanks.ofFew(v, rank, 15_000), "20,000 distinct values are more than 15,000");
        assertEquals(20_000, DenseRanks.ofFew(v, rank, 20_000));
        for (int i = 0; i < n; i++) {
            assertEquals((int) v[i], rank[i]);
        }
        double[] shared = new double[n];
        for (int i = 0; i < n; i++) {
            shared[i] = (i * 7) % 9_000; // the same 9,000 values in both halves
        }
        assertEquals(9_000, DenseRanks.ofFew(shared, rank, 9_000));
        assertEquals(-1, DenseRanks.ofFew(shared, rank, 8_999));
    }
}
