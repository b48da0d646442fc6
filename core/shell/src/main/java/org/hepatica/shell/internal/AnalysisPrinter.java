package org.hepatica.shell.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hepatica.analysis.AnalysisDescriptor;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.Provenance;
import org.hepatica.analysis.StoredResult;

/** How the {@code analysis:*} and {@code result:*} commands show analyses and results. */
final class AnalysisPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalysisPrinter() {
    }

    /** A table of the active analyses: id, name, bundle, version and parameter names. */
    static void list(List<AnalysisDescriptor> analyses, PrintStream out) {
        ShellTable table = new ShellTable().emptyTableText("no analyses active");
        table.column("id");
        table.column("name");
        table.column("bundle");
        table.column("version");
        table.column("parameters");
        for (AnalysisDescriptor a : analyses) {
            table.addRow().addContent(a.id(), a.name(), a.bundle(), a.version(),
                    a.parameters().stream().map(ParameterSpec::name).collect(Collectors.joining(", ")));
        }
        table.print(out);
    }

    /** What {@code analysis:run} prints: the new result's id, then its digest. */
    static void ran(StoredResult result, PrintStream out) {
        out.println("result " + result.id() + " (" + result.analysis() + " on cohort " + result.cohort() + ")");
        out.println();
        ResultDigest.print(result.result(), out);
    }

    /** What {@code result:show} prints: the result's provenance, then its digest. */
    static void show(StoredResult result, PrintStream out) {
        Provenance p = result.provenance();
        out.println("result      " + result.id());
        out.println("cohort      " + result.cohort());
        if (p == null) {
            out.println("analysis    " + result.analysis());
            out.println("parameters  " + parameters(result.parameters()));
        } else {
            out.println("analysis    " + p.analysisId() + " (" + p.pluginBundle() + " " + p.pluginVersion() + ")");
            out.println("checksum    " + p.cohortChecksum());
            out.println("platform    " + p.platformVersion());
            out.println("started at  " + CohortPrinter.instant(p.startedAt()) + ", took " + p.durationMs() + " ms");
            out.println("parameters  " + parameters(p.parameters()));
        }
        out.println();
        ResultDigest.print(result.result(), out);
    }

    /** {@code treatment=arm, landmark=730.0}: text as is, other values as JSON. */
    static String parameters(Map<String, Object> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return "(none)";
        }
        return parameters.entrySet().stream().map(e -> e.getKey() + "=" + json(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String json(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
