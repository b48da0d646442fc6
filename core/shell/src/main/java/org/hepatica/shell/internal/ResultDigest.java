package org.hepatica.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hepatica.figure.Format;

/**
 * The main figures of a result's JSON tree, short enough to read on a console. Analyses differ in
 * shape, so the digest recognises the parts the platform's analyses share wherever they sit in the
 * tree, and names each by its path:
 * <ul>
 * <li>the top-level scalar fields (and top-level lists of scalars), such as {@code endpoint},
 *     {@code n}, {@code nDropped}, and a top-level list of flat records that is none of the parts
 *     below (such as the summary's endpoints) as a table;</li>
 * <li>Kaplan-Meier groups (a list of objects with {@code label}, {@code n}, {@code events},
 *     {@code median}): a table of label, n, events and the median with its interval, in days,
 *     {@code NR} where the curve does not reach 0.5;</li>
 * <li>tests (an object with {@code pValue} and {@code chiSquare} or {@code statistic}): the
 *     statistic, degrees of freedom and p, such as the log-rank test, Gray's test, an interaction
 *     or a likelihood-ratio test;</li>
 * <li>hazard ratios (an object with {@code hazardRatio}, {@code lower}, {@code upper}): the
 *     term, the ratio with its interval and p, each once;</li>
 * <li>every warning, each once.</li>
 * </ul>
 * Numbers are written by {@link Format}, as figures and reports write them.
 */
final class ResultDigest {
    private final List<Km> kmTables = new ArrayList<>();
    private final Set<String> tests = new LinkedHashSet<>();
    private final Set<String> hazardRatios = new LinkedHashSet<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    private record Km(String path, List<?> groups) {
    }

    private ResultDigest() {
    }

    /** Prints the digest of {@code result} (a JSON tree: maps, lists, strings, numbers, booleans, null). */
    static void print(Object result, PrintStream out) {
        if (!(result instanceof Map<?, ?> top)) {
            out.println("result: " + scalar(result));
            return;
        }
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals("warnings") || e.getValue() == null) {
                continue;
            }
            if (isScalar(e.getValue())) {
                out.println(key + ": " + scalar(e.getValue()));
            } else if (e.getValue() instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(ResultDigest::isScalar)) {
                out.println(key + ": " + String.join(", ", list.stream().map(ResultDigest::scalar).toList()));
            }
        }
        for (Map.Entry<?, ?> e : top.entrySet()) {
            if (e.getValue() instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(ResultDigest::isRecord)) {
                out.println();
                out.println(e.getKey() + ":");
                records(list, out);
            }
        }
        ResultDigest digest = new ResultDigest();
        digest.walk("", result);
        for (Km km : digest.kmTables) {
            out.println();
            out.println("Kaplan-Meier (" + km.path() + "):");
            ShellTable table = new ShellTable();
            table.column("group");
            table.column("n").alignRight();
            table.column("events").alignRight();
            table.column("median (CI), days");
            for (Object g : km.groups()) {
                Map<?, ?> group = (Map<?, ?>) g;
                table.addRow().addContent(scalar(group.get("label")), scalar(group.get("n")),
                        scalar(group.get("events")), median(group.get("median")));
            }
            table.print(out);
        }
        if (!digest.tests.isEmpty() || !digest.hazardRatios.isEmpty()) {
            out.println();
        }
        digest.tests.forEach(out::println);
        digest.hazardRatios.forEach(out::println);
        if (!digest.warnings.isEmpty()) {
            out.println();
            digest.warnings.forEach(w -> out.println("warning: " + w));
        }
    }

    private void walk(String path, Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("pValue") instanceof Number && !map.containsKey("hazardRatio")
                    && (map.get("chiSquare") instanceof Number || map.get("statistic") instanceof Number)) {
                tests.add(test(path, map));
            }
            if (map.get("hazardRatio") instanceof Number && map.containsKey("lower") && map.containsKey("upper")) {
                hazardRatios.add(hazardRatio(map));
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("warnings") && e.getValue() instanceof List<?> list) {
                    list.stream().filter(w -> w != null).forEach(w -> warnings.add(w.toString()));
                } else {
                    walk(path.isEmpty() ? key : path + "." + key, e.getValue());
                }
            }
        } else if (node instanceof List<?> list) {
            if (!list.isEmpty() && list.stream().allMatch(ResultDigest::isKmGroup)) {
                kmTables.add(new Km(path, list));
                return; // the groups' step tables hold nothing else the digest shows
            }
            for (int i = 0; i < list.size(); i++) {
                walk(path + "[" + i + "]", list.get(i));
            }
        }
    }

    /** A flat object (scalars only) that is not a test or a hazard ratio. */
    private static boolean isRecord(Object node) {
        return node instanceof Map<?, ?> m && !m.isEmpty() && m.values().stream().allMatch(ResultDigest::isScalar)
                && !m.containsKey("pValue") && !m.containsKey("hazardRatio");
    }

    private static void records(List<?> records, PrintStream out) {
        Set<String> columns = new LinkedHashSet<>();
        records.forEach(r -> ((Map<?, ?>) r).keySet().forEach(k -> columns.add(String.valueOf(k))));
        ShellTable table = new ShellTable();
        columns.forEach(table::column);
        for (Object r : records) {
            Map<?, ?> record = (Map<?, ?>) r;
            table.addRow().addContent(columns.stream().map(c -> (Object) scalar(record.get(c))).toList());
        }
        table.print(out);
    }

    private static boolean isKmGroup(Object node) {
        return node instanceof Map<?, ?> m && m.containsKey("label") && m.containsKey("events") && m.containsKey("n")
                && m.containsKey("median");
    }

    /** {@code logRank: chi-square 20.94 on 1 df, p < 0.001}; a test in a list is named by its cause or term. */
    private static String test(String path, Map<?, ?> test) {
        String name = path.isEmpty() ? "test" : path;
        for (String qualifier : List.of("cause", "term")) {
            if (test.get(qualifier) != null) {
                name = name.replaceAll("\\[\\d+]$", "") + " " + qualifier + " " + scalar(test.get(qualifier));
                break;
            }
        }
        boolean chiSquare = test.get("chiSquare") instanceof Number;
        String statistic = (chiSquare ? "chi-square " : "statistic ")
                + Format.estimate(number(test.get(chiSquare ? "chiSquare" : "statistic")));
        String df = test.get("df") instanceof Number d ? " on " + scalar(d) + " df" : "";
        return name + ": " + statistic + df + ", " + Format.p(number(test.get("pValue")));
    }

    /** {@code hazard ratio arm=RFA+RT: 0.54 (0.42-0.71), p < 0.001}; a subgroup's adds its level. */
    private static String hazardRatio(Map<?, ?> hr) {
        StringBuilder s = new StringBuilder("hazard ratio");
        if (hr.get("term") != null) {
            s.append(' ').append(scalar(hr.get("term")));
        }
        if (hr.get("level") != null) {
            s.append(" (level ").append(scalar(hr.get("level"))).append(')');
        }
        s.append(": ").append(Format.ci(number(hr.get("hazardRatio")), number(hr.get("lower")), number(hr.get("upper"))));
        if (hr.get("pValue") instanceof Number p) {
            s.append(", ").append(Format.p(p.doubleValue()));
        }
        return s.toString();
    }

    /** {@code 1052 (792-1176)}; {@code NR} for an estimate or bound the curve does not reach. */
    private static String median(Object median) {
        if (!(median instanceof Map<?, ?> m)) {
            return "NR";
        }
        String estimate = days(m.get("estimate"));
        if (m.get("lower") == null && m.get("upper") == null) {
            return estimate;
        }
        return estimate + " (" + days(m.get("lower")) + "-" + days(m.get("upper")) + ")";
    }

    private static String days(Object value) {
        if (!(value instanceof Number n) || Double.isNaN(n.doubleValue())) {
            return "NR";
        }
        double d = n.doubleValue();
        return Format.number(d, d == Math.rint(d) ? 0 : 1);
    }

    private static boolean isScalar(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * A scalar as the console shows it: text as is, whole numbers without decimals, other numbers
     * as {@link Format#estimate(double)} writes them, {@code NA} for null.
     */
    static String scalar(Object value) {
        if (value == null) {
            return "NA";
        }
        if (value instanceof Number n && !(value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof java.math.BigInteger)) {
            double d = n.doubleValue();
            return Double.isFinite(d) && d == Math.rint(d) ? Format.number(d, 0) : Format.estimate(d);
        }
        return value.toString();
    }
}
