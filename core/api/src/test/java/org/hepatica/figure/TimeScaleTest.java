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
}
