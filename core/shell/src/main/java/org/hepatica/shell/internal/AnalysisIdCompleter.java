package org.hepatica.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hepatica.analysis.AnalysisDescriptor;
import org.hepatica.analysis.AnalysisService;

/** Completes an analysis id with the ids of the analyses active now. */
@Service
public class AnalysisIdCompleter implements Completer {

    @Reference
    AnalysisService analyses;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(analyses.list().stream().map(AnalysisDescriptor::id).toList())
                .complete(session, commandLine, candidates);
    }
}
