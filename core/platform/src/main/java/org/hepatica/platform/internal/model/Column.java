package org.hepatica.platform.internal.model;

import java.util.List;
import org.hepatica.cohort.ColumnSummary;
import org.hepatica.cohort.ColumnType;

/**
 * One stored column. Numeric, integer, binary and date columns hold {@code values} ({@code NaN} =
 * missing); categorical columns hold {@code codes} into sorted {@code levels} (-1 = missing); text
 * columns hold {@code texts} (null = missing). Arrays are never handed out without copying.
 */
public record Column(String name, ColumnType type, double[] values, int[] codes, List<String> levels,
        String[] texts) {

    public static Column numeric(String name, ColumnType type, double[] values) {
        return new Column(name, type, values, null, null, null);
    }

    public static Column categorical(String name, int[] codes, List<String> levels) {
        return new Column(name, ColumnType.CATEGORICAL, null, codes, List.copyOf(levels), null);
    }

    public static Column text(String name, String[] texts) {
        return new Column(name, ColumnType.TEXT, null, null, null, texts);
    }

    public int size() {
        return values != null ? values.length : codes != null ? codes.length : texts.length;
    }

    public int missing() {
        int m = 0;
        if (values != null) {
            for (double v : values) {
                if (Double.isNaN(v)) {
                    m++;
                }
            }
        } else if (codes != null) {
            for (int c : codes) {
                if (c < 0) {
                    m++;
                }
            }
        } else {
            for (String t : texts) {
                if (t == null) {
                    m++;
                }
            }
        }
        return m;
    }

    public ColumnSummary summary() {
        return new ColumnSummary(name, type, missing(), type == ColumnType.CATEGORICAL ? levels : null);
    }
}
