package org.hepatica.platform.internal.model;

import java.util.List;

/**
 * The content of a cohort: its columns in import order (the first is patient_id) and the derived
 * endpoints, one entry per patient. Times in days ({@code NaN} = not derivable), events 1/0
 * (-1 = not derivable), DFS cause 0/1/2 (-1 = not derivable).
 */
public record CohortData(List<Column> columns, double[] osTime, int[] osEvent, double[] dfsTime, int[] dfsEvent,
        int[] dfsCause) {

    public int size() {
        return osTime.length;
    }

    /** The column named {@code name} (lower case), or null. */
    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
