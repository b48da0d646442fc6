package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The design matrix conventions of contract cohort-csv.md. */
class CoxDesignTest {

    @Test
    void numericAndCategoricalTermsAreNamedAsThePlatformDoes() {
        CoxDesign d = CoxDesign.builder(4)
                .categorical("arm", new String[] {"RFA+RT", "RFA", "RFA", "RFA+RT"})
                .numeric("age", new double[] {50, 60, 70, 80})
                .build();
        assertEquals(List.of("arm=RFA+RT", "age"), d.termNames());
        assertEquals(List.of("arm", "age"), d.termVariables());
        assertEquals("RFA", d.reference("arm"));
        assertArrayEquals(new double[] {1, 0, 0, 1}, d.column(0));
        assertArrayEquals(new double[] {50, 60, 70, 80}, d.column(1));
    }

    @Test
    void referenceIsTheFirstLevelInCodePointOrderUnlessNamed() {
        String[] grade = {"b", "B", "a", "A", "b"};
        CoxDesign d = CoxDesign.builder(5).categorical("grade", grade).build();
        assertEquals("A", d.reference("grade")); // 'A' (65) < 'B' (66) < 'a' (97) < 'b' (98)
        assertEquals(List.of("A", "B", "a", "b"), d.levels("grade"));
        assertEquals(List.of("grade=B", "grade=a", "grade=b"), d.termNames());
        CoxDesign named = CoxDesign.builder(5).categorical("grade", grade, "b").build();
        assertEquals(List.of("grade=A", "grade=B", "grade=a"), named.termNames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoxDesign.builder(5).categorical("grade", grade, "C").build());
        assertTrue(e.getMessage().startsWith("reference level 'C' of grade does not occur"), e.getMessage());
    }

    @Test
    void rowsWithAMissingValueInAUsedVariableAreDroppedAndCounted() {
        CoxDesign d = CoxDesign.builder(6)
                .numeric("age", new double[] {50, Double.NaN, 70, 80, 90, 40})
                .categorical("sex", new String[] {"M", "F", null, "F", " ", "M"})
                .strata("ecog", new double[] {0, 1, 1, Double.NaN, 2, 1})
                .build();
        // row 1: age NaN, row 2: sex null, row 3: ecog NaN, row 4: sex blank
        assertEquals(4, d.nDropped());
        assertEquals(2, d.n());
        assertArrayEquals(new int[] {0, 5}, d.keptRows());
        assertEquals(List.of("0", "1"), d.strataLabels());
    }

    @Test
    void levelsComeFromTheRowsKept() {
        CoxDesign d = CoxDesign.builder(4)
                .categorical("cp", new String[] {"A", "B", "C", "A"})
                .numeric("mvi", new double[] {0, 1, Double.NaN, 1})
                .build();
        assertEquals(List.of("A", "B"), d.levels("cp")); // C only occurs in the dropped row
        assertEquals(List.of("cp=B", "mvi"), d.termNames());
    }

    @Test
    void interactionsFollowTheMainEffects() {
        CoxDesign d = CoxDesign.builder(4)
                .categorical("arm", new String[] {"A", "B", "B", "A"})
                .numeric("mvi", new double[] {1, 1, 0, 0})
                .interaction("arm", "mvi")
                .build();
        assertEquals(List.of("arm=B", "mvi", "arm=B:mvi"), d.termNames());
        assertEquals("arm:mvi", d.termVariables().get(2));
        assertArrayEquals(new double[] {0, 1, 0, 0}, d.column(2));
        CoxDesign two = CoxDesign.builder(3)
                .categorical("a", new String[] {"x", "y", "z"})
                .categorical("b", new String[] {"p", "q", "q"})
                .interaction("a", "b")
                .build();
        assertEquals(List.of("a=y", "a=z", "b=q", "a=y:b=q", "a=z:b=q"), two.termNames());
    }

    @Test
    void strataAreCodedInSortedOrder() {
        CoxDesign d = CoxDesign.builder(4).numeric("x", new double[] {1, 2, 3, 4})
                .strata("ecog", new double[] {10, 2, 2, 0}).build();
        assertEquals(List.of("0", "2", "10"), d.strataLabels()); // numerically, not "10" < "2"
        assertEquals("ecog", d.strataName());
        CoxDesign none = CoxDesign.builder(1).numeric("x", new double[] {1}).build();
        assertNull(none.strataName());
        assertEquals(List.of(), none.strataLabels());
    }

    @Test
    void singleLevelCategoricalAddsNoTermAndSaysSo() {
        CoxDesign d = CoxDesign.builder(3).categorical("site", new String[] {"S1", "S1", "S1"}).build();
        assertEquals(List.of(), d.termNames());
        assertTrue(d.warnings().get(0).contains("single level 'S1'"), d.warnings()::toString);
    }

    @Test
    void badInputIsRejectedWithTheArgumentName() {
        assertThrows(IllegalArgumentException.class,
                () -> CoxDesign.builder(2).numeric("age", new double[] {1, 2, 3}));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> CoxDesign.builder(1).numeric("age", new double[] {1}).numeric("age", new double[] {2}));
        assertEquals("age is already in the design", dup.getMessage());
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
                () -> CoxDesign.builder(1).numeric("age", new double[] {1}).interaction("age", "arm"));
        assertEquals("interaction age:arm needs variable 'arm' added first", early.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CoxDesign.builder(1).numeric("age", new double[] {Double.POSITIVE_INFINITY}).build());
    }
}
