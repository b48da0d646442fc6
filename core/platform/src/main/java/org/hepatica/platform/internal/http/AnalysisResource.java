package org.hepatica.platform.internal.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.hepatica.analysis.AnalysisDescriptor;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisService;
import org.hepatica.platform.internal.json.Json;

/**
 * {@code /analyses} (the active plugins), {@code POST /cohorts/{id}/analyses/{analysisId}} (a run)
 * and {@code /results/{id}}: everything through the analysis service.
 */
final class AnalysisResource {
    private final AnalysisService analyses;

    AnalysisResource(AnalysisService analyses) {
        this.analyses = analyses;
    }

    /** Handles the call if it is one of this resource's; false otherwise. */
    boolean handle(ApiCall call) throws IOException, AnalysisException {
        String[] p = call.path;
        if (p[0].equals("analyses") && call.is("GET", 1)) {
            call.send(200, analyses.list().stream().map(AnalysisResource::describe).toList());
        } else if (p[0].equals("cohorts") && call.is("POST", 4) && p[2].equals("analyses")) {
            call.send(200, analyses.run(p[1], p[3], parameters(call), call.caller.name()));
        } else if (p[0].equals("results") && call.is("GET", 2)) {
            call.send(200, analyses.result(p[1]).orElseThrow(() -> new NoSuchElementException("no result '" + p[1] + "'")));
        } else {
            return false;
        }
        return true;
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
        byte[] body = call.request.getInputStream().readAllBytes();
        if (body.length == 0) {
            return Map.of();
        }
        Object parsed = Json.MAPPER.readValue(body, Object.class);
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("the body must be a JSON object: {\"parameters\": {...}}");
        }
        Map<String, Object> map = (Map<String, Object>) parsed;
        if (map.size() == 1 && map.get("parameters") instanceof Map) {
            return (Map<String, Object>) map.get("parameters");
        }
        return map;
    }
}
