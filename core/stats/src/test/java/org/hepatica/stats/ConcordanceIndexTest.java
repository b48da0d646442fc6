package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Harrell's C against its definition, pair by pair. */
class ConcordanceIndexTest {

    /** The definition (R concordancefit, timewt "n", reverse = TRUE), O(n^2). */
    private static long[] bruteForce(double[] time, int[] status, int[] strata, double[] risk) {
        long concordant = 0;
        long discordant = 0;
        long tiedRisk = 0;
        long tiedTime = 0;
        long tiedBoth = 0;
        int n = time.length;
        for (int i = 0; i < n; i++) {
            if (status[i] != 1) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (j == i || (strata != null && strata[i] != strata[j])) {
                    continue;
                }
                if (time[j] == time[i] && status[j] == 1) {
                    if (j > i) { // each pair of tied events once
                        if (risk[i] == risk[j]) {
                            tiedBoth++;
                        } else {
                            tiedTime++;
                        }
                    }
                    continue;
                }
                if (time[j] > time[i] || (time[j] == time[i] && status[j] == 0)) {
                    if (risk[i] > risk[j]) {
                        concordant++;
                    } else if (risk[i] < risk[j]) {
                        discordant++;
                    } else {
                        tiedRisk++;
                    }
                }
            }
        }
        return new long[] {concordant, discordant, tiedRisk, tiedTime, tiedBoth};
    }

    @Test
    void perfectlyOrderedRisksGiveOne() {
        ConcordanceIndex.Result r = ConcordanceIndex.compute(new double[] {1, 2, 3, 4}, new int[] {1, 1, 0, 1}, null,
                new double[] {4, 3, 2, 1});
        assertEquals(1.0, r.concordance());
        assertEquals(5, r.concordant()); // 1 vs 2,3,4; 2 vs 3,4; 4 vs nobody
    }

    @Test
    void equalRisksGiveOneHalfAndNoPairsGiveNull() {
        assertEquals(0.5, ConcordanceIndex.compute(new double[] {1, 2, 3}, new int[] {1, 1, 0}, null,
                new double[] {0, 0, 0}).concordance());
        assertNull(ConcordanceIndex.compute(new double[] {1, 2, 3}, new int[] {0, 0, 1}, null,
                new double[] {1, 2, 3}).concordance());
    }

    @Test
    void censoredTiedWithAnEventCountAsAtRiskButTiedEventsDoNot() {
        ConcordanceIndex.Result r = ConcordanceIndex.compute(new double[] {5, 5, 5}, new int[] {1, 1, 0}, null,
                new double[] {2, 1, 0});
        assertEquals(2, r.concordant()); // both events vs the censored subject
        assertEquals(1, r.tiedTime()); // the two events: not comparable
        assertEquals(0, r.discordant());
    }

    @Test
    void matchesTheDefinitionOnRandomDataWithTiesAndStrata() {
        Random rnd = new Random(2024);
        for (int rep = 0; rep < 60; rep++) {
            int n = 1 + rnd.nextInt(120);
            double[] time = new double[n];
            int[] status = new int[n];
            int[] strata = rep % 3 == 0 ? null : new int[n];
            double[] risk = new double[n];
            for (int i = 0; i < n; i++) {
                time[i] = rnd.nextInt(rep % 2 == 0 ? 10 : 1000);
                status[i] = rnd.nextDouble() < 0.6 ? 1 : 0;
                risk[i] = rnd.nextInt(rep % 4 == 0 ? 3 : 50) * 0.25;
                if (strata != null) {
                    strata[i] = rnd.nextInt(3);
                }
            }
            ConcordanceIndex.Result r = ConcordanceIndex.compute(time, status, strata, risk);
            long[] b = bruteForce(time, status, strata, risk);
            String what = "rep " + rep;
            assertEquals(b[0], r.concordant(), what);
            assertEquals(b[1], r.discordant(), what);
            assertEquals(b[2], r.tiedRisk(), what);
            assertEquals(b[3], r.tiedTime(), what);
            assertEquals(b[4], r.tiedTimeAndRisk(), what);
            long pairs = b[0] + b[1] + b[2];
            if (pairs == 0) {
                assertNull(r.concordance(), what);
            } else {
                assertEquals((b[0] + b[2] / 2.0) / pairs, r.concordance(), 1e-15, what);
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConcordanceIndex.compute(new double[] {1, 2}, new int[] {1, 0}, null, new double[] {1}));
        assertEquals("time has length 2 but risk has length 1", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConcordanceIndex.compute(new double[] {1, 2}, new int[] {1, 0}, new int[] {0, -1}, new double[] {1, 2}));
    }
}
