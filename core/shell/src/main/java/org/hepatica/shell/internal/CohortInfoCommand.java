package org.hepatica.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.hepatica.cohort.CohortService;

/** {@code cohort:info ID}: a cohort's identity, checksum and columns. */
@Service
@Command(scope = "cohort", name = "info", description = "Shows a cohort: its identity, checksum and columns")
public class CohortInfoCommand implements Action {

    @Reference(filter = ShellSupport.PLATFORM_COHORTS)
    CohortService cohorts;

    @Argument(index = 0, name = "id", description = "The cohort's id", required = true)
    @Completion(CohortIdCompleter.class)
    String id;

    @Override
    public Object execute() throws CommandException {
        CohortPrinter.info(cohorts.find(id).orElseThrow(() -> new CommandException("no cohort " + id)), System.out);
        return null;
    }
}
