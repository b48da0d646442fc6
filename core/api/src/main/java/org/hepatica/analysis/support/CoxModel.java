package org.hepatica.analysis.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.Categorical;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ColumnSummary;
import org.hepatica.cohort.ColumnType;
import org.hepatica.stats.CoxDesign;
import org.hepatica.stats.CoxProportionalHazards;
import org.hepatica.stats.CoxResult;

/**
 * A Cox model over the subjects of a {@link SurvivalSample}, its design made from covariate
 * names by column type, as the contract says ({@code cohort-csv.md}, "Conventions"):
 * <ul>
 *   <li>a number, integer or 0/1 column enters as it is (term {@code age});</li>
 *   <li>a categorical column enters as indicators against its reference level: the first level
 *       in code point order, or the one the request names (term {@code arm=RFA+RT});</li>
 *   <li>a text or date column is no covariate: a 400 naming the parameter, as is a column the
 *       cohort lacks, or a reference for a covariate that is not categorical or a level that
 *       does not occur;</li>
 *   <li>patients who miss a covariate are left out and counted: the fit's {@code nDropped} is
 *       those of the sample plus those of the design.</li>
 * </ul>
 * The fit uses the sample's time order, so a Cox model and the Kaplan-Meier curves of one run
 * sort the times once.
 */
public final class CoxModel {
    private final SurvivalSample sample;
    private final CoxDesign design;
    private final Map<String, Integer> missing;

    private CoxModel(SurvivalSample sample, CoxDesign design, Map<String, Integer> missing) {
        this.sample = sample;
        this.design = design;
        this.missing = java.util.Collections.unmodifiableMap(missing);
    }

    /**
     * Per covariate and stratification column, the subjects of the sample that miss it (left out
     * of the fit); a subject missing two counts under both.
     */
    public Map<String, Integer> missing() {
        return missing;
    }

    /** Starts a model of the sample's subjects of {@code cohort}. */
    public static Builder of(CohortView cohort, SurvivalSample sample) {
        return new Builder(cohort, sample);
    }

    /** The design. */
    public CoxDesign design() {
        return design;
    }

    /**
     * Fits the model on the sample's time order.
     *
     * @return the fit, {@code nDropped} counting the patients the sample left out too, with a
     *     warning naming the covariates that left patients out
     */
    public CoxResult fit(CoxProportionalHazards cox) {
        CoxResult r = cox.fit(sample.order(), sample.time(), sample.status(), design);
        List<String> warnings = new ArrayList<>();
        if (design.nDropped() > 0) {
            List<String> parts = new ArrayList<>();
            missing.forEach((name, count) -> {
                if (count > 0) {
                    parts.add(name + " missing for " + count);
                }
            });
            warnings.add(design.nDropped() + " of " + sample.size() + " patients left out of the model for a missing"
                    + " covariate (" + String.join(", ", parts) + ")");
        }
        warnings.addAll(r.warnings());
        return new CoxResult(r.n(), r.events(), r.nDropped() + sample.nDropped(), r.terms(), r.logLikNull(),
                r.logLik(), r.iterations(), r.converged(), r.likelihoodRatio(), r.wald(), r.score(), r.concordance(),
                r.phTest(), warnings);
    }

    /** Collects the variables in order; they enter the design in that order at {@link #build()}. Use once. */
    public static final class Builder {
        private final CohortView cohort;
        private final SurvivalSample sample;
        private final CoxDesign.Builder design;
        /** Categorical variables of the model by name. */
        private final Set<String> categorical = new LinkedHashSet<>();
        private final Set<String> variables = new LinkedHashSet<>();
        /** The variables, strata and interactions in the order given. */
        private final List<Runnable> steps = new ArrayList<>();
        private final Map<String, String> references = new LinkedHashMap<>();
        private final Map<String, Integer> missing = new LinkedHashMap<>();
        private String referenceParameter;

        private Builder(CohortView cohort, SurvivalSample sample) {
            this.cohort = cohort;
            this.sample = sample;
            this.design = CoxDesign.builder(sample.size());
        }

        /**
         * Adds covariates by column name.
         *
         * @param parameter the request parameter that named them, for the error
         */
        public Builder covariates(String parameter, List<String> columns) throws InvalidParameterException {
            for (String column : columns) {
                covariate(parameter, column);
            }
            return this;
        }

        /** Adds one covariate by column name (see the class comment for the types). */
        public Builder covariate(String parameter, String column) throws InvalidParameterException {
            ColumnSummary c = Columns.require(cohort, parameter, column);
            if (!variables.add(c.name())) {
                throw new InvalidParameterException(parameter, "column '" + c.name() + "' is named twice");
            }
            String name = c.name();
            if (Columns.isNumeric(c.type())) {
                double[] values = onSample(cohort.numeric(name));
                int count = 0;
                for (double v : values) {
                    if (Double.isNaN(v)) {
                        count++;
                    }
                }
                missing.put(name, count);
                steps.add(() -> design.numeric(name, values));
            } else if (c.type() == ColumnType.CATEGORICAL) {
                String[] values = onSample(cohort.categorical(name));
                missing.put(name, countNull(values));
                categorical(name, values);
            } else {
                throw new InvalidParameterException(parameter, "column '" + name + "' is "
                        + Columns.typeName(c.type()) + ", not a covariate; give numeric, 0/1 or categorical columns");
            }
            return this;
        }

        /** Adds the sample's grouping (e.g. the treatment arm) as a categorical covariate. */
        public Builder group() {
            return grouping(sample.group());
        }

        /** Adds the sample's subgroups (e.g. MVI levels) as a categorical covariate. */
        public Builder subgroup() {
            return grouping(sample.subgroup());
        }

        private Builder grouping(Grouping g) {
            if (g == null) {
                throw new IllegalStateException("the sample has no such grouping");
            }
            variables.add(g.name());
            categorical(g.name(), g.perSubject());
            return this;
        }

        private void categorical(String name, String[] values) {
            categorical.add(name);
            steps.add(() -> design.categorical(name, values, references.get(name)));
        }

        /**
         * Names reference levels of categorical covariates ({@code {"arm": "RFA"}}); the others
         * keep the first level in code point order. Call it after the covariates.
         *
         * @param parameter the request parameter, for the error
         * @throws InvalidParameterException when a key is not a categorical covariate of the model
         */
        public Builder references(String parameter, Map<String, String> levels) throws InvalidParameterException {
            referenceParameter = parameter;
            for (Map.Entry<String, String> e : levels.entrySet()) {
                ColumnSummary c = cohort.column(e.getKey());
                String name = c == null ? e.getKey() : c.name();
                if (!categorical.contains(name)) {
                    throw new InvalidParameterException(parameter, "'" + e.getKey()
                            + "' is not a categorical covariate of this model; those are " + categorical);
                }
                references.put(name, e.getValue());
            }
            return this;
        }

        /** Stratifies by a column (separate baseline hazards); missing values leave the patient out. */
        public Builder strata(String parameter, String column) throws InvalidParameterException {
            ColumnSummary c = Columns.require(cohort, parameter, column);
            if (c.type() == ColumnType.DATE) {
                throw new InvalidParameterException(parameter, "column '" + c.name() + "' holds dates, not strata");
            }
            String[] values = onSample(cohort.categorical(c.name()));
            missing.put(c.name(), countNull(values));
            steps.add(() -> design.strata(c.name(), values));
            return this;
        }

        /** Stratifies by the sample's strata (e.g. the margin class). */
        public Builder sampleStrata() {
            Grouping s = sample.strata();
            if (s == null) {
                throw new IllegalStateException("the sample has no strata");
            }
            String[] values = s.perSubject();
            steps.add(() -> design.strata(s.name(), values));
            return this;
        }

        /** Adds the interaction of two variables already added (main effects stay in). */
        public Builder interaction(String a, String b) {
            steps.add(() -> design.interaction(a, b));
            return this;
        }

        /**
         * Builds the design.
         *
         * @throws InvalidParameterException naming the reference parameter when a named level
         *     does not occur among the analysed patients
         */
        public CoxModel build() throws InvalidParameterException {
            try {
                steps.forEach(Runnable::run);
                return new CoxModel(sample, design.build(), missing);
            } catch (IllegalArgumentException e) {
                if (referenceParameter != null && e.getMessage() != null
                        && e.getMessage().startsWith("reference level")) {
                    throw new InvalidParameterException(referenceParameter, e.getMessage());
                }
                throw e;
            }
        }

        private static int countNull(String[] values) {
            int count = 0;
            for (String v : values) {
                if (v == null) {
                    count++;
                }
            }
            return count;
        }

        private double[] onSample(double[] all) {
            int[] rows = sample.rows();
            double[] out = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                out[k] = all[rows[k]];
            }
            return out;
        }

        private String[] onSample(Categorical all) {
            int[] rows = sample.rows();
            String[] levels = all.levels().toArray(new String[0]);
            int[] codes = all.codes();
            String[] out = new String[rows.length];
            for (int k = 0; k < rows.length; k++) {
                int c = codes[rows[k]];
                out[k] = c < 0 ? null : levels[c];
            }
            return out;
        }
    }
}
