package org.hepatica.analysis;

import org.hepatica.figure.TimeScale;

/**
 * How a reader wants a result's figure drawn; the display parameters of {@code GET /results/{id}/plot.svg}.
 * The times of stored results are in days (the cohort's endpoints are derived in days).
 *
 * @param timeUnit the time axis' unit ({@code ?timeUnit=months|years}, default months)
 * @param percent  survival or incidence in percent rather than 0-1 ({@code ?percent=true})
 */
public record FigureRequest(TimeScale timeUnit, boolean percent) {
    /** Months, 0-1. */
    public static final FigureRequest DEFAULT = new FigureRequest(TimeScale.MONTHS, false);

    public FigureRequest {
        timeUnit = timeUnit == null ? TimeScale.MONTHS : timeUnit;
    }
}
