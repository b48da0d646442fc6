package org.hepatica.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.hepatica.analysis.AnalysisService;

/** {@code result:show ID}: a stored result's provenance and main figures. */
@Service
@Command(scope = "result", name = "show", description = "Shows a stored result: its provenance and main figures")
public class ResultShowCommand implements Action {

    @Reference
    AnalysisService analyses;

    @Argument(index = 0, name = "id", description = "The result's id (printed by analysis:run)", required = true)
    String id;

    @Override
    public Object execute() throws CommandException {
        AnalysisPrinter.show(analyses.result(id).orElseThrow(() -> new CommandException("no result " + id)), System.out);
        return null;
    }
}
