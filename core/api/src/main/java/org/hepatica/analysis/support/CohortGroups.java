package org.hepatica.analysis.support;

import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.Categorical;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ColumnSummary;
import org.hepatica.cohort.ColumnType;

/**
 * The columns a request names, checked once with the 400 that names the parameter: a column the
 * cohort lacks, or one that cannot group patients (a date, or a number with more than 20 distinct
 * values). For analyses that are not survival analyses (response rates, "Table 1"); a
 * {@link SurvivalSample} groups by the same rule.
 */
public final class CohortGroups {
    /** A numeric column with more distinct values than this is no grouping. */
    public static final int MAX_NUMERIC_GROUPS = 20;

    private CohortGroups() {
    }

    /**
     * The column the request names.
     *
     * @throws InvalidParameterException naming {@code parameter} when the cohort has no such column
     */
    public static ColumnSummary column(CohortView cohort, String parameter, String column)
            throws InvalidParameterException {
        return Columns.require(cohort, parameter, column);
    }

    /**
     * The groups of a column: its levels (a 0/1 or integer column by its values), one code per
     * cohort row, {@code -1} where missing.
     *
     * @throws InvalidParameterException naming {@code parameter} when the cohort lacks the column or it cannot group
     */
    public static Categorical groups(CohortView cohort, String parameter, String column)
            throws InvalidParameterException {
        return groups(cohort, parameter, Columns.require(cohort, parameter, column));
    }

    static Categorical groups(CohortView cohort, String parameter, ColumnSummary c) throws InvalidParameterException {
        if (c.type() == ColumnType.DATE) {
            throw new InvalidParameterException(parameter, "column '" + c.name()
                    + "' holds dates; give a categorical, 0/1 or integer column");
        }
        Categorical values = cohort.categorical(c.name());
        if ((c.type() == ColumnType.NUMERIC || c.type() == ColumnType.INTEGER)
                && values.levels().size() > MAX_NUMERIC_GROUPS) {
            throw new InvalidParameterException(parameter, "column '" + c.name() + "' has "
                    + values.levels().size() + " distinct values; a grouping may have at most "
                    + MAX_NUMERIC_GROUPS + " (classify it first)");
        }
        return values;
    }

    /** Whether a column holds numbers (numeric, integer or 0/1). */
    public static boolean isNumeric(ColumnSummary c) {
        return Columns.isNumeric(c.type());
    }
}
