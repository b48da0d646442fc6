package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimeOrderTest {

    /** A NaN whose bits differ from {@link Double#NaN}'s: all NaNs are one missing time. */
    private static final double OTHER_NAN = Double.longBitsToDouble(0x7ff8000000000001L);

    /** Reference: a stable boxed sort, -0.0 equal to 0.0, NaN last. */
    private static int[] stableOrder(double[] t) {
        return IntStream.range(0, t.length).boxed()
                .sorted(Comparator.comparingDouble(i -> t[i] + 0.0)).mapToInt(Integer::intValue)
                .toArray();
    }

    @Test
    void negativesInfinitiesAndNaNSortLikeABoxedStableSort() {
        Random rnd = new Random(5);
        double[] special = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0,
            0.0, -1e-300, Double.MIN_VALUE, -7.25};
        for (int rep = 0; rep < 50; rep++) {
            int n = rnd.nextInt(500);
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = rnd.nextInt(4) == 0 ? special[rnd.nextInt(special.length)]
                        : rnd.nextInt(40) - 20;
            }
            TimeOrder order = TimeOrder.of(t);
            int[] expected = stableOrder(t);
            assertArrayEquals(expected, order.index);
            assertEquals(n, order.size());
            for (int k = 0; k < n; k++) {
                assertEquals(Double.doubleToLongBits(t[expected[k]] + 0.0),
                        Double.doubleToLongBits(order.time[k]));
            }
        }
    }

    /**
     * From 50,000 subjects the passes run on two threads: the order must stay the stable one, for
     * keys whose every pass moves the subjects between the halves (random doubles of all signs
     * and exponents) and for whole days with many ties, -0.0 and NaNs of two bit patterns (from
     * 4,096 subjects sorted by the ranks of their few distinct values).
     */
    @Test
    void aTwoThreadSortIsTheStableOrder() {
        Random rnd = new Random(17);
        for (int n : new int[] {4095, 4096, TwoThreads.PARALLEL_THRESHOLD - 1, TwoThreads.PARALLEL_THRESHOLD,
            TwoThreads.PARALLEL_THRESHOLD + 1, 131_071}) {
            double[] wide = new double[n];
            double[] days = new double[n];
            for (int i = 0; i < n; i++) {
                wide[i] = rnd.nextInt(50) == 0 ? -0.0 : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
                int day = rnd.nextInt(2000);
                days[i] = rnd.nextInt(50) == 0 ? (rnd.nextBoolean() ? Double.NaN : OTHER_NAN)
                        : day == 0 && rnd.nextBoolean() ? -0.0 : day;
            }
            for (double[] t : new double[][] {wide, days}) {
                TimeOrder order = TimeOrder.of(t);
                int[] expected = stableOrder(t);
                assertArrayEquals(expected, order.index, "n = " + n);
                for (int k = 0; k < n; k++) {
                    assertEquals(Double.doubleToLongBits(t[expected[k]] + 0.0),
                            Double.doubleToLongBits(order.time[k]), "position " + k);
                }
            }
        }
    }

    @Test
    void subsetIsTheOrderOfTheCompactedTimes() {
        Random rnd = new Random(9);
        for (int rep = 0; rep < 50; rep++) {
            int n = rep < 45 ? rnd.nextInt(400) : 50_000 + rnd.nextInt(70_000); // two threads from 50,000
            double[] t = new double[n];
            int[] newIndex = new int[n];
            int kept = 0;
            for (int i = 0; i < n; i++) {
                t[i] = rnd.nextInt(30);
                newIndex[i] = rnd.nextInt(3) == 0 ? -1 : kept++;
            }
            double[] compact = new double[kept];
            for (int i = 0; i < n; i++) {
                if (newIndex[i] >= 0) {
                    compact[newIndex[i]] = t[i];
                }
            }
            TimeOrder direct = TimeOrder.of(compact);
            TimeOrder subset = TimeOrder.of(t).subset(newIndex, kept);
            assertArrayEquals(direct.index, subset.index);
            assertArrayEquals(direct.time, subset.time);
        }
    }

    @Test
    void anOrderIsCheckedAgainstItsTimeArray() {
        double[] time = {3, 1, 2};
        TimeOrder order = TimeOrder.of(time);
        assertSame(order, Arguments.requireOrderOf("order", order, "time", time.clone()));
        assertEquals("order must not be null", assertThrows(IllegalArgumentException.class,
                () -> KaplanMeierEstimator.create().fit(null, time, new int[3])).getMessage());
        assertEquals("order has length 3 but time has length 2",
                assertThrows(IllegalArgumentException.class, () -> LogRankTest.create().test(
                        order, new double[] {1, 2}, new int[] {1, 1}, new int[] {0, 1},
                        new String[] {"a", "b"})).getMessage());
        String message = assertThrows(IllegalArgumentException.class,
                () -> CoxProportionalHazards.create().fit(order, new double[] {1, 2, 3},
                        new int[] {1, 0, 1}, null, new double[][] {{1, 2, 4}},
                        new String[] {"x"})).getMessage();
        assertEquals("order was not built from time: its position 0 is time[1] = 1.0"
                + " but time[1] is 2.0", message);
    }

    @Test
    void aLargeOrderIsCheckedAtSampledPositions() {
        Random rnd = new Random(1);
        double[] time = rnd.doubles(100_000, 0, 3000).toArray();
        TimeOrder order = TimeOrder.of(time);
        double[] other = time.clone();
        other[order.index[other.length - 1]] = -1; // the last position is always sampled
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arguments.requireOrderOf("order", order, "time", other));
        assertTrue(e.getMessage().startsWith("order was not built from time: its position 99999"),
                e.getMessage());
    }

    @Test
    void estimatorsLeaveTheOrderAsItWas() {
        Random rnd = new Random(3);
        int n = 300;
        double[] time = new double[n];
        int[] status = new int[n];
        int[] group = new int[n];
        int[] strata = new int[n];
        double[][] x = new double[1][n];
        for (int i = 0; i < n; i++) {
            time[i] = rnd.nextInt(50);
            status[i] = rnd.nextInt(2);
            group[i] = rnd.nextInt(2);
            strata[i] = rnd.nextInt(3);
            x[0][i] = rnd.nextGaussian();
        }
        TimeOrder order = TimeOrder.of(time);
        int[] index = order.index.clone();
        double[] sorted = order.time.clone();
        String[] labels = {"a", "b"};
        KaplanMeierEstimator.create().fit(order, time, status);
        LogRankTest.create().test(order, time, status, group, labels, strata);
        CumulativeIncidenceEstimator.create().fit(order, time, status, group, labels);
        GrayTest.create().test(order, time, status, group, labels, strata);
        CoxProportionalHazards.create().fit(order, time, status, strata, x, new String[] {"x"});
        assertArrayEquals(index, order.index);
        assertArrayEquals(sorted, order.time);
    }
}
