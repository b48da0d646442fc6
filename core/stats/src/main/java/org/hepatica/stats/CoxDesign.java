package org.hepatica.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The design matrix of a Cox model, built from covariate columns by name (platform convention,
 * contract {@code cohort-csv.md}):
 * <ul>
 *   <li>a numeric covariate enters as it is, its term named after it ({@code age});</li>
 *   <li>a categorical covariate enters as 0/1 indicators of each level against a reference
 *       level, by default the first level in sorted (code point) order, overridable; a term is
 *       named {@code name=level} ({@code arm=RFA+RT}; R would say {@code armRFA+RT});</li>
 *   <li>an interaction {@code a:b} adds the products of the columns of a and b (after the main
 *       effects, a varying fastest), named {@code termA:termB};</li>
 *   <li>an optional stratification variable gives separate baseline hazards;</li>
 *   <li>a row with a missing value (NaN, null or blank) in any of these variables is left out
 *       and counted in {@link #nDropped()}. Levels are those present in the rows kept.</li>
 * </ul>
 * Instances are immutable; build them with {@link #builder(int)}.
 */
public final class CoxDesign {

    private final int rows;
    private final int[] kept;
    private final String[] termNames;
    private final String[] termVariables;
    private final double[][] x;
    private final int[] strata;
    private final String strataName;
    private final String[] strataLabels;
    private final Map<String, List<String>> levels;
    private final Map<String, String> references;
    private final List<String> warnings;

    private CoxDesign(int rows, int[] kept, String[] termNames, String[] termVariables, double[][] x,
                      int[] strata, String strataName, String[] strataLabels,
                      Map<String, List<String>> levels, Map<String, String> references,
                      List<String> warnings) {
        this.rows = rows;
        this.kept = kept;
        this.termNames = termNames;
        this.termVariables = termVariables;
        this.x = x;
        this.strata = strata;
        this.strataName = strataName;
        this.strataLabels = strataLabels;
        this.levels = levels;
        this.references = references;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Starts a design over {@code rows} input rows; every column given to the builder must have
     * exactly that length.
     */
    public static Builder builder(int rows) {
        return new Builder(Arguments.requireAtLeast("rows", rows, 0));
    }

    /** Number of input rows. */
    public int rows() {
        return rows;
    }

    /** Number of rows kept (no missing value in a used variable). */
    public int n() {
        return kept.length;
    }

    /** Rows left out for a missing value. */
    public int nDropped() {
        return rows - kept.length;
    }

    /** Input row index of each kept row, ascending. */
    public int[] keptRows() {
        return kept.clone();
    }

    /** Term (column) names. */
    public List<String> termNames() {
        return List.of(termNames);
    }

    /** The variable each term belongs to ({@code arm} for {@code arm=RFA+RT}; {@code a:b}). */
    public List<String> termVariables() {
        return List.of(termVariables);
    }

    /** A copy of column {@code j} over the kept rows. */
    public double[] column(int j) {
        return x[j].clone();
    }

    /** The levels (sorted, reference first) of a categorical variable, empty otherwise. */
    public List<String> levels(String variable) {
        return levels.getOrDefault(variable, List.of());
    }

    /** The reference level of a categorical variable, or null. */
    public String reference(String variable) {
        return references.get(variable);
    }

    /** Name of the stratification variable, or null. */
    public String strataName() {
        return strataName;
    }

    /** Stratum labels by code (sorted), or an empty list when unstratified. */
    public List<String> strataLabels() {
        return strataLabels == null ? List.of() : List.of(strataLabels);
    }

    /** Notes about the design (e.g. a categorical variable with a single level). */
    public List<String> warnings() {
        return warnings;
    }

    /** Internal access without copying (the fitter only reads). */
    double[][] matrix() {
        return x;
    }

    int[] strataCodes() {
        return strata;
    }

    String[] termNameArray() {
        return termNames;
    }

    String[] termVariableArray() {
        return termVariables;
    }

    int[] keptArray() {
        return kept;
    }

    /** Collects variables in order, then builds the design. Not thread-safe; use once. */
    public static final class Builder {

        private final int rows;
        private final Map<String, Object> variables = new LinkedHashMap<>();
        private final Map<String, String> requestedReference = new LinkedHashMap<>();
        private final List<String[]> interactions = new ArrayList<>();
        private String strataName;
        private String[] strataValues;

        private Builder(int rows) {
            this.rows = rows;
        }

        /** Adds a numeric covariate; NaN marks a missing value. */
        public Builder numeric(String name, double[] values) {
            declare(name, values == null ? null : values.length);
            variables.put(name, values.clone());
            return this;
        }

        /** Adds a categorical covariate with the default reference level; null or blank = missing. */
        public Builder categorical(String name, String[] values) {
            return categorical(name, values, null);
        }

        /**
         * Adds a categorical covariate with a named reference level (null: the first level in
         * sorted code point order).
         */
        public Builder categorical(String name, String[] values, String reference) {
            declare(name, values == null ? null : values.length);
            variables.put(name, values.clone());
            if (reference != null) {
                requestedReference.put(name, reference);
            }
            return this;
        }

        /** Adds the interaction of two variables already added (main effects stay in). */
        public Builder interaction(String a, String b) {
            for (String v : new String[] {a, b}) {
                if (!variables.containsKey(v)) {
                    throw new IllegalArgumentException(
                            "interaction " + a + ":" + b + " needs variable '" + v + "' added first");
                }
            }
            if (a.equals(b)) {
                throw new IllegalArgumentException("interaction " + a + ":" + b + " needs two different variables");
            }
            interactions.add(new String[] {a, b});
            return this;
        }

        /** Stratifies by a categorical variable; null or blank = missing. */
        public Builder strata(String name, String[] values) {
            Arguments.requireNonBlank("strataName", name);
            Arguments.requireNonNull("strata", values);
            Arguments.requireSameLength("rows", rows, "strata", values.length);
            strataName = name;
            strataValues = values.clone();
            return this;
        }

        /** Stratifies by a numeric code (e.g. ECOG score); NaN = missing. */
        public Builder strata(String name, double[] values) {
            Arguments.requireNonNull("strata", values);
            String[] labels = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                labels[i] = Double.isNaN(values[i]) ? null : formatNumber(values[i]);
            }
            return strata(name, labels);
        }

        private void declare(String name, Integer length) {
            Arguments.requireNonBlank("name", name);
            if (length == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            Arguments.requireSameLength("rows", rows, name, length);
            if (variables.containsKey(name)) {
                throw new IllegalArgumentException(name + " is already in the design");
            }
        }

        /**
         * Builds the design: drops rows with a missing value, finds the levels, makes the columns.
         *
         * @throws IllegalArgumentException when a requested reference level does not occur in
         *     the rows kept
         */
        public CoxDesign build() {
            boolean[] missing = new boolean[rows];
            for (Object values : variables.values()) {
                markMissing(values, missing);
            }
            if (strataValues != null) {
                markMissing(strataValues, missing);
            }
            int n = 0;
            for (boolean m : missing) {
                if (!m) {
                    n++;
                }
            }
            int[] kept = new int[n];
            for (int i = 0, q = 0; i < rows; i++) {
                if (!missing[i]) {
                    kept[q++] = i;
                }
            }
            List<String> names = new ArrayList<>();
            List<String> owners = new ArrayList<>();
            List<double[]> columns = new ArrayList<>();
            Map<String, List<String>> levels = new LinkedHashMap<>();
            Map<String, String> references = new LinkedHashMap<>();
            Map<String, int[]> columnsOf = new LinkedHashMap<>();
            List<String> warnings = new ArrayList<>();
            for (Map.Entry<String, Object> e : variables.entrySet()) {
                String name = e.getKey();
                int first = columns.size();
                if (e.getValue() instanceof double[] values) {
                    double[] col = new double[n];
                    for (int q = 0; q < n; q++) {
                        col[q] = values[kept[q]];
                    }
                    names.add(name);
                    owners.add(name);
                    columns.add(col);
                } else {
                    String[] values = (String[]) e.getValue();
                    TreeSet<String> found = new TreeSet<>(CoxDesign::compareCodePoints);
                    for (int q = 0; q < n; q++) {
                        found.add(values[kept[q]]);
                    }
                    String reference = requestedReference.get(name);
                    if (reference != null && !found.contains(reference)) {
                        throw new IllegalArgumentException("reference level '" + reference + "' of " + name
                                + " does not occur in the analysed rows " + found);
                    }
                    if (reference == null && !found.isEmpty()) {
                        reference = found.first();
                    }
                    List<String> ordered = new ArrayList<>();
                    if (reference != null) {
                        ordered.add(reference);
                    }
                    for (String level : found) {
                        if (!level.equals(reference)) {
                            ordered.add(level);
                        }
                    }
                    levels.put(name, List.copyOf(ordered));
                    if (reference != null) {
                        references.put(name, reference);
                    }
                    if (ordered.size() == 1) {
                        warnings.add("categorical covariate '" + name + "' has the single level '" + reference
                                + "' in the analysed rows: it adds no term");
                    }
                    for (String level : ordered.subList(Math.min(1, ordered.size()), ordered.size())) {
                        double[] col = new double[n];
                        for (int q = 0; q < n; q++) {
                            col[q] = level.equals(values[kept[q]]) ? 1.0 : 0.0;
                        }
                        names.add(name + "=" + level);
                        owners.add(name);
                        columns.add(col);
                    }
                }
                int[] range = new int[columns.size() - first];
                for (int c = 0; c < range.length; c++) {
                    range[c] = first + c;
                }
                columnsOf.put(name, range);
            }
            for (String[] pair : interactions) {
                String owner = pair[0] + ":" + pair[1];
                int[] ca = columnsOf.get(pair[0]);
                int[] cb = columnsOf.get(pair[1]);
                List<double[]> snapshot = new ArrayList<>(columns);
                List<String> nameSnapshot = new ArrayList<>(names);
                for (int jb : cb) {
                    for (int ja : ca) {
                        double[] xa = snapshot.get(ja);
                        double[] xb = snapshot.get(jb);
                        double[] col = new double[n];
                        for (int q = 0; q < n; q++) {
                            col[q] = xa[q] * xb[q];
                        }
                        names.add(nameSnapshot.get(ja) + ":" + nameSnapshot.get(jb));
                        owners.add(owner);
                        columns.add(col);
                    }
                }
            }
            int[] strataCodes = null;
            String[] strataLabels = null;
            if (strataValues != null) {
                TreeSet<String> found = new TreeSet<>(CoxDesign::compareStrataLabels);
                for (int q = 0; q < n; q++) {
                    found.add(strataValues[kept[q]]);
                }
                strataLabels = found.toArray(new String[0]);
                Map<String, Integer> code = new LinkedHashMap<>();
                for (int c = 0; c < strataLabels.length; c++) {
                    code.put(strataLabels[c], c);
                }
                strataCodes = new int[n];
                for (int q = 0; q < n; q++) {
                    strataCodes[q] = code.get(strataValues[kept[q]]);
                }
            }
            return new CoxDesign(rows, kept, names.toArray(new String[0]), owners.toArray(new String[0]),
                    columns.toArray(new double[0][]), strataCodes, strataName, strataLabels, levels,
                    references, warnings);
        }

        private static void markMissing(Object values, boolean[] missing) {
            if (values instanceof double[] d) {
                for (int i = 0; i < d.length; i++) {
                    if (Double.isNaN(d[i])) {
                        missing[i] = true;
                    } else if (Double.isInfinite(d[i])) {
                        throw new IllegalArgumentException("covariate[" + i + "] must not be infinite, was " + d[i]);
                    }
                }
            } else {
                String[] s = (String[]) values;
                for (int i = 0; i < s.length; i++) {
                    if (s[i] == null || s[i].isBlank()) {
                        missing[i] = true;
                    }
                }
            }
        }
    }

    /** Sorted (code point) order of level names. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Strata order: numerically when both labels are numbers, else code point order. */
    private static int compareStrataLabels(String a, String b) {
        Double da = parse(a);
        Double db = parse(b);
        if (da != null && db != null) {
            int c = Double.compare(da, db);
            return c != 0 ? c : compareCodePoints(a, b);
        }
        return compareCodePoints(a, b);
    }

    private static Double parse(String s) {
        try {
            return Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    @Override
    public String toString() {
        return "CoxDesign" + Arrays.toString(termNames) + " n=" + kept.length + " dropped=" + nDropped()
                + (strataName == null ? "" : " strata=" + strataName);
    }
}
