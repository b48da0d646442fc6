package org.hepatica.shell.internal;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisService;

/** {@code analysis:run COHORT ANALYSIS [key=value ...]}: runs an analysis and stores its result. */
@Service
@Command(scope = "analysis", name = "run", description = "Runs an analysis on a cohort, stores the result and shows its main figures")
public class AnalysisRunCommand implements Action {

    @Reference
    AnalysisService analyses;

    @Reference
    Session session;

    @Argument(index = 0, name = "cohort", description = "The cohort's id", required = true)
    @Completion(CohortIdCompleter.class)
    String cohort;

    @Argument(index = 1, name = "analysis", description = "The analysis id (see analysis:list)", required = true)
    @Completion(AnalysisIdCompleter.class)
    String analysis;

    @Argument(index = 2, name = "parameters", multiValued = true,
            description = "key=value; a value is JSON when it parses (730, true, [\"arm\",\"mvi\"], {\"arm\":\"RFA\"}),"
                    + " [a,b] is a list, anything else is text; quote a value with spaces or braces")
    List<String> parameters;

    @Override
    public Object execute() throws CommandException {
        try {
            Map<String, Object> values = ParameterArguments.parse(parameters);
            AnalysisPrinter.ran(analyses.run(cohort, analysis, values, ShellSupport.user(session)), System.out);
        } catch (IllegalArgumentException | NoSuchElementException | AnalysisException e) {
            throw ShellSupport.refusal(e);
        }
        return null;
    }
}
