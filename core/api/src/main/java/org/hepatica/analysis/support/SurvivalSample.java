package org.hepatica.analysis.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.Categorical;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ColumnSummary;
import org.hepatica.cohort.Endpoint;
import org.hepatica.stats.TimeOrder;

/**
 * The subjects of a cohort that a survival analysis uses, as the statistics engine takes them:
 * the endpoint's times (days) and 0/1 status, an optional grouping (treatment arm, margin class)
 * and optional strata, over the patients who have every value used. The others are left out and
 * counted: {@link #nDropped()} in all and {@link #missing()} per variable, as the contract asks
 * ({@code nDropped}). The time order is sorted once ({@link #order()}) and shared by every
 * estimator of the run.
 *
 * <p>Arrays returned are the sample's own and are shared with the estimators (no copy per
 * call, so a 10^6-patient run holds each array once): never modify them. A sample belongs to
 * one run; it is not kept after the run returns.
 *
 * <pre>
 * SurvivalSample s = SurvivalSample.of(cohort, Endpoint.DFS).groupBy("treatment", "arm").build();
 * KaplanMeierResult km = estimator.fit(s.order(), s.time(), s.status(), s.group().codes(), s.group().labelArray());
 * </pre>
 */
public final class SurvivalSample {
    /** A numeric column with more distinct values than this is no grouping. */
    static final int MAX_NUMERIC_GROUPS = CohortGroups.MAX_NUMERIC_GROUPS;

    private final Endpoint endpoint;
    private final int cohortSize;
    private final int[] rows;
    private final double[] time;
    private final int[] status;
    private final int[] cause;
    private final Grouping group;
    private final Grouping strata;
    private final Grouping subgroup;
    private final Map<String, Integer> missing;
    private final int nDropped;
    private final List<String> warnings;
    private volatile TimeOrder order;

    private SurvivalSample(Endpoint endpoint, int cohortSize, int[] rows, double[] time, int[] status, int[] cause,
            Grouping group, Grouping strata, Grouping subgroup, Map<String, Integer> missing, int nDropped,
            List<String> warnings) {
        this.endpoint = endpoint;
        this.cohortSize = cohortSize;
        this.rows = rows;
        this.time = time;
        this.status = status;
        this.cause = cause;
        this.group = group;
        this.strata = strata;
        this.subgroup = subgroup;
        this.missing = missing;
        this.nDropped = nDropped;
        this.warnings = List.copyOf(warnings);
    }

    /** Starts a sample of the patients of {@code cohort} whose {@code endpoint} is known. */
    public static Builder of(CohortView cohort, Endpoint endpoint) {
        return new Builder(cohort, endpoint);
    }

    /** The endpoint. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** Number of patients in the cohort. */
    public int cohortSize() {
        return cohortSize;
    }

    /** Number of subjects. */
    public int size() {
        return rows.length;
    }

    /** Patients of the cohort left out for a missing value (cohort size minus {@link #size()}). */
    public int nDropped() {
        return nDropped;
    }

    /**
     * Per variable used (the endpoint by its name, then each column), the patients of the cohort
     * that miss it; a patient missing two variables counts under both.
     */
    public Map<String, Integer> missing() {
        return missing;
    }

    /** The cohort row of each subject, ascending. */
    public int[] rows() {
        return rows;
    }

    /** Time of each subject, days, finite and &gt;= 0. */
    public double[] time() {
        return time;
    }

    /** 1 = event, 0 = censored. */
    public int[] status() {
        return status;
    }

    /**
     * The competing-risk cause of DFS ({@link CohortView#dfsCause()}): 1 recurrence first, 2
     * death without recurrence, 0 censored.
     *
     * @throws IllegalStateException when the sample was not built {@link Builder#withCauses()}
     */
    public int[] cause() {
        if (cause == null) {
            throw new IllegalStateException("the sample was built without the competing-risk causes");
        }
        return cause;
    }

    /** The grouping, or null when ungrouped. */
    public Grouping group() {
        return group;
    }

    /** The strata, or null. */
    public Grouping strata() {
        return strata;
    }

    /** The subgroups within which an analysis repeats itself (e.g. MVI levels), or null. */
    public Grouping subgroup() {
        return subgroup;
    }

    /** The strata codes, or null when unstratified (as the estimators take them). */
    public int[] strataCodes() {
        return strata == null ? null : strata.codes();
    }

    /** What a user should know about the sample: who was left out, groups without patients. */
    public List<String> warnings() {
        return warnings;
    }

    /** The time order of {@link #time()}, sorted on first use and then shared. */
    public TimeOrder order() {
        TimeOrder o = order;
        if (o == null) {
            o = TimeOrder.of(time);
            order = o;
        }
        return o;
    }

    /**
     * The subjects for which {@code keep} holds (a subgroup), with the groupings recoded to the
     * labels present among them; {@link #nDropped()} and {@link #missing()} stay those of this
     * sample.
     *
     * @param keep tested with each subject's index in this sample
     */
    public SurvivalSample subset(IntPredicate keep) {
        int n = 0;
        for (int k = 0; k < rows.length; k++) {
            if (keep.test(k)) {
                n++;
            }
        }
        int[] positions = new int[n];
        for (int k = 0, q = 0; k < rows.length; k++) {
            if (keep.test(k)) {
                positions[q++] = k;
            }
        }
        return new SurvivalSample(endpoint, cohortSize, take(rows, positions), take(time, positions),
                take(status, positions), cause == null ? null : take(cause, positions), recode(group, positions),
                recode(strata, positions), recode(subgroup, positions), missing, nDropped, warnings);
    }

    private static Grouping recode(Grouping g, int[] positions) {
        if (g == null) {
            return null;
        }
        int[] codes = new int[positions.length];
        for (int q = 0; q < positions.length; q++) {
            codes[q] = g.codes()[positions[q]];
        }
        return Builder.compact(g.name(), codes, g.labels());
    }

    private static int[] take(int[] v, int[] positions) {
        int[] out = new int[positions.length];
        for (int q = 0; q < positions.length; q++) {
            out[q] = v[positions[q]];
        }
        return out;
    }

    private static double[] take(double[] v, int[] positions) {
        double[] out = new double[positions.length];
        for (int q = 0; q < positions.length; q++) {
            out[q] = v[positions[q]];
        }
        return out;
    }

    /** Collects the variables, then selects the subjects. Use once. */
    public static final class Builder {
        private final CohortView cohort;
        private final Endpoint endpoint;
        /** A variable the sample groups by: its name and one code per cohort row ({@code -1} = missing). */
        private record Variable(String name, Categorical values) {
        }

        private Variable group;
        private Variable strata;
        private Variable subgroup;
        private boolean causes;

        private Builder(CohortView cohort, Endpoint endpoint) {
            this.cohort = cohort;
            this.endpoint = endpoint;
        }

        /**
         * Groups by a column of the cohort (its levels; a 0/1 or integer column by its values).
         *
         * @param parameter the request parameter that named the column, for the error
         * @throws InvalidParameterException when the cohort lacks the column or it cannot group
         *     (a date, or a number with more than 20 distinct values)
         */
        public Builder groupBy(String parameter, String column) throws InvalidParameterException {
            group = column(parameter, column);
            return this;
        }

        /** Groups by derived levels, one code per cohort row ({@code -1} = missing). */
        public Builder groupBy(String name, Categorical values) {
            group = new Variable(name, values);
            return this;
        }

        /** Stratifies by a column of the cohort; errors as {@link #groupBy(String, String)}. */
        public Builder strata(String parameter, String column) throws InvalidParameterException {
            strata = column(parameter, column);
            return this;
        }

        /** Stratifies by derived levels, one code per cohort row ({@code -1} = missing). */
        public Builder strata(String name, Categorical values) {
            strata = new Variable(name, values);
            return this;
        }

        /**
         * Splits the subjects into subgroups by a column (e.g. {@code mvi}); errors as
         * {@link #groupBy(String, String)}.
         */
        public Builder subgroup(String parameter, String column) throws InvalidParameterException {
            subgroup = column(parameter, column);
            return this;
        }

        private Variable column(String parameter, String column) throws InvalidParameterException {
            ColumnSummary c = Columns.require(cohort, parameter, column);
            return new Variable(c.name(), categories(parameter, c));
        }

        /** Carries the competing-risk causes of DFS ({@link SurvivalSample#cause()}). */
        public Builder withCauses() {
            if (endpoint != Endpoint.DFS) {
                throw new IllegalStateException("competing-risk causes belong to DFS");
            }
            causes = true;
            return this;
        }

        private Categorical categories(String parameter, ColumnSummary c) throws InvalidParameterException {
            return CohortGroups.groups(cohort, parameter, c);
        }

        /**
         * Selects the patients with every value.
         *
         * @throws AnalysisException when no patient has them all
         */
        public SurvivalSample build() throws AnalysisException {
            double[] allTime = cohort.time(endpoint);
            int[] allEvent = cohort.event(endpoint);
            int[] allCause = causes ? cohort.dfsCause() : null;
            int size = allTime.length;
            boolean[] drop = new boolean[size];
            Map<String, Integer> missing = new LinkedHashMap<>();
            int m = 0;
            for (int i = 0; i < size; i++) {
                if (allEvent[i] < 0 || Double.isNaN(allTime[i]) || (allCause != null && allCause[i] < 0)) {
                    drop[i] = true;
                    m++;
                }
            }
            missing.put(endpoint.name(), m);
            for (Variable v : new Variable[] {group, strata, subgroup}) {
                if (v != null) {
                    missing.merge(v.name(), markMissing(v.values().codes(), drop), Math::max);
                }
            }
            int n = 0;
            for (boolean d : drop) {
                if (!d) {
                    n++;
                }
            }
            int[] rows = new int[n];
            double[] time = new double[n];
            int[] status = new int[n];
            int[] cause = allCause == null ? null : new int[n];
            for (int i = 0, k = 0; i < size; i++) {
                if (!drop[i]) {
                    rows[k] = i;
                    time[k] = allTime[i];
                    status[k] = allEvent[i];
                    if (cause != null) {
                        cause[k] = allCause[i];
                    }
                    k++;
                }
            }
            List<String> warnings = new ArrayList<>();
            if (n == 0) {
                throw new AnalysisException("no patient has every value the analysis needs (" + describe(missing)
                        + ")");
            }
            if (n < size) {
                warnings.add((size - n) + " of " + size + " patients left out for a missing value ("
                        + describe(missing) + ")");
            }
            return new SurvivalSample(endpoint, size, rows, time, status, cause, grouping(group, rows, warnings),
                    grouping(strata, rows, warnings), grouping(subgroup, rows, warnings),
                    java.util.Collections.unmodifiableMap(missing), size - n, warnings);
        }

        private static String describe(Map<String, Integer> missing) {
            List<String> parts = new ArrayList<>();
            missing.forEach((name, count) -> {
                if (count > 0) {
                    parts.add(name + " missing for " + count);
                }
            });
            return parts.isEmpty() ? "nothing missing" : String.join(", ", parts);
        }

        private static int markMissing(int[] codes, boolean[] drop) {
            int count = 0;
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] < 0) {
                    drop[i] = true;
                    count++;
                }
            }
            return count;
        }

        private static Grouping grouping(Variable v, int[] rows, List<String> warnings) {
            if (v == null) {
                return null;
            }
            String name = v.name();
            Categorical values = v.values();
            int[] all = values.codes();
            int[] codes = new int[rows.length];
            for (int k = 0; k < rows.length; k++) {
                codes[k] = all[rows[k]];
            }
            Grouping g = compact(name, codes, values.levels());
            if (g.size() < values.levels().size()) {
                List<String> absent = new ArrayList<>(values.levels());
                absent.removeAll(g.labels());
                warnings.add(name + " level(s) " + absent + " have no patient in the analysis");
            }
            return g;
        }

        /** Recodes {@code codes} (in place) to the levels that occur, keeping their order. */
        static Grouping compact(String name, int[] codes, List<String> levels) {
            int[] count = new int[levels.size()];
            for (int c : codes) {
                count[c]++;
            }
            int[] newCode = new int[levels.size()];
            List<String> present = new ArrayList<>();
            for (int l = 0; l < levels.size(); l++) {
                newCode[l] = count[l] > 0 ? present.size() : -1;
                if (count[l] > 0) {
                    present.add(levels.get(l));
                }
            }
            if (present.size() < levels.size()) {
                for (int k = 0; k < codes.length; k++) {
                    codes[k] = newCode[codes[k]];
                }
            }
            return new Grouping(name, codes, present);
        }
    }
}
