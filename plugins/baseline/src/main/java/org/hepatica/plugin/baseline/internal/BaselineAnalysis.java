package org.hepatica.plugin.baseline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.hepatica.analysis.ResultTable;
import org.hepatica.analysis.StoredResult;
import org.hepatica.analysis.TableSource;
import org.hepatica.analysis.support.CohortGroups;
import org.hepatica.analysis.support.CommonParameters;
import org.hepatica.cohort.Categorical;
import org.hepatica.cohort.CohortColumns;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ColumnSummary;
import org.hepatica.cohort.ColumnType;
import org.hepatica.stats.ContingencyChiSquareTest;
import org.hepatica.stats.FisherExactTest;
import org.hepatica.stats.KruskalWallisTest;
import org.hepatica.stats.SampleSummary;
import org.hepatica.stats.WelchAnova;
import org.hepatica.stats.WelchTTest;
import org.hepatica.stats.WilcoxonRankSumTest;
import org.osgi.service.component.annotations.Component;

/**
 * "Table 1": the baseline characteristics of the patients by arm. A numeric covariate (more than
 * two distinct values) is summarised by n, mean, SD, median and quartiles (R's type 7) per arm and
 * compared by Welch's t-test and the Wilcoxon rank-sum test (two arms; with the standardized mean
 * difference) or Welch's ANOVA and the Kruskal-Wallis test (more arms); any other covariate by its
 * level counts and percentages, compared by the chi-square test (no correction) and Fisher's exact
 * test (tables of at most 20 cells). The table itself is served as CSV and in the report
 * ({@link BaselineTable}).
 */
@Component(service = Analysis.class)
public final class BaselineAnalysis implements Analysis, TableSource {
    static final String VARIABLES = "variables";
    /** Fisher's exact test is computed for tables of at most this many cells (contract). */
    static final int FISHER_MAX_CELLS = 20;
    /** A categorical covariate with more levels than this is left out of the default table. */
    static final int MAX_DEFAULT_LEVELS = 20;
    /** Columns that are no baseline covariate: identity, time origin and outcomes. */
    private static final Set<String> NOT_BASELINE = Set.of(CohortColumns.PATIENT_ID, "os_time", "os_event", "dfs_time",
            "dfs_event", CohortColumns.RESPONSE_MRECIST, CohortColumns.AE_MAX_GRADE);

    /** One arm's summary of a numeric covariate. */
    public record NumericArm(String arm, int n, int missing, Double mean, Double sd, Double median, Double q1,
            Double q3) {
    }

    /** One level of a categorical covariate in one arm; percent of the arm's patients with a value. */
    public record Level(String level, int count, Double percent) {
    }

    /** One arm's level counts of a categorical covariate. */
    public record CategoricalArm(String arm, int n, int missing, List<Level> levels) {
    }

    /**
     * One covariate of the table. Numeric ones carry {@code welchTPValue}, {@code wilcoxonPValue}
     * and {@code smd} (two arms) or {@code welchAnovaPValue} and {@code kruskalPValue} (more);
     * categorical ones {@code chiSquarePValue} and {@code fisherPValue}. What does not apply is null.
     */
    public record Variable(String variable, String type, int missing, List<?> byArm, Double welchTPValue,
            Double wilcoxonPValue, Double smd, Double welchAnovaPValue, Double kruskalPValue, Double chiSquarePValue,
            Double fisherPValue, List<String> warnings) {
    }

    /** An arm and its size. */
    public record Arm(String arm, int n) {
    }

    /** The result. */
    public record Result(String treatment, int n, int nDropped, List<Arm> arms, List<Variable> variables,
            List<String> warnings) {
    }

    @Override
    public String id() {
        return "baseline";
    }

    @Override
    public String name() {
        return "Baseline characteristics (Table 1)";
    }

    @Override
    public String description() {
        return "Table 1: each covariate by arm (mean, SD, median and quartiles, or level counts and percentages),"
                + " missing values, Welch/Wilcoxon or chi-square/Fisher tests and the standardized mean difference.";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(CommonParameters.treatment(), ParameterSpec.optional(VARIABLES, ParameterType.STRING_LIST, null,
                "the covariates of the table, in this order; default: every covariate that has values in each arm"));
    }

    @Override
    public Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException {
        String treatmentColumn = CommonParameters.treatment(parameters);
        Categorical arms = CohortGroups.groups(cohort, CommonParameters.TREATMENT, treatmentColumn);
        String treatment = CohortGroups.column(cohort, CommonParameters.TREATMENT, treatmentColumn).name();
        ArmSample sample = ArmSample.of(arms);
        if (sample.labels().isEmpty()) {
            throw new AnalysisException("no patient has a value of " + treatment);
        }
        List<String> warnings = new ArrayList<>();
        if (sample.nDropped() > 0) {
            warnings.add(sample.nDropped() + " of " + cohort.size() + " patients left out for a missing value ("
                    + treatment + " missing for " + sample.nDropped() + ")");
        }
        if (sample.labels().size() < 2) {
            warnings.add("only arm " + sample.labels() + ": no tests between arms");
        }
        List<ColumnSummary> columns = columns(cohort, parameters, treatment, sample, warnings);
        List<Variable> variables = new ArrayList<>();
        for (ColumnSummary c : columns) {
            variables.add(isNumeric(cohort, c) ? numeric(cohort, c, sample) : categorical(cohort, c, sample));
        }
        List<Arm> armList = new ArrayList<>();
        for (int a = 0; a < sample.labels().size(); a++) {
            armList.add(new Arm(sample.labels().get(a), sample.sizes()[a]));
        }
        return new Result(treatment, sample.n(), sample.nDropped(), armList, variables, warnings);
    }

    /** The requested covariates (each checked), or every covariate with values in each arm. */
    private static List<ColumnSummary> columns(CohortView cohort, AnalysisParameters parameters, String treatment,
            ArmSample sample, List<String> warnings) throws InvalidParameterException {
        List<String> requested = parameters.strings(VARIABLES);
        List<ColumnSummary> out = new ArrayList<>();
        if (!requested.isEmpty()) {
            for (String name : requested) {
                ColumnSummary c = CohortGroups.column(cohort, VARIABLES, name);
                if (c.type() == ColumnType.DATE) {
                    throw new InvalidParameterException(VARIABLES, "column '" + c.name() + "' holds dates, not a covariate");
                }
                if (c.name().equalsIgnoreCase(treatment)) {
                    throw new InvalidParameterException(VARIABLES, "column '" + c.name() + "' is the treatment");
                }
                if (out.stream().anyMatch(o -> o.name().equals(c.name()))) {
                    throw new InvalidParameterException(VARIABLES, "column '" + c.name() + "' is named twice");
                }
                out.add(c);
            }
            return out;
        }
        List<String> withoutValues = new ArrayList<>();
        for (ColumnSummary c : cohort.columns()) {
            if (c.type() == ColumnType.DATE || NOT_BASELINE.contains(c.name()) || c.name().equalsIgnoreCase(treatment)) {
                continue;
            }
            boolean numeric = c.type() == ColumnType.NUMERIC || c.type() == ColumnType.INTEGER
                    || c.type() == ColumnType.BINARY;
            if (!numeric && cohort.categorical(c.name()).levels().size() > MAX_DEFAULT_LEVELS) {
                warnings.add(c.name() + " left out: more than " + MAX_DEFAULT_LEVELS + " levels (name it to include it)");
                continue;
            }
            if (!sample.hasValuesInEachArm(valuePresent(cohort, c))) {
                withoutValues.add(c.name());
                continue;
            }
            out.add(c);
        }
        if (!withoutValues.isEmpty()) {
            warnings.add("left out for having no value in some arm: " + withoutValues);
        }
        return out;
    }

    private static boolean[] valuePresent(CohortView cohort, ColumnSummary c) {
        boolean[] present = new boolean[cohort.size()];
        if (CohortGroups.isNumeric(c)) {
            double[] v = cohort.numeric(c.name());
            for (int i = 0; i < v.length; i++) {
                present[i] = !Double.isNaN(v[i]);
            }
        } else {
            int[] codes = cohort.categorical(c.name()).codes();
            for (int i = 0; i < codes.length; i++) {
                present[i] = codes[i] >= 0;
            }
        }
        return present;
    }

    /** Numeric: a number column with more than two distinct values (contract). */
    private static boolean isNumeric(CohortView cohort, ColumnSummary c) {
        if (!CohortGroups.isNumeric(c)) {
            return false;
        }
        double[] v = cohort.numeric(c.name());
        double first = Double.NaN;
        double second = Double.NaN;
        for (double x : v) {
            if (Double.isNaN(x) || x == first || x == second) {
                continue;
            }
            if (Double.isNaN(first)) {
                first = x;
            } else if (Double.isNaN(second)) {
                second = x;
            } else {
                return true;
            }
        }
        return false;
    }

    private static Variable numeric(CohortView cohort, ColumnSummary c, ArmSample sample) {
        double[][] byArm = sample.split(cohort.numeric(c.name()));
        int k = byArm.length;
        List<NumericArm> arms = new ArrayList<>();
        SampleSummary[] s = new SampleSummary[k];
        int missing = 0;
        for (int a = 0; a < k; a++) {
            s[a] = SampleSummary.of(byArm[a]);
            int m = sample.sizes()[a] - byArm[a].length;
            missing += m;
            arms.add(new NumericArm(sample.labels().get(a), s[a].n(), m, s[a].mean(), s[a].sd(), s[a].median(),
                    s[a].q1(), s[a].q3()));
        }
        List<String> notes = new ArrayList<>();
        Double welch = null;
        Double wilcoxon = null;
        Double smd = null;
        Double anova = null;
        Double kruskal = null;
        if (k == 2) {
            welch = WelchTTest.create().test(byArm[0], byArm[1]).pValue();
            wilcoxon = WilcoxonRankSumTest.create().test(byArm[0], byArm[1]).pValue();
            smd = SampleSummary.standardizedMeanDifference(s[0], s[1]);
        } else if (k > 2) {
            anova = WelchAnova.create().test(byArm).pValue();
            kruskal = KruskalWallisTest.create().test(byArm).pValue();
        }
        if (k >= 2 && (welch == null && anova == null)) {
            notes.add(c.name() + ": an arm has fewer than two values or no spread; no Welch test");
        }
        return new Variable(c.name(), "numeric", missing, arms, welch, wilcoxon, smd, anova, kruskal, null, null, notes);
    }

    private static Variable categorical(CohortView cohort, ColumnSummary c, ArmSample sample) {
        Categorical values = cohort.categorical(c.name());
        int k = sample.labels().size();
        int[][] all = sample.table(values.codes(), values.levels().size());
        // the levels that occur among the patients of the table (R's factor of observed values)
        List<Integer> present = new ArrayList<>();
        for (int l = 0; l < values.levels().size(); l++) {
            int total = 0;
            for (int a = 0; a < k; a++) {
                total += all[a][l];
            }
            if (total > 0) {
                present.add(l);
            }
        }
        int[][] table = new int[k][present.size()];
        List<CategoricalArm> arms = new ArrayList<>();
        int missing = 0;
        for (int a = 0; a < k; a++) {
            int n = 0;
            for (int j = 0; j < present.size(); j++) {
                table[a][j] = all[a][present.get(j)];
                n += table[a][j];
            }
            List<Level> levels = new ArrayList<>();
            for (int j = 0; j < present.size(); j++) {
                levels.add(new Level(values.levels().get(present.get(j)), table[a][j],
                        n == 0 ? null : 100.0 * table[a][j] / n));
            }
            int m = sample.sizes()[a] - n;
            missing += m;
            arms.add(new CategoricalArm(sample.labels().get(a), n, m, levels));
        }
        List<String> notes = new ArrayList<>();
        Double chi = null;
        Double fisher = null;
        if (k >= 2 && present.size() >= 2) {
            ContingencyChiSquareTest.Result r = ContingencyChiSquareTest.create().test(table);
            chi = r.pValue();
            if (r.minimumExpected() < 5) {
                notes.add(c.name() + ": an expected count below 5; the chi-square approximation may be poor");
            }
            if ((long) k * present.size() <= FISHER_MAX_CELLS) {
                fisher = FisherExactTest.create().pValue(table);
                if (fisher == null) {
                    notes.add(c.name() + ": too many tables with these margins to enumerate; no Fisher's exact test");
                }
            } else {
                notes.add(c.name() + ": " + k + " x " + present.size() + " table has more than " + FISHER_MAX_CELLS
                        + " cells; no Fisher's exact test");
            }
        }
        return new Variable(c.name(), "categorical", missing, arms, null, null, null, null, null, chi, fisher, notes);
    }

    @Override
    public Optional<ResultTable> table(StoredResult result) {
        return BaselineTable.of(result.result());
    }
}
