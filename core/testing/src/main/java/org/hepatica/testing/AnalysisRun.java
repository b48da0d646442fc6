package org.hepatica.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.FigureSource;
import org.hepatica.analysis.ResultTable;
import org.hepatica.analysis.StoredResult;
import org.hepatica.analysis.TableSource;
import org.hepatica.figure.Figure;
import org.hepatica.platform.internal.json.Json;

/**
 * One run of an analysis through {@link AnalysisHarness}: what {@code run} returned, the result as the
 * API serves it, and the figure and table the platform would draw from it.
 */
public final class AnalysisRun {
    private final Analysis analysis;
    private final Object output;
    private final StoredResult stored;

    AnalysisRun(Analysis analysis, Object output, StoredResult stored) {
        this.analysis = analysis;
        this.output = output;
        this.stored = stored;
    }

    /** What {@link Analysis#run} returned, before serialization. */
    public Object output() {
        return output;
    }

    /** {@link #output()} cast to the analysis's result type. */
    public <T> T output(Class<T> type) {
        return type.cast(output);
    }

    /** The result as stored: the JSON tree of the output, the bound parameters and the provenance. */
    public StoredResult stored() {
        return stored;
    }

    /** The {@code result} member of the API's answer, e.g. {@code json().at("/groups/0/n").asInt()}. */
    public JsonNode json() {
        return Json.MAPPER.valueToTree(stored.result());
    }

    /** The {@code result} member of the API's answer as JSON text. */
    public String jsonText() {
        return Json.write(stored.result());
    }

    /** The whole answer of {@code POST /cohorts/{id}/analyses/{analysisId}} (id, analysis, cohort, parameters, result, provenance). */
    public JsonNode response() {
        return Json.MAPPER.valueToTree(stored);
    }

    /** The parameters with every default filled in, as the provenance records them. */
    public JsonNode parameters() {
        return Json.MAPPER.valueToTree(stored.parameters());
    }

    /** The {@code warnings} of the result (empty when it has none). */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        json().path("warnings").forEach(w -> out.add(w.asText()));
        return out;
    }

    /** The figure ({@code GET /results/{id}/plot.svg}), drawn from the stored result; empty when the analysis draws none. */
    public Optional<Figure> figure(FigureRequest request) {
        return analysis instanceof FigureSource f ? f.figure(stored, request) : Optional.empty();
    }

    /** The figure as it is shown by default (months, 0-1). */
    public Optional<Figure> figure() {
        return figure(FigureRequest.DEFAULT);
    }

    /** The publication table ({@code GET /results/{id}/table.csv}); empty when the analysis builds none. */
    public Optional<ResultTable> table() {
        return analysis instanceof TableSource t ? t.table(stored) : Optional.empty();
    }
}
