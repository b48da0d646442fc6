package org.hepatica.plugin.marginstratification.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hepatica.cohort.Categorical;
import org.junit.jupiter.api.Test;

class MarginStratificationAnalysisTest {

    @Test
    void aMarginAtTheCutoffIsInTheUpperClassAndNoMarginInNone() {
        Categorical c = MarginStratificationAnalysis.classes(new double[] {9.99, 10, 10.01, Double.NaN, 0}, 10);
        assertEquals(List.of("<10", ">=10"), c.levels());
        assertArrayEquals(new int[] {0, 1, 1, -1, 0}, c.codes());
    }

    @Test
    void theClassLabelsNameTheCutoffAsGiven() {
        assertEquals(List.of("<7.5", ">=7.5"), MarginStratificationAnalysis.classes(new double[] {5}, 7.5).levels());
    }
}
