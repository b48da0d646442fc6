package org.hepatica.analysis.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.figure.Figure;
import org.hepatica.figure.ForestPlot;
import org.hepatica.figure.Format;
import org.hepatica.figure.StepCurve;
import org.hepatica.figure.StepPlot;

/**
 * Figures drawn from stored results, shared by the plugins: the parts of a result's JSON tree that
 * several analyses have in common (Kaplan-Meier groups with their table, a log-rank test, hazard
 * ratios) read back and handed to {@code org.hepatica.figure}. Everything is read from the stored
 * tree, so a result stored by any earlier version of a plugin gets its figure as long as the fields
 * are there; missing fields leave their part of the figure out rather than fail.
 */
public final class ResultFigures {
    private ResultFigures() {
    }

    /** The display name of an endpoint code: {@code DFS} is "Disease-free survival". */
    public static String endpointName(String endpoint) {
        if ("DFS".equalsIgnoreCase(endpoint)) {
            return "Disease-free survival";
        }
        if ("OS".equalsIgnoreCase(endpoint)) {
            return "Overall survival";
        }
        return endpoint == null ? "Survival" : endpoint;
    }

    /**
     * The curve of one Kaplan-Meier group of a result: {@code {label, n, median: {estimate}, table:
     * [{time, nRisk, nEvent, nCensor, survival, lower, upper}]}}; empty when the group has no table.
     */
    public static Optional<StepCurve> kaplanMeierCurve(Object group) {
        Map<?, ?> g = map(group);
        List<?> table = list(g.get("table"));
        if (g.isEmpty() || table.isEmpty()) {
            return Optional.empty();
        }
        int rows = table.size();
        double[] time = new double[rows];
        double[] value = new double[rows];
        double[] lower = new double[rows];
        double[] upper = new double[rows];
        int[] nRisk = new int[rows];
        List<Double> censored = new ArrayList<>();
        boolean bands = true;
        for (int i = 0; i < rows; i++) {
            Map<?, ?> r = map(table.get(i));
            time[i] = number(r.get("time"), Double.NaN);
            value[i] = number(r.get("survival"), Double.NaN);
            lower[i] = number(r.get("lower"), Double.NaN);
            upper[i] = number(r.get("upper"), Double.NaN);
            bands &= r.containsKey("lower") && r.containsKey("upper");
            nRisk[i] = (int) number(r.get("nRisk"), 0);
            if (number(r.get("nCensor"), 0) > 0) {
                censored.add(time[i]);
            }
        }
        Double median = map(g.get("median")).get("estimate") instanceof Number m ? m.doubleValue() : null;
        return Optional.of(new StepCurve(text(g.get("label"), "all"), (int) number(g.get("n"), 0), time, value,
                bands ? lower : null, bands ? upper : null, censored.stream().mapToDouble(Double::doubleValue).toArray(),
                time, nRisk, median));
    }

    /**
     * A Kaplan-Meier figure of the groups of a result.
     *
     * @param title       the figure's title
     * @param groups      the result's list of Kaplan-Meier groups
     * @param annotations lines written in the plot (tests, hazard ratios); nulls are left out
     * @param landmarks   times (days) marked with a dotted line, with their labels
     * @return the figure, or empty when no group has a curve
     */
    public static Optional<Figure> kaplanMeier(String title, Object groups, List<String> annotations,
            Map<Double, String> landmarks, FigureRequest request) {
        return kaplanMeier(title, groups, annotations, landmarks, request, null);
    }

    /** As {@link #kaplanMeier(String, Object, List, Map, FigureRequest)}, each group's label shown as {@code relabel} makes it. */
    public static Optional<Figure> kaplanMeier(String title, Object groups, List<String> annotations,
            Map<Double, String> landmarks, FigureRequest request, java.util.function.UnaryOperator<String> relabel) {
        StepPlot plot = StepPlot.survival(title).dataUnit(TimeUnit.DAYS).displayUnit(request.timeUnit())
                .percent(request.percent()).timeLabel(timeLabel(request));
        int curves = 0;
        for (Object g : list(groups)) {
            Optional<StepCurve> curve = kaplanMeierCurve(g);
            if (curve.isPresent()) {
                StepCurve c = curve.get();
                if (relabel != null) {
                    c = new StepCurve(relabel.apply(c.label()), c.n(), c.time(), c.value(), c.lower(), c.upper(),
                            c.censorTimes(), c.riskTime(), c.nRisk(), c.median());
                }
                plot.curve(c);
                curves++;
            }
        }
        if (curves == 0) {
            return Optional.empty();
        }
        if (landmarks != null) {
            landmarks.forEach(plot::landmark);
        }
        for (String a : annotations) {
            if (a != null) {
                plot.annotation(a);
            }
        }
        return Optional.of(plot.draw());
    }

    /** The label of a landmark time: 730 days is "2 years", 180 days "6 months", else "N days". */
    public static String landmarkLabel(double days) {
        double years = days / 365.25;
        if (Math.abs(years - Math.rint(years)) < 0.01 && Math.rint(years) >= 1) {
            long y = Math.round(years);
            return y + (y == 1 ? " year" : " years");
        }
        double months = days / (365.25 / 12);
        // within 0.1 month (3 days): 180 days, as a 6-month landmark is usually given, is 5.91 months
        if (Math.abs(months - Math.rint(months)) < 0.1 && Math.rint(months) >= 1) {
            long m = Math.round(months);
            return m + (m == 1 ? " month" : " months");
        }
        return Format.number(days, 0) + " days";
    }

    /** "Months since treatment", "Years since treatment", "Days since treatment". */
    public static String timeLabel(FigureRequest request) {
        String unit = request.timeUnit().name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(unit.charAt(0)) + unit.substring(1) + " since treatment";
    }

    /** "Log-rank p = 0.012" of a stored log-rank test ({@code {pValue, df}}), or null without one. */
    public static String logRank(Object test, String name) {
        Map<?, ?> t = map(test);
        if (!(t.get("pValue") instanceof Number p)) {
            return null;
        }
        return (name == null ? "Log-rank " : name + " ") + Format.p(p.doubleValue());
    }

    /** "HR 0.54 (0.42-0.71), p < 0.001" of a stored hazard ratio ({@code {term, hazardRatio, lower, upper, pValue}}). */
    public static String hazardRatio(Object hr, String prefix) {
        Map<?, ?> h = map(hr);
        if (!(h.get("hazardRatio") instanceof Number est) || !(h.get("lower") instanceof Number lo)
                || !(h.get("upper") instanceof Number hi)) {
            return null;
        }
        String s = (prefix == null ? "HR " : prefix) + Format.ci(est.doubleValue(), lo.doubleValue(), hi.doubleValue());
        return h.get("pValue") instanceof Number p ? s + ", " + Format.p(p.doubleValue()) : s;
    }

    /**
     * "Pooled over 3 sites: A, B, C" for a result of a multi-centre run (its {@code federated.sitesPooled}),
     * with how many were asked when fewer were pooled; null for any other result.
     */
    public static String pooled(Object result) {
        Map<?, ?> f = map(map(result).get("federated"));
        List<?> pooled = list(f.get("sitesPooled"));
        if (pooled.isEmpty()) {
            return null;
        }
        int asked = list(map(result).get("sites")).size();
        List<String> names = new ArrayList<>();
        for (Object o : pooled) {
            names.add(String.valueOf(o));
        }
        return "Pooled over " + pooled.size() + (asked > pooled.size() ? " of " + asked : "")
                + (asked == 1 && pooled.size() == 1 ? " site: " : " sites: ") + String.join(", ", names);
    }

    /** A forest row of a stored hazard ratio ({@code {hazardRatio, lower, upper, pValue}}). */
    public static ForestPlot row(ForestPlot plot, String label, Integer n, Integer events, Object hr) {
        Map<?, ?> h = map(hr);
        return plot.row(label, n, events, boxed(h.get("hazardRatio")), boxed(h.get("lower")), boxed(h.get("upper")),
                boxed(h.get("pValue")));
    }

    // --- reading the JSON tree

    /** The node as a map, or an empty map. */
    public static Map<?, ?> map(Object node) {
        return node instanceof Map<?, ?> m ? m : Map.of();
    }

    /** The node as a list, or an empty list. */
    public static List<?> list(Object node) {
        return node instanceof List<?> l ? l : List.of();
    }

    /** The node as a number, or {@code otherwise}. */
    public static double number(Object node, double otherwise) {
        return node instanceof Number n ? n.doubleValue() : otherwise;
    }

    /** The node as a boxed number, or null. */
    public static Double boxed(Object node) {
        return node instanceof Number n ? n.doubleValue() : null;
    }

    /** The node as an integer, or null. */
    public static Integer integer(Object node) {
        return node instanceof Number n ? n.intValue() : null;
    }

    /** The node as text, or {@code otherwise}. */
    public static String text(Object node, String otherwise) {
        return node == null ? otherwise : String.valueOf(node);
    }
}
