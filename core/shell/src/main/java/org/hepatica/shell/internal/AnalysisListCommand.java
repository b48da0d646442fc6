package org.hepatica.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hepatica.analysis.AnalysisService;

/** {@code analysis:list}: the analyses active now. */
@Service
@Command(scope = "analysis", name = "list", description = "Lists the active analyses: id, name, bundle, version, parameters")
public class AnalysisListCommand implements Action {

    @Reference
    AnalysisService analyses;

    @Override
    public Object execute() {
        AnalysisPrinter.list(analyses.list(), System.out);
        return null;
    }
}
