package org.hepatica.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.ColumnNames;
import org.hepatica.cohort.TimeUnit;

/**
 * {@code cohort:import FILE [--name NAME] [--time-unit days|months|years] [--drop-columns A,B]}: imports
 * a cohort CSV on the server, optionally without some of its columns (direct identifiers the import
 * would otherwise refuse).
 */
@Service
@Command(scope = "cohort", name = "import",
        description = "Imports a cohort CSV file from the server's file system (the one parser and validator every import passes)")
public class CohortImportCommand implements Action {

    @Reference(filter = ShellSupport.PLATFORM_COHORTS)
    CohortService cohorts;

    @Reference
    Session session;

    @Argument(index = 0, name = "file", description = "The CSV file, on the server, relative to the shell's directory",
            required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--name", description = "The cohort's name (default: the file's name without extension)")
    String name;

    @Option(name = "--time-unit", description = "The unit of os_time/dfs_time durations: days, months or years")
    @Completion(value = StringsCompleter.class, values = {"days", "months", "years"}, caseSensitive = false)
    String timeUnit = "days";

    @Option(name = "--drop-columns", description = "Columns to leave out, comma-separated names as in the header"
            + " (columns of direct identifiers, which are refused otherwise)")
    String dropColumns;

    @Override
    public Object execute() throws CommandException, IOException {
        Path csv = ShellSupport.readableFile(session, file);
        TimeUnit unit;
        try {
            unit = TimeUnit.parse(timeUnit);
        } catch (IllegalArgumentException e) {
            throw ShellSupport.refusal(e);
        }
        java.util.Set<String> drop = ColumnNames.parse(dropColumns);
        try (InputStream in = Files.newInputStream(csv)) {
            CohortPrinter.imported(cohorts.importCsv(name != null ? name : ShellSupport.baseName(csv), in, unit,
                    ShellSupport.user(session), drop), System.out);
        } catch (CohortImportException e) {
            throw new CommandException(CohortPrinter.refused(e), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ShellSupport.refusal(e);
        }
        return null;
    }
}
