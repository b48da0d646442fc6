package org.hepatica.plugin.baseline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hepatica.analysis.ResultTable;
import org.hepatica.analysis.support.ResultFigures;
import org.hepatica.figure.Format;

/**
 * The publication "Table 1" of a stored baseline result, read from its JSON tree: columns
 * Variable, Level, one per arm (headed with its n), p, Test and SMD; one row per level of a
 * categorical covariate ({@code n (%)}), two per numeric one ({@code mean (SD)} with Welch's test
 * and the SMD, {@code median [Q1, Q3]} with the rank test), and a Missing row where values are
 * missing. Numbers have one decimal where the covariate's medians reach 10, two otherwise;
 * percentages one decimal; p-values three decimals and {@code <0.001}.
 */
final class BaselineTable {
    private BaselineTable() {
    }

    static Optional<ResultTable> of(Object stored) {
        Map<?, ?> r = ResultFigures.map(stored);
        List<?> variables = ResultFigures.list(r.get("variables"));
        List<?> armList = ResultFigures.list(r.get("arms"));
        if (variables.isEmpty() || armList.isEmpty()) {
            return Optional.empty();
        }
        List<String> arms = new ArrayList<>();
        List<String> headers = new ArrayList<>(List.of("Variable", "Level"));
        for (Object o : armList) {
            Map<?, ?> a = ResultFigures.map(o);
            arms.add(ResultFigures.text(a.get("arm"), "?"));
            headers.add(ResultFigures.text(a.get("arm"), "?") + " (n = " + ResultFigures.integer(a.get("n")) + ")");
        }
        headers.addAll(List.of("p", "Test", "SMD"));
        boolean twoArms = arms.size() == 2;
        List<List<String>> rows = new ArrayList<>();
        for (Object o : variables) {
            Map<?, ?> v = ResultFigures.map(o);
            String name = ResultFigures.text(v.get("variable"), "?");
            List<?> byArm = ResultFigures.list(v.get("byArm"));
            if ("numeric".equals(v.get("type"))) {
                int decimals = decimals(byArm);
                List<String> mean = row(name, "Mean (SD)");
                List<String> median = row(name, "Median [Q1, Q3]");
                for (Object a : byArm) {
                    Map<?, ?> m = ResultFigures.map(a);
                    mean.add(num(m.get("mean"), decimals) + " (" + num(m.get("sd"), decimals) + ")");
                    median.add(num(m.get("median"), decimals) + " [" + num(m.get("q1"), decimals) + ", "
                            + num(m.get("q3"), decimals) + "]");
                }
                Object p1 = twoArms ? v.get("welchTPValue") : v.get("welchAnovaPValue");
                Object p2 = twoArms ? v.get("wilcoxonPValue") : v.get("kruskalPValue");
                tests(mean, p1, twoArms ? "Welch t-test" : "Welch ANOVA", v.get("smd"));
                tests(median, p2, twoArms ? "Wilcoxon rank-sum" : "Kruskal-Wallis", null);
                rows.add(mean);
                rows.add(median);
            } else {
                List<String> levels = new ArrayList<>();
                for (Object a : byArm) {
                    for (Object l : ResultFigures.list(ResultFigures.map(a).get("levels"))) {
                        String level = ResultFigures.text(ResultFigures.map(l).get("level"), "?");
                        if (!levels.contains(level)) {
                            levels.add(level);
                        }
                    }
                }
                boolean fisher = v.get("fisherPValue") instanceof Number;
                for (int i = 0; i < levels.size(); i++) {
                    List<String> row = row(name, levels.get(i));
                    for (Object a : byArm) {
                        row.add(count(ResultFigures.map(a), levels.get(i)));
                    }
                    if (i == 0) {
                        tests(row, fisher ? v.get("fisherPValue") : v.get("chiSquarePValue"),
                                fisher ? "Fisher's exact" : v.get("chiSquarePValue") == null ? "" : "Chi-square", null);
                    } else {
                        tests(row, null, "", null);
                    }
                    rows.add(row);
                }
            }
            if (ResultFigures.number(v.get("missing"), 0) > 0) {
                List<String> row = row(name, "Missing");
                for (Object a : byArm) {
                    row.add(Format.number(ResultFigures.number(ResultFigures.map(a).get("missing"), 0), 0));
                }
                tests(row, null, "", null);
                rows.add(row);
            }
        }
        List<String> notes = List.of("Mean (SD); median [Q1, Q3] (quartiles as R's type 7); categories n (%) of the"
                + " patients with a value.", twoArms
                        ? "p: Welch t-test and Wilcoxon rank-sum test (normal approximation, continuity correction) for"
                                + " numbers; Fisher's exact test (chi-square without correction where Fisher's is not"
                                + " computed) for categories. SMD: standardized mean difference, "
                                + arms.get(1) + " minus " + arms.get(0) + " over the pooled SD."
                        : "p: Welch ANOVA and Kruskal-Wallis test for numbers; Fisher's exact test (chi-square without"
                                + " correction where Fisher's is not computed) for categories.");
        String title = "Baseline characteristics by " + ResultFigures.text(r.get("treatment"), "arm");
        return Optional.of(new ResultTable(title, headers, rows, notes));
    }

    private static List<String> row(String variable, String level) {
        List<String> row = new ArrayList<>();
        row.add(variable);
        row.add(level);
        return row;
    }

    private static void tests(List<String> row, Object p, String test, Object smd) {
        row.add(p instanceof Number n ? Format.tablePValue(n.doubleValue()) : "");
        row.add(p instanceof Number ? test : "");
        row.add(smd instanceof Number s ? Format.number(s.doubleValue(), 2) : "");
    }

    /** One decimal where a median reaches 10 in absolute value, two otherwise. */
    private static int decimals(List<?> byArm) {
        for (Object a : byArm) {
            if (Math.abs(ResultFigures.number(ResultFigures.map(a).get("median"), 0)) >= 10) {
                return 1;
            }
        }
        return 2;
    }

    private static String num(Object v, int decimals) {
        return v instanceof Number n ? Format.number(n.doubleValue(), decimals) : "NA";
    }

    /** "30 (15.0%)" of a level in an arm; "0 (0.0%)" when the arm lacks it. */
    private static String count(Map<?, ?> arm, String level) {
        for (Object l : ResultFigures.list(arm.get("levels"))) {
            Map<?, ?> m = ResultFigures.map(l);
            if (level.equals(ResultFigures.text(m.get("level"), null))) {
                Object pct = m.get("percent");
                return ResultFigures.integer(m.get("count")) + " (" + (pct instanceof Number p
                        ? Format.number(p.doubleValue(), 1) + "%" : "NA") + ")";
            }
        }
        return "0 (0.0%)";
    }
}
