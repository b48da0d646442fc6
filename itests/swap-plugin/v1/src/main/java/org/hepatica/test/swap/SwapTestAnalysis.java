package org.hepatica.test.swap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.FigureSource;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortView;
import org.hepatica.figure.Figure;
import org.hepatica.figure.ForestPlot;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * An analysis whose result names the version of the bundle that computed it, and which can be made
 * slow: the hot-swap test replaces its bundle while a run is in flight and tells the versions apart.
 */
@Component(service = Analysis.class)
public final class SwapTestAnalysis implements Analysis, FigureSource {
    private final String version = FrameworkUtil.getBundle(SwapTestAnalysis.class).getVersion().toString();

    @Override
    public String id() {
        return "swap-test";
    }

    @Override
    public String name() {
        return "Hot-swap test " + version;
    }

    @Override
    public String description() {
        return "Reports the version of its bundle and the cohort's size, after sleeping sleepMs.";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.optional("sleepMs", ParameterType.INTEGER, 0, "how long the run takes, ms"));
    }

    @Override
    public Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException {
        try {
            Thread.sleep(parameters.integer("sleepMs"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalysisException("interrupted", e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", version);
        out.put("patients", cohort.summary().patients());
        return out;
    }

    @Override
    public Optional<Figure> figure(StoredResult result, FigureRequest request) {
        Object drawnBy = result.result() instanceof Map<?, ?> m ? m.get("version") : "?";
        return Optional.of(ForestPlot.of("Swap test computed by " + drawnBy + ", drawn by " + version)
                .row("effect", null, null, 1.5, 1.1, 2.0, 0.01).draw());
    }
}
