package org.hepatica.cohort;

import java.util.List;

/**
 * One column of a stored cohort.
 *
 * @param name    the column name as imported (lower case)
 * @param type    how it is stored
 * @param missing how many patients have no value
 * @param levels  the levels in sorted (code point) order for categorical columns, otherwise null
 */
public record ColumnSummary(String name, ColumnType type, int missing, List<String> levels) {
}
