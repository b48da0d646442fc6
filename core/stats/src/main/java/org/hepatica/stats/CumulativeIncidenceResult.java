package org.hepatica.stats;

import java.util.List;

/**
 * Cumulative incidence curves by group and cause, as computed by
 * {@link CumulativeIncidenceEstimator}; the {@code cif} part of the {@code competing-risks}
 * result of the HTTP API and of the reference JSON ({@code competingRisks.cif}).
 *
 * @param cif one curve per cause and group, cause-major ({@code "RFA 1", "RFA+RT 1", "RFA 2",
 *     ...}), as R {@code cmprsk::cuminc}
 * @param warnings degenerate data (no events of any cause, a group without subjects, a
 *     requested time after a group's last follow-up)
 */
public record CumulativeIncidenceResult(List<Curve> cif, List<String> warnings) {

    /** Copies the lists, so the result is immutable. */
    public CumulativeIncidenceResult {
        cif = List.copyOf(cif);
        warnings = List.copyOf(warnings);
    }

    /**
     * The curve with the given name ({@code "GROUP CAUSE"}).
     *
     * @throws IllegalArgumentException if there is none
     */
    public Curve curve(String name) {
        for (Curve c : cif) {
            if (c.curve().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("curve does not exist: \"" + name + "\"");
    }

    /**
     * The cumulative incidence of one cause in one group, at the requested times.
     *
     * @param curve {@code group + " " + cause}, R's curve name
     * @param group the group label
     * @param cause the cause code, as text
     * @param times the times, ascending and distinct
     * @param estimate cumulative incidence at each time; null after the group's last follow-up
     *     (R {@code timepoints} gives NA there)
     * @param variance its variance as {@code cuminc} reports it; null where the estimate is
     */
    public record Curve(String curve, String group, String cause, List<Double> times,
            List<Double> estimate, List<Double> variance) {

        /** Copies the lists (which may hold nulls), so the record is immutable. */
        public Curve {
            times = List.copyOf(times);
            estimate = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(estimate));
            variance = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(variance));
        }
    }
}
