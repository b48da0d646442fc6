package org.hepatica.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.CohortSummary;

/** Completes a cohort id with the ids of the stored cohorts. */
@Service
public class CohortIdCompleter implements Completer {

    @Reference(filter = ShellSupport.PLATFORM_COHORTS)
    CohortService cohorts;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(cohorts.list().stream().map(CohortSummary::id).toList())
                .complete(session, commandLine, candidates);
    }
}
