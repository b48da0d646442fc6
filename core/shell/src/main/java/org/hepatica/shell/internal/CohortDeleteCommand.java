package org.hepatica.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.hepatica.cohort.CohortService;

/**
 * {@code cohort:delete ID}: deletes a cohort and its results. Admin only, by the command ACL
 * {@code etc/org.apache.karaf.command.acl.cohort.cfg}.
 */
@Service
@Command(scope = "cohort", name = "delete", description = "Deletes a cohort and its results (admin only)")
public class CohortDeleteCommand implements Action {

    @Reference(filter = ShellSupport.PLATFORM_COHORTS)
    CohortService cohorts;

    @Reference
    Session session;

    @Argument(index = 0, name = "id", description = "The cohort's id", required = true)
    @Completion(CohortIdCompleter.class)
    String id;

    @Override
    public Object execute() throws CommandException {
        if (!cohorts.delete(id, ShellSupport.user(session))) {
            throw new CommandException("no cohort " + id);
        }
        System.out.println("deleted cohort " + id + " and its results");
        return null;
    }
}
