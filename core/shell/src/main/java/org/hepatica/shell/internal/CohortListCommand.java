package org.hepatica.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hepatica.cohort.CohortService;

/** {@code cohort:list}: the stored cohorts, oldest first. */
@Service
@Command(scope = "cohort", name = "list", description = "Lists the stored cohorts: id, name, version, patients, imported at")
public class CohortListCommand implements Action {

    @Reference(filter = ShellSupport.PLATFORM_COHORTS)
    CohortService cohorts;

    @Override
    public Object execute() {
        CohortPrinter.list(cohorts.list(), System.out);
        return null;
    }
}
