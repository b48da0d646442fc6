package org.hepatica.platform.internal.csv;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hepatica.cohort.ColumnType;

/**
 * How a column of the canonical CSV is read and checked: the fixed columns of the contract with
 * their types, allowed values and ranges, and the rule for any other column (kept as an extra
 * covariate, numeric when every non-empty value is a number, categorical otherwise).
 *
 * @param name    lower-case column name
 * @param type    stored type; null for an extra column whose type is decided after reading
 * @param levels  allowed categorical values in their canonical spelling (matched case-insensitively),
 *                or null for any value
 * @param min     smallest allowed number (inclusive)
 * @param max     largest allowed number (inclusive)
 */
public record ColumnRule(String name, ColumnType type, List<String> levels, double min, double max) {

    private static final double INF = Double.POSITIVE_INFINITY;

    private static final Map<String, ColumnRule> FIXED = Map.ofEntries(
            rule("patient_id", ColumnType.TEXT, null, -INF, INF),
            rule("site", ColumnType.CATEGORICAL, null, -INF, INF),
            rule("treatment_date", ColumnType.DATE, null, -INF, INF),
            rule("recurrence_date", ColumnType.DATE, null, -INF, INF),
            rule("death_date", ColumnType.DATE, null, -INF, INF),
            rule("last_followup_date", ColumnType.DATE, null, -INF, INF),
            rule("os_time", ColumnType.NUMERIC, null, -INF, INF),
            rule("os_event", ColumnType.NUMERIC, null, -INF, INF),
            rule("dfs_time", ColumnType.NUMERIC, null, -INF, INF),
            rule("dfs_event", ColumnType.NUMERIC, null, -INF, INF),
            rule("arm", ColumnType.CATEGORICAL, null, -INF, INF),
            rule("rt_technique", ColumnType.CATEGORICAL, List.of("IMRT", "SBRT", "none"), -INF, INF),
            rule("rt_dose_gy", ColumnType.NUMERIC, null, 0, INF),
            rule("rt_fractions", ColumnType.INTEGER, null, 0, INF),
            rule("recurrent_hcc", ColumnType.BINARY, null, 0, 1),
            rule("age", ColumnType.NUMERIC, null, 0, 130),
            rule("sex", ColumnType.CATEGORICAL, List.of("M", "F"), -INF, INF),
            rule("child_pugh", ColumnType.CATEGORICAL, List.of("A", "B", "C"), -INF, INF),
            rule("bclc", ColumnType.CATEGORICAL, List.of("0", "A", "B", "C", "D"), -INF, INF),
            rule("tumor_size_cm", ColumnType.NUMERIC, null, 0, INF),
            rule("tumor_count", ColumnType.INTEGER, null, 0, INF),
            rule("afp_ng_ml", ColumnType.NUMERIC, null, 0, INF),
            rule("mvi", ColumnType.BINARY, null, 0, 1),
            rule("margin_mm", ColumnType.NUMERIC, null, 0, INF),
            rule("response_mrecist", ColumnType.CATEGORICAL, List.of("CR", "PR", "SD", "PD"), -INF, INF),
            rule("ae_max_grade", ColumnType.INTEGER, null, 0, 5));

    private static Map.Entry<String, ColumnRule> rule(String name, ColumnType type, List<String> levels, double min,
            double max) {
        return Map.entry(name, new ColumnRule(name, type, levels, min, max));
    }

    /** The rule for a header name (trimmed, case-insensitive). */
    public static ColumnRule forHeader(String header) {
        String name = header.trim().toLowerCase(Locale.ROOT);
        ColumnRule fixed = FIXED.get(name);
        return fixed != null ? fixed : new ColumnRule(name, null, null, -INF, INF);
    }

    public boolean isExtra() {
        return type == null;
    }

    /** The allowed range in words, for messages: "the allowed range 0 to 5", "... (at least 0)". */
    public String rangeText() {
        String from = org.hepatica.platform.internal.model.Columns.label(min);
        if (Double.isInfinite(max)) {
            return "the allowed range (at least " + from + ")";
        }
        return "the allowed range " + from + " to " + org.hepatica.platform.internal.model.Columns.label(max);
    }

    /** The canonical spelling of {@code value} among the allowed levels, or null when not allowed. */
    public String canonicalLevel(String value) {
        for (String level : levels) {
            if (level.equalsIgnoreCase(value)) {
                return level;
            }
        }
        return null;
    }
}
