package org.hepatica.plugin.shortterm.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.FigureSource;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.StoredResult;
import org.hepatica.analysis.support.CohortGroups;
import org.hepatica.analysis.support.CommonParameters;
import org.hepatica.analysis.support.ResultFigures;
import org.hepatica.cohort.Categorical;
import org.hepatica.cohort.CohortColumns;
import org.hepatica.cohort.CohortView;
import org.hepatica.figure.BarChart;
import org.hepatica.figure.Figure;
import org.hepatica.figure.Format;
import org.hepatica.stats.ClopperPearsonInterval;
import org.hepatica.stats.ContingencyChiSquareTest;
import org.hepatica.stats.FisherExactTest;
import org.osgi.service.component.annotations.Component;

/**
 * Short-term outcomes by arm: mRECIST response at the first assessment (counts of CR, PR, SD, PD;
 * not assessed counted apart), the objective response rate (CR + PR) and the disease control rate
 * (not PD) over the assessed patients, and the rate of grade &gt;= 3 adverse events over the patients
 * with a grade; each rate with its exact (Clopper-Pearson) 95 % interval ({@code binom.test}) and
 * compared between arms by Fisher's exact test ({@code fisher.test}) and the chi-square test without
 * continuity correction ({@code chisq.test(correct = FALSE)}).
 */
@Component(service = Analysis.class)
public final class ShortTermAnalysis implements Analysis, FigureSource {
    static final List<String> RESPONSES = List.of("CR", "PR", "SD", "PD");

    /**
     * The response counts of one arm.
     *
     * @param arm         the arm
     * @param CR          complete responses
     * @param PR          partial responses
     * @param SD          stable disease
     * @param PD          progressive disease
     * @param notAssessed patients of the arm without an assessment
     */
    public record ResponseCounts(String arm, int CR, int PR, int SD, int PD, int notAssessed) {
    }

    /** One arm's rate: {@code count} of {@code n}, with its exact 95 % interval. */
    public record ArmRate(String arm, int count, int n, Double rate, Double lower, Double upper) {
    }

    /**
     * The comparison of the arms.
     *
     * @param fisherPValue    Fisher's exact test; null when the table is too large to enumerate
     * @param chiSquare       Pearson's X^2 without continuity correction
     * @param df              its degrees of freedom
     * @param chiSquarePValue its p-value; null when df = 0 (a single arm, or every patient in one category)
     */
    public record Comparison(Double fisherPValue, Double chiSquare, int df, Double chiSquarePValue) {
    }

    /** A rate by arm with the test between arms. */
    public record Rate(String definition, List<ArmRate> byArm, Comparison test) {
    }

    /** The result. */
    public record Result(String treatment, int n, int nDropped, int notAssessed, List<ResponseCounts> responseCounts,
            Rate objectiveResponse, Rate diseaseControl, Rate adverseGrade3Plus, List<String> warnings) {
    }

    @Override
    public String id() {
        return "short-term";
    }

    @Override
    public String name() {
        return "Short-term response and adverse events";
    }

    @Override
    public String description() {
        return "mRECIST response counts by arm, objective response and disease control rates over assessed patients"
                + " and the grade >= 3 adverse-event rate, with exact 95% intervals, Fisher's exact and chi-square tests.";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(CommonParameters.treatment());
    }

    @Override
    public Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException {
        Categorical arms = CohortGroups.groups(cohort, CommonParameters.TREATMENT, CommonParameters.treatment(parameters));
        String treatment = CohortGroups.column(cohort, CommonParameters.TREATMENT, CommonParameters.treatment(parameters))
                .name();
        List<String> warnings = new ArrayList<>();
        int size = cohort.size();
        int[] armCode = arms.codes();
        // arms present, in the column's order
        List<String> labels = new ArrayList<>();
        int[] code = new int[arms.levels().size()];
        int[] count = new int[arms.levels().size()];
        int noArm = 0;
        for (int c : armCode) {
            if (c < 0) {
                noArm++;
            } else {
                count[c]++;
            }
        }
        for (int l = 0; l < count.length; l++) {
            code[l] = count[l] > 0 ? labels.size() : -1;
            if (count[l] > 0) {
                labels.add(arms.levels().get(l));
            }
        }
        if (labels.isEmpty()) {
            throw new AnalysisException("no patient has a value of " + treatment);
        }
        if (noArm > 0) {
            warnings.add(noArm + " of " + size + " patients left out for a missing value (" + treatment + " missing for "
                    + noArm + ")");
        }
        int k = labels.size();
        String[] response = responses(cohort, warnings);
        double[] grade = cohort.column(CohortColumns.AE_MAX_GRADE) == null ? null : cohort.numeric(CohortColumns.AE_MAX_GRADE);
        if (grade == null) {
            warnings.add("the cohort has no column " + CohortColumns.AE_MAX_GRADE + ": no adverse-event rate");
        }
        int[][] byResponse = new int[k][RESPONSES.size()];
        int[] notAssessedByArm = new int[k];
        int[][] ae = new int[k][2];
        for (int i = 0; i < size; i++) {
            if (armCode[i] < 0) {
                continue;
            }
            int a = code[armCode[i]];
            int r = response == null || response[i] == null ? -1 : RESPONSES.indexOf(response[i]);
            if (r < 0) {
                notAssessedByArm[a]++;
            } else {
                byResponse[a][r]++;
            }
            if (grade != null && !Double.isNaN(grade[i])) {
                ae[a][grade[i] >= 3 ? 0 : 1]++;
            }
        }
        List<ResponseCounts> counts = new ArrayList<>();
        int[][] orr = new int[k][2];
        int[][] dcr = new int[k][2];
        int notAssessed = 0;
        for (int a = 0; a < k; a++) {
            int[] c = byResponse[a];
            counts.add(new ResponseCounts(labels.get(a), c[0], c[1], c[2], c[3], notAssessedByArm[a]));
            notAssessed += notAssessedByArm[a];
            int assessed = c[0] + c[1] + c[2] + c[3];
            orr[a] = new int[] {c[0] + c[1], assessed - c[0] - c[1]};
            dcr[a] = new int[] {assessed - c[3], c[3]};
        }
        if (notAssessed > 0) {
            warnings.add(notAssessed + " patients not assessed by mRECIST: counted apart, left out of the response rates");
        }
        Rate adverse = grade == null ? null : rate("grade >= 3 adverse event (ae_max_grade) over patients with a grade",
                labels, ae, warnings);
        return new Result(treatment, size - noArm, noArm, notAssessed, counts,
                rate("CR + PR over assessed patients", labels, orr, warnings),
                rate("CR + PR + SD (not PD) over assessed patients", labels, dcr, warnings), adverse, warnings);
    }

    /** The response of each patient (CR, PR, SD, PD as upper case), null when not assessed. */
    private static String[] responses(CohortView cohort, List<String> warnings) {
        if (cohort.column(CohortColumns.RESPONSE_MRECIST) == null) {
            warnings.add("the cohort has no column " + CohortColumns.RESPONSE_MRECIST + ": every patient is not assessed");
            return null;
        }
        Categorical c = cohort.categorical(CohortColumns.RESPONSE_MRECIST);
        String[] out = new String[cohort.size()];
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            String level = c.level(i);
            if (level == null) {
                continue;
            }
            String r = level.trim().toUpperCase(Locale.ROOT);
            if (RESPONSES.contains(r)) {
                out[i] = r;
            } else if (!unknown.contains(level)) {
                unknown.add(level);
            }
        }
        if (!unknown.isEmpty()) {
            warnings.add("response_mrecist value(s) " + unknown + " are not CR, PR, SD or PD: counted as not assessed");
        }
        return out;
    }

    /** Rates by arm ({@code table[a] = {count, n - count}}) with the tests between arms. */
    private static Rate rate(String definition, List<String> labels, int[][] table, List<String> warnings) {
        ClopperPearsonInterval ci = ClopperPearsonInterval.create();
        List<ArmRate> byArm = new ArrayList<>();
        for (int a = 0; a < labels.size(); a++) {
            ClopperPearsonInterval.Estimate e = ci.estimate(table[a][0], table[a][0] + table[a][1]);
            byArm.add(new ArmRate(labels.get(a), e.count(), e.n(), e.rate(), e.lower(), e.upper()));
        }
        ContingencyChiSquareTest.Result chi = ContingencyChiSquareTest.create().test(table);
        Double fisher = chi.df() == 0 ? null : FisherExactTest.create().pValue(table);
        if (chi.df() > 0 && fisher == null) {
            warnings.add(definition + ": too many tables for Fisher's exact test; no fisherPValue");
        }
        Comparison test = new Comparison(fisher, chi.df() == 0 ? null : chi.statistic(), chi.df(), chi.pValue());
        return new Rate(definition, byArm, test);
    }

    /**
     * Stacked bars, one per arm: the share of CR, PR, SD and PD among the assessed patients, with the
     * objective response and disease control rates (95 % CI) over each bar and the tests below.
     */
    @Override
    public Optional<Figure> figure(StoredResult stored, FigureRequest request) {
        Map<?, ?> r = ResultFigures.map(stored.result());
        List<?> counts = ResultFigures.list(r.get("responseCounts"));
        if (counts.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<?, ?>> orr = byArm(r.get("objectiveResponse"));
        Map<String, Map<?, ?>> dcr = byArm(r.get("diseaseControl"));
        BarChart chart = BarChart.stacked("mRECIST response at first assessment by "
                + ResultFigures.text(r.get("treatment"), "arm"), RESPONSES.toArray(new String[0]))
                .valueLabel("Assessed patients (%)");
        for (Object o : counts) {
            Map<?, ?> c = ResultFigures.map(o);
            String arm = ResultFigures.text(c.get("arm"), "?");
            double[] values = new double[RESPONSES.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ResultFigures.number(c.get(RESPONSES.get(i)), 0);
            }
            chart.bar(arm, values, rateLabel("ORR", orr.get(arm)), rateLabel("DCR", dcr.get(arm)));
        }
        for (String key : List.of("objectiveResponse", "diseaseControl", "adverseGrade3Plus")) {
            Map<?, ?> rate = ResultFigures.map(r.get(key));
            Map<?, ?> test = ResultFigures.map(rate.get("test"));
            String name = switch (key) {
                case "objectiveResponse" -> "Objective response (CR+PR)";
                case "diseaseControl" -> "Disease control (not PD)";
                default -> "Grade \u2265 3 adverse events";
            };
            List<String> parts = new ArrayList<>();
            for (Object a : ResultFigures.list(rate.get("byArm"))) {
                Map<?, ?> m = ResultFigures.map(a);
                parts.add(ResultFigures.text(m.get("arm"), "?") + " " + percent(m));
            }
            if (parts.isEmpty()) {
                continue;
            }
            String p = test.get("fisherPValue") instanceof Number f ? "Fisher " + Format.p(f.doubleValue()) : null;
            chart.footnote(name + ": " + String.join(", ", parts) + (p == null ? "" : "; " + p));
        }
        return Optional.of(chart.draw());
    }

    private static Map<String, Map<?, ?>> byArm(Object rate) {
        Map<String, Map<?, ?>> out = new LinkedHashMap<>();
        for (Object a : ResultFigures.list(ResultFigures.map(rate).get("byArm"))) {
            Map<?, ?> m = ResultFigures.map(a);
            out.put(ResultFigures.text(m.get("arm"), "?"), m);
        }
        return out;
    }

    /** "88.1% (82.7-92.3)". */
    private static String percent(Map<?, ?> m) {
        double rate = ResultFigures.number(m.get("rate"), Double.NaN);
        double lo = ResultFigures.number(m.get("lower"), Double.NaN);
        double hi = ResultFigures.number(m.get("upper"), Double.NaN);
        if (Double.isNaN(rate)) {
            return "NA";
        }
        String s = Format.number(100 * rate, 1) + "%";
        return Double.isNaN(lo) || Double.isNaN(hi) ? s
                : s + " (" + Format.number(100 * lo, 1) + "\u2013" + Format.number(100 * hi, 1) + ")";
    }

    private static String rateLabel(String name, Map<?, ?> m) {
        return m == null ? null : name + " " + percent(m);
    }
}
