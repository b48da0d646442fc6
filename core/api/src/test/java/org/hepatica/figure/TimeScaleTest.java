package org.hepatica.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeScaleTest {

    @Test
    void parsesTheUnitNamesInAnyCase() {
        assertEquals(TimeScale.YEARS, TimeScale.parse(" Years ", TimeScale.MONTHS));
        assertEquals(TimeScale.DAYS, TimeScale.parse("days", TimeScale.MONTHS));
        assertEquals(TimeScale.MONTHS, TimeScale.parse("MONTHS", TimeScale.DAYS));
    }

    @Test
    void nullOrBlankIsTheDefault() {
        assertEquals(TimeScale.MONTHS, TimeScale.parse(null, TimeScale.MONTHS));
        assertEquals(TimeScale.YEARS, TimeScale.parse("  ", TimeScale.YEARS));
    }

    @Test
    void anythingElseNamesTheAcceptedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeScale.parse("weeks", TimeScale.MONTHS));
        assertTrue(e.getMessage().contains("'weeks'") && e.getMessage().contains("days, months or years"), e.getMessage());
    }

    @Test
    void ticksAreRoundStepsOfTheUnit() {
        assertEquals(12, TimeScale.MONTHS.tickStep(3500 / 30.4375), "115 months: every 12");
        assertEquals(6, TimeScale.MONTHS.tickStep(40), "40 months: every 6");
        assertEquals(24, TimeScale.MONTHS.tickStep(200));
        assertEquals(1, TimeScale.YEARS.tickStep(9.6));
        assertEquals(2, TimeScale.YEARS.tickStep(15));
    }

    @Test
    void aStepGivesAtMostTenIntervals() {
        assertEquals(1, TimeScale.MONTHS.tickStep(10), "10 months: 10 intervals of 1");
        assertEquals(3, TimeScale.MONTHS.tickStep(10.01), "just over 10: every 3");
        assertEquals(3, TimeScale.MONTHS.tickStep(30));
        assertEquals(6, TimeScale.MONTHS.tickStep(30.5));
        assertEquals(7, TimeScale.DAYS.tickStep(70));
        assertEquals(14, TimeScale.DAYS.tickStep(71));
        assertEquals(0.5, TimeScale.YEARS.tickStep(5));
        assertEquals(1, TimeScale.YEARS.tickStep(5.2));
        assertEquals(120, TimeScale.MONTHS.tickStep(1200), "the largest round step");
        assertEquals(240, TimeScale.MONTHS.tickStep(1201), "past it, doubled");
        assertEquals(480, TimeScale.MONTHS.tickStep(4000), "doubled until 10 intervals suffice");
        assertEquals(40, TimeScale.YEARS.tickStep(400));
    }

    @Test
    void unitsAndWords() {
        assertEquals(org.hepatica.cohort.TimeUnit.DAYS, TimeScale.DAYS.unit());
        assertEquals(org.hepatica.cohort.TimeUnit.MONTHS, TimeScale.MONTHS.unit());
        assertEquals(org.hepatica.cohort.TimeUnit.YEARS, TimeScale.YEARS.unit());
        assertEquals("days", TimeScale.DAYS.word());
        assertEquals("months", TimeScale.MONTHS.word());
        assertEquals("years", TimeScale.YEARS.word());
    }
}
