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
 * @param endpoint the endpoint tabulated
 * @param columns  the columns, in the order the groups name their levels
 * @param causes   the largest status tabulated: 1 (censored or the event), or 2 for the competing
 *                 risks of DFS (censored, recurrence first, death without recurrence)
 */
record Plan(String analysis, Endpoint endpoint, List<PlanColumn> columns, int causes) {
    /** The analyses that run federated. */
    static final List<String> ANALYSES = List.of("dfs", "os", "mvi-subgroups", "margin-stratification", "competing-risks");

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
        String treatment = text(parameters, "treatment", CohortColumns.ARM);
        List<PlanColumn> columns = new ArrayList<>();
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
        if (columns.stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).distinct().count() < columns.size()) {
            throw new InvalidParameterException("treatment", "names the same column as another parameter: " + treatment);
        }
        return new Plan(analysis, endpoint, List.copyOf(columns), causes);
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
