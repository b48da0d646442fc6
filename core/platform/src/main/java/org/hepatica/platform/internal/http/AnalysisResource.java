package org.hepatica.platform.internal.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.hepatica.analysis.AnalysisDescriptor;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisService;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.ResultTable;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.CohortView;
import org.hepatica.figure.Figure;
import org.hepatica.figure.TimeScale;

/**
 * {@code /analyses} (the active plugins), {@code POST /cohorts/{id}/analyses/{analysisId}} (a run)
 * and {@code /results/{id}} with its figure ({@code plot.svg}), table ({@code table.csv}) and report ({@code report.html}):
 * everything through the analysis service.
 */
final class AnalysisResource {
    private final AnalysisService analyses;
    private final CohortService cohorts;

    AnalysisResource(AnalysisService analyses, CohortService cohorts) {
        this.analyses = analyses;
        this.cohorts = cohorts;
    }

    /** Handles the call if it is one of this resource's; false otherwise. */
    boolean handle(ApiCall call) throws IOException, AnalysisException {
        String[] p = call.path;
        if (p[0].equals("analyses") && call.is("GET", 1)) {
            call.send(200, analyses.list().stream().map(AnalysisResource::describe).toList());
        } else if (p[0].equals("cohorts") && call.is("POST", 4) && p[2].equals("analyses")) {
            call.send(200, analyses.run(p[1], p[3], parameters(call), call.caller.name()));
        } else if (p[0].equals("results") && call.is("GET", 2)) {
            call.send(200, result(p[1]));
        } else if (p[0].equals("results") && call.is("GET", 3) && p[2].equals("plot.svg")) {
            StoredResult result = result(p[1]);
            Figure figure = analyses.figure(p[1], figureRequest(call)).orElseThrow(() -> new NoSuchElementException(
                    "result '" + p[1] + "' of analysis '" + result.analysis() + "' has no figure"));
            call.sendText(200, "image/svg+xml; charset=utf-8", figure.svg());
        } else if (p[0].equals("results") && call.is("GET", 3) && p[2].equals("report.html")) {
            StoredResult result = result(p[1]);
            Optional<Figure> figure = Optional.empty();
            try {
                figure = analyses.figure(p[1], figureRequest(call));
            } catch (NoSuchElementException e) {
                // the plugin is gone: the report has everything else
            }
            String name = analyses.list().stream().filter(a -> a.id().equals(result.analysis()))
                    .map(AnalysisDescriptor::name).findFirst().orElse(null);
            Optional<CohortSummary> cohort = cohorts.find(result.cohort()).map(CohortView::summary);
            Optional<ResultTable> table = Optional.empty();
            try {
                table = analyses.table(p[1]);
            } catch (NoSuchElementException e) {
                // the plugin is gone: the report has everything else
            }
            call.sendText(200, "text/html; charset=utf-8", ReportPage.render(result, name, cohort, figure, table));
        } else if (p[0].equals("results") && call.is("GET", 3) && p[2].equals("table.csv")) {
            StoredResult result = result(p[1]);
            ResultTable table = analyses.table(p[1]).orElseThrow(() -> new NoSuchElementException(
                    "result '" + p[1] + "' of analysis '" + result.analysis() + "' has no table"));
            call.sendText(200, "text/csv; charset=utf-8", TableCsv.write(table));
        } else {
            return false;
        }
        return true;
    }

    private StoredResult result(String id) {
        return analyses.result(id).orElseThrow(() -> new NoSuchElementException("no result '" + id + "'"));
    }

    /** The figure's display parameters: {@code timeUnit=months|years|days}, {@code percent=true|false}. */
    private static FigureRequest figureRequest(ApiCall call) throws InvalidParameterException {
        TimeScale unit;
        try {
            unit = TimeScale.parse(call.parameter("timeUnit"), TimeScale.MONTHS);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("timeUnit", e.getMessage());
        }
        String percent = call.parameter("percent");
        if (percent != null && !percent.equals("true") && !percent.equals("false")) {
            throw new InvalidParameterException("percent", "percent is true or false, not '" + percent + "'");
        }
        return new FigureRequest(unit, "true".equals(percent));
    }

    /** An analysis as the API contract lists it (a parameter's default is named {@code default}). */
    static Map<String, Object> describe(AnalysisDescriptor a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("name", a.name());
        out.put("description", a.description());
        out.put("version", a.version());
        out.put("bundle", a.bundle());
        out.put("parameters", a.parameters().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("type", p.type());
            m.put("required", p.required());
            m.put("default", p.defaultValue());
            m.put("description", p.description());
            if (p.isChoice()) {
                m.put("values", p.values());
            }
            return m;
        }).toList());
        return out;
    }

    /** The request's parameters: {@code {"parameters": {...}}}, or the object itself. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(ApiCall call) throws IOException {
        Map<String, Object> map = call.jsonObject("{\"parameters\": {...}}");
        if (map.size() == 1 && map.get("parameters") instanceof Map) {
            return (Map<String, Object>) map.get("parameters");
        }
        return map;
    }
}
