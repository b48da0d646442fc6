package org.hepatica.federation.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.CohortColumns;
import org.hepatica.cohort.Endpoint;

/**
 * What a site tabulates for one analysis: the endpoint and the columns whose levels (or, for the
 * margin, whose class at the cutoff) split the counts. The analyses that run federated are those
 * whose estimates depend on the patients only through these counts: every curve, test and Cox
 * model of theirs has categorical covariates only.
 *
 * @param analysis the analysis id
 * @param endpoint the endpoint tabulated; null for an analysis of no endpoint ({@code short-term}),
 *                 whose counts are of patients per combination of levels, every patient counted
 * @param columns  the columns, in the order the groups name their levels
 * @param causes   the largest status tabulated: 1 (censored or the event), or 2 for the competing
 *                 risks of DFS (censored, recurrence first, death without recurrence)
 */
record Plan(String analysis, Endpoint endpoint, List<PlanColumn> columns, int causes) {
    /** The analyses that run federated. */
    static final List<String> ANALYSES = List.of("dfs", "os", "mvi-subgroups", "margin-stratification", "competing-risks",
            "km", "short-term");

    /**
     * A column of the plan.
     *
     * @param name   the cohort's column
     * @param cutoff for a numeric column released only as its class: {@code <cutoff} or {@code >=cutoff}; else NaN
     */
    record PlanColumn(String name, double cutoff) {
        boolean classed() {
            return !Double.isNaN(cutoff);
        }
    }

    /** The level of a value below the cutoff, and at or above it. */
    static final String BELOW = "<";
    static final String AT_OR_ABOVE = ">=";

    /**
     * The plan of an analysis with the request's parameters (defaults as the plugins have them).
     *
     * @throws InvalidParameterException when the analysis does not run federated, or a parameter is malformed
     */
    static Plan of(String analysis, Map<String, Object> parameters) throws InvalidParameterException {
        List<PlanColumn> columns = new ArrayList<>();
        if (analysis.equals("km")) {
            // the groups and the strata of the log-rank test, unless they are the sites themselves:
            // the pooled records have their site
            for (String name : List.of("groupBy", "strata")) {
                Object v = parameters.get(name);
                if (v != null && !(v instanceof String c && c.equalsIgnoreCase(CohortColumns.SITE))) {
                    columns.add(new PlanColumn(text(parameters, name, null), Double.NaN));
                }
            }
            return new Plan(analysis, endpoint(parameters, Endpoint.OS), distinct(columns, "strata"), 1);
        }
        String treatment = text(parameters, "treatment", CohortColumns.ARM);
        columns.add(new PlanColumn(treatment, Double.NaN));
        Endpoint endpoint;
        int causes = 1;
        switch (analysis) {
            case "dfs" -> endpoint = Endpoint.DFS;
            case "competing-risks" -> {
                endpoint = Endpoint.DFS;
                causes = 2;
            }
            case "os" -> endpoint = Endpoint.OS;
            case "short-term" -> {
                // response by mRECIST, and the worst adverse-event grade only as < 3 or >= 3
                endpoint = null;
                columns.add(new PlanColumn(CohortColumns.RESPONSE_MRECIST, Double.NaN));
                columns.add(new PlanColumn(CohortColumns.AE_MAX_GRADE, 3));
            }
            case "mvi-subgroups" -> {
                endpoint = endpoint(parameters, Endpoint.DFS);
                columns.add(new PlanColumn(text(parameters, "subgroup", CohortColumns.MVI), Double.NaN));
            }
            case "margin-stratification" -> {
                endpoint = endpoint(parameters, Endpoint.DFS);
                Object cut = parameters.getOrDefault("cutoffMm", 10);
                if (!(cut instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
                    throw new InvalidParameterException("cutoffMm", "must be a margin width in mm > 0, was " + cut);
                }
                columns.add(new PlanColumn(CohortColumns.MARGIN_MM, n.doubleValue()));
            }
            default -> throw new InvalidParameterException("analysisId", "analysis '" + analysis
                    + "' does not run federated; those that do are " + String.join(", ", ANALYSES) + " and "
                    + CoxSiteSession.ANALYSIS);
        }
        return new Plan(analysis, endpoint, distinct(columns, "treatment"), causes);
    }

    /** The columns, when no two are the same; else a 400 naming {@code parameter}. */
    private static List<PlanColumn> distinct(List<PlanColumn> columns, String parameter) throws InvalidParameterException {
        if (columns.stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).distinct().count() < columns.size()) {
            throw new InvalidParameterException(parameter, "names the same column as another parameter: "
                    + columns.get(columns.size() - 1).name());
        }
        return List.copyOf(columns);
    }

    /**
     * The parameters of the coordinator's run on the pooled records: the request's, and for
     * {@code dfs} and {@code os} the hazard ratio's Cox model stratified by site.
     */
    Map<String, Object> pooledParameters(Map<String, Object> parameters) {
        Map<String, Object> out = new LinkedHashMap<>(parameters);
        if (analysis.equals("dfs") || analysis.equals("os")) {
            out.put("strata", CohortColumns.SITE);
        }
        return out;
    }

    private static String text(Map<String, Object> p, String name, String fallback) throws InvalidParameterException {
        Object v = p.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new InvalidParameterException(name, "must be a column name, was " + v);
        }
        if (s.equalsIgnoreCase(CohortColumns.SITE)) {
            throw new InvalidParameterException(name, "'site' is the column the pooled records are stratified by");
        }
        return s;
    }

    private static Endpoint endpoint(Map<String, Object> p, Endpoint fallback) throws InvalidParameterException {
        Object v = p.get("endpoint");
        if (v == null) {
            return fallback;
        }
        try {
            return Endpoint.parse(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("endpoint", e.getMessage());
        }
    }
}
