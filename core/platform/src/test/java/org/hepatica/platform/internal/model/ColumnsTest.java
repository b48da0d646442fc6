package org.hepatica.platform.internal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hepatica.cohort.Categorical;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void numbersBecomeLevelsInNumericOrderWithMissingAsMinusOne() {
        Categorical c = Columns.encode(new double[] {1, Double.NaN, 0, 2.5, 1, -0.0, 10});
        assertEquals(List.of("0", "1", "2.5", "10"), c.levels(), "numeric, not text, order: 10 after 2.5");
        assertArrayEquals(new int[] {1, -1, 0, 2, 1, 0, 3}, c.codes());
    }

    @Test
    void textBecomesLevelsInCodePointOrder() {
        Categorical c = Columns.encode(new String[] {"RFA+RT", null, "RFA", "b", "B"});
        assertEquals(List.of("B", "RFA", "RFA+RT", "b"), c.levels());
        assertArrayEquals(new int[] {2, -1, 1, 3, 0}, c.codes());
    }
}
