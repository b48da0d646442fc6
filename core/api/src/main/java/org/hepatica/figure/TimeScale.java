package org.hepatica.figure;

import org.hepatica.cohort.TimeUnit;

/** The unit the time axis of a {@link StepPlot} is drawn in. */
public enum TimeScale {
    DAYS(TimeUnit.DAYS, new double[] {7, 14, 30, 60, 90, 180, 365, 730, 1825, 3650}),
    MONTHS(TimeUnit.MONTHS, new double[] {1, 3, 6, 12, 24, 60, 120}),
    YEARS(TimeUnit.YEARS, new double[] {0.5, 1, 2, 5, 10, 20});

    private final TimeUnit unit;
    private final double[] tickSteps;

    TimeScale(TimeUnit unit, double[] tickSteps) {
        this.unit = unit;
        this.tickSteps = tickSteps;
    }

    /** The cohort time unit of the same length. */
    public TimeUnit unit() {
        return unit;
    }

    /** The unit's name as a word in a sentence: "days", "months", "years". */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The scale named {@code text}.
     *
     * @param text "days", "months" or "years", case-insensitive, surrounding blanks ignored
     * @param dflt the scale when {@code text} is null or blank
     * @throws IllegalArgumentException for any other text, naming the accepted values
     */
    public static TimeScale parse(String text, TimeScale dflt) {
        if (text == null || text.isBlank()) {
            return dflt;
        }
        for (TimeScale s : values()) {
            if (s.name().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown time scale '" + text + "', expected days, months or years");
    }

    /**
     * The step between time ticks for an axis that must reach {@code max} (in this unit): the
     * smallest round step of this unit giving at most 10 intervals (months: 1, 3, 6, 12, 24, ...).
     */
    double tickStep(double max) {
        for (double step : tickSteps) {
            if (Math.ceil(max / step - 1e-9) <= 10) {
                return step;
            }
        }
        double step = tickSteps[tickSteps.length - 1];
        while (Math.ceil(max / step - 1e-9) > 10) {
            step *= 2;
        }
        return step;
    }
}
