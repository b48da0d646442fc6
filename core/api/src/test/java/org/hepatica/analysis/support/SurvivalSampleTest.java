package org.hepatica.analysis.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.ColumnType;
import org.hepatica.cohort.Endpoint;
import org.junit.jupiter.api.Test;

class SurvivalSampleTest {
    private static final double NA = Double.NaN;

    /** Six patients: OS not derivable for P3, arm missing for P5, arm C only in P5. */
    private static TestCohort cohort() {
        return new TestCohort(6)
                .os(new double[] {10, 20, NA, 40, 50, 60}, new int[] {1, 0, -1, 1, 0, 1})
                .dfsCause(new int[] {1, 0, -1, 2, 0, -1})
                .categorical("arm", ColumnType.CATEGORICAL, "B", "A", "A", "B", null, "A")
                .categorical("arm3", ColumnType.CATEGORICAL, "B", "A", "A", "B", "C", "A")
                .numeric("mvi", ColumnType.BINARY, 0, 1, 1, NA, 0, 1)
                .numeric("age", ColumnType.NUMERIC, 50, 61, 72, 43, 55, 66)
                .numeric("treatment_date", ColumnType.DATE, 1, 2, 3, 4, 5, 6)
                .categorical("site", ColumnType.TEXT, "S1", "S1", "S2", "S2", "S3", "S3");
    }

    @Test
    void patientsMissingAUsedValueAreLeftOutAndCountedPerVariable() throws Exception {
        SurvivalSample s = SurvivalSample.of(cohort(), Endpoint.OS).groupBy("treatment", "arm").build();
        assertArrayEquals(new int[] {0, 1, 3, 5}, s.rows());
        assertArrayEquals(new double[] {10, 20, 40, 60}, s.time());
        assertArrayEquals(new int[] {1, 0, 1, 1}, s.status());
        assertEquals(2, s.nDropped());
        assertEquals(Map.of("OS", 1, "arm", 1), s.missing());
        assertEquals(List.of("A", "B"), s.group().labels());
        assertArrayEquals(new int[] {1, 0, 1, 0}, s.group().codes());
        assertTrue(s.warnings().get(0).startsWith("2 of 6 patients left out"), s.warnings().toString());
    }

    @Test
    void aGroupWithoutPatientsIsDroppedFromTheLabelsAndNamed() throws Exception {
        // arm3 = C only for P5, whose DFS cause is known but... OS is known too: keep P5 out by its cause
        SurvivalSample s = SurvivalSample.of(cohort(), Endpoint.DFS).groupBy("treatment", "arm3").withCauses().build();
        assertArrayEquals(new int[] {0, 1, 3, 4}, s.rows(), "patients with an unknown cause are left out");
        assertArrayEquals(new int[] {1, 0, 2, 0}, s.cause());
        assertEquals(List.of("A", "B", "C"), s.group().labels());
        SurvivalSample withoutC = s.subset(k -> s.rows()[k] != 4);
        assertEquals(List.of("A", "B"), withoutC.group().labels());
        assertArrayEquals(new int[] {1, 0, 1}, withoutC.group().codes());
        assertArrayEquals(new int[] {1, 0, 2}, withoutC.cause());
        assertEquals(s.nDropped(), withoutC.nDropped(), "a subgroup keeps the sample's count of left-out patients");
    }

    @Test
    void aNumberColumnGroupsByItsValues() throws Exception {
        SurvivalSample s = SurvivalSample.of(cohort(), Endpoint.OS).groupBy("subgroup", "mvi").build();
        assertEquals(List.of("0", "1"), s.group().labels());
        assertEquals(Map.of("OS", 1, "mvi", 1), s.missing());
    }

    @Test
    void aColumnThatCannotGroupIsA400NamingTheParameter() {
        InvalidParameterException unknown = assertThrows(InvalidParameterException.class,
                () -> SurvivalSample.of(cohort(), Endpoint.OS).groupBy("groupBy", "sex"));
        assertEquals("groupBy", unknown.parameter());
        assertTrue(unknown.getMessage().contains("no column 'sex'") && unknown.getMessage().contains("arm3"),
                unknown.getMessage());
        InvalidParameterException date = assertThrows(InvalidParameterException.class,
                () -> SurvivalSample.of(cohort(), Endpoint.OS).groupBy("groupBy", "treatment_date"));
        assertTrue(date.getMessage().contains("dates"), date.getMessage());
        TestCohort many = new TestCohort(30).os(new double[30], new int[30]);
        double[] values = new double[30];
        for (int i = 0; i < 30; i++) {
            values[i] = i;
        }
        many.numeric("age", ColumnType.NUMERIC, values);
        InvalidParameterException tooMany = assertThrows(InvalidParameterException.class,
                () -> SurvivalSample.of(many, Endpoint.OS).groupBy("groupBy", "age"));
        assertTrue(tooMany.getMessage().contains("30 distinct values"), tooMany.getMessage());
    }

    @Test
    void theTimeOrderIsSortedOnceAndShared() throws Exception {
        SurvivalSample s = SurvivalSample.of(cohort(), Endpoint.OS).build();
        assertSame(s.order(), s.order());
        assertEquals(5, s.order().size());
    }

    @Test
    void noPatientWithEveryValueIsAnAnalysisException() {
        TestCohort none = new TestCohort(2).os(new double[] {NA, NA}, new int[] {-1, -1});
        AnalysisException e = assertThrows(AnalysisException.class, () -> SurvivalSample.of(none, Endpoint.OS).build());
        assertTrue(e.getMessage().contains("OS missing for 2"), e.getMessage());
    }

    @Test
    void numbersReadAsShortLabels() {
        assertEquals("10", Labels.number(10.0));
        assertEquals("7.5", Labels.number(7.5));
        assertEquals("-3", Labels.number(-3));
        assertEquals("0.0001", Labels.number(1e-4));
    }
}
