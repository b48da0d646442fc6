package org.hepatica.analysis.support;

import java.util.List;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ColumnSummary;
import org.hepatica.cohort.ColumnType;

/** Looking up the columns a request names, with the 400 that names the parameter. */
final class Columns {
    private Columns() {
    }

    /** The column, or a 400 naming the parameter and listing the cohort's columns. */
    static ColumnSummary require(CohortView cohort, String parameter, String column) throws InvalidParameterException {
        ColumnSummary c = column == null || column.isBlank() ? null : cohort.column(column);
        if (c == null) {
            List<String> names = cohort.columns().stream().map(ColumnSummary::name).toList();
            throw new InvalidParameterException(parameter, "the cohort has no column '" + column + "'; its columns are "
                    + names);
        }
        return c;
    }

    static boolean isNumeric(ColumnType type) {
        return type == ColumnType.NUMERIC || type == ColumnType.INTEGER || type == ColumnType.BINARY;
    }

    static String typeName(ColumnType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
