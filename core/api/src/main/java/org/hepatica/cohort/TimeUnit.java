package org.hepatica.cohort;

/** The unit of {@code os_time}/{@code dfs_time} durations in an import. Dates are always days. */
public enum TimeUnit {
    DAYS(1.0), MONTHS(365.25 / 12.0), YEARS(365.25);

    private final double days;

    TimeUnit(double days) {
        this.days = days;
    }

    /** {@code value} in this unit, in days. */
    public double toDays(double value) {
        return value * days;
    }

    /** The unit named {@code text} (days, months, years; case-insensitive); null or empty means days. */
    public static TimeUnit parse(String text) {
        if (text == null || text.isBlank()) {
            return DAYS;
        }
        for (TimeUnit u : values()) {
            if (u.name().equalsIgnoreCase(text.trim())) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown timeUnit '" + text + "', expected days, months or years");
    }
}
