package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SortedSurvivalTest {

    /** Reference: a stable boxed sort by time. */
    private static int[] stableOrder(double[] t) {
        return IntStream.range(0, t.length).boxed()
                .sorted(Comparator.comparingDouble(i -> t[i])).mapToInt(Integer::intValue)
                .toArray();
    }

    @Test
    void sortsStablyLikeABoxedSort() {
        Random rnd = new Random(123);
        for (int rep = 0; rep < 100; rep++) {
            int n = rnd.nextInt(3000);
            double[] t = new double[n];
            int kind = rep % 4;
            for (int i = 0; i < n; i++) {
                t[i] = switch (kind) {
                    case 0 -> rnd.nextInt(50); // whole days, many ties
                    case 1 -> rnd.nextDouble() * 1e4; // continuous
                    case 2 -> rnd.nextExponential() * Math.pow(10, rnd.nextInt(20) - 10);
                    default -> rnd.nextBoolean() ? 0.0 : -0.0 + rnd.nextInt(3) * 0.1;
                };
            }
            assertArrayEquals(stableOrder(t), TimeOrder.of(t).index, "kind " + kind);
        }
    }

    @Test
    void negativeZeroSortsWithZero() {
        double[] t = {1.0, -0.0, 0.0, 0.5};
        int[] o = TimeOrder.of(t).index;
        assertEquals(3, o[2]);
        assertEquals(0, o[3]);
    }

    @Test
    void blocksKeepTimeOrderAndCarryStatusAndGroup() {
        double[] t = {5, 1, 4, 2, 3, 1};
        int[] status = {1, 0, 1, 1, 0, 1};
        int[] group = {7, 8, 9, 10, 11, 12};
        int[] block = {1, 0, 1, 2, 0, 1};
        SortedSurvival s = SortedSurvival.of(t, status, group, block, 3);
        assertArrayEquals(new int[] {0, 2, 5, 6}, s.start);
        assertEquals(3, s.blocks());
        // block 0: subjects 1, 4; block 1: 5, 2, 0; block 2: 3
        assertArrayEquals(new double[] {1, 3, 1, 4, 5, 2}, s.time);
        assertArrayEquals(new int[] {0, 0, 1, 1, 1, 1}, s.status);
        assertArrayEquals(new int[] {8, 11, 12, 9, 7, 10}, s.group);
        SortedSurvival one = SortedSurvival.of(t, status, null, null, 1);
        assertArrayEquals(new double[] {1, 1, 2, 3, 4, 5}, one.time);
        assertArrayEquals(new int[] {0, 1, 1, 0, 1, 1}, one.status);
        assertArrayEquals(new int[] {0, 6}, one.start);
    }

    @Test
    void timesSurviveTheKeyRoundTrip() {
        double[] t = {0.0, -0.0, 1e-310, Double.MIN_VALUE, 3.5, 1e300, -2.5, 730};
        SortedSurvival s = SortedSurvival.of(t, new int[t.length], null, null, 1);
        double[] expected = t.clone();
        Arrays.sort(expected);
        for (int i = 0; i < t.length; i++) {
            assertEquals(expected[i] + 0.0, s.time[i]);
        }
    }

    @Test
    void emptyInput() {
        assertEquals(0, TimeOrder.of(new double[0]).index.length);
        SortedSurvival s = SortedSurvival.of(new double[0], new int[0], null, new int[0], 2);
        assertArrayEquals(new int[3], s.start);
        assertArrayEquals(new int[] {0}, TimeOrder.of(new double[] {Math.PI}).index);
        assertEquals(Arrays.toString(new int[] {1, 0}),
                Arrays.toString(TimeOrder.of(new double[] {2, 1}).index));
    }

    /** Large status and group codes are carried as they are. */
    @Test
    void wideCodesGiveTheSameLayout() {
        Random rnd = new Random(77);
        int n = 2000;
        double[] t = new double[n];
        int[] status = new int[n];
        int[] wideStatus = new int[n];
        int[] group = new int[n];
        int[] wideGroup = new int[n];
        int[] block = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextInt(300);
            status[i] = rnd.nextInt(3);
            wideStatus[i] = status[i] << 20;
            group[i] = rnd.nextInt(4);
            wideGroup[i] = group[i] << 12;
            block[i] = rnd.nextInt(3);
        }
        SortedSurvival packed = SortedSurvival.of(t, status, group, block, 3);
        SortedSurvival wide = SortedSurvival.of(t, wideStatus, wideGroup, block, 3);
        assertArrayEquals(packed.time, wide.time);
        assertArrayEquals(packed.start, wide.start);
        for (int i = 0; i < n; i++) {
            assertEquals(packed.status[i] << 20, wide.status[i]);
            assertEquals(packed.group[i] << 12, wide.group[i]);
        }
    }

    @Test
    void denseRenumbersLargeCodesInOrder() {
        assertArrayEquals(new int[] {1, 0, 2, 1},
                SortedSurvival.dense(new int[] {500, 7, 1_000_000, 500}));
        int[] small = {0, 2, 1};
        assertEquals(small, SortedSurvival.dense(small));
        assertEquals(3, SortedSurvival.levels(small));
    }
}
