package org.hepatica.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.ShellUtil;

/**
 * What the commands share: who is calling (for the audit trail), where a file argument points, and
 * how a refusal reaches the console. A refusal is a Karaf {@link CommandException}: the console
 * prints its message (no stack trace, logged at debug level only) and {@code bin/client} exits
 * with status 1.
 */
final class ShellSupport {
    /** The platform's own cohort service, not the importer's routed one. */
    static final String PLATFORM_COHORTS = "(!(hepatica.import.route=true))";
    /** The audit trail's user when the session has none. */
    static final String FALLBACK_USER = "karaf-shell";

    private ShellSupport() {
    }

    /**
     * The user of the session: the JAAS subject's user principal (as the SSH console and
     * {@code bin/client} log in), else the session's {@code USER} variable, else
     * {@value #FALLBACK_USER}.
     */
    static String user(Session session) {
        String name = ShellUtil.getCurrentUserName();
        if (isBlank(name) && session != null) {
            Object user = session.get("USER");
            name = user == null ? null : user.toString();
        }
        return isBlank(name) ? FALLBACK_USER : name.trim();
    }

    /**
     * The readable file {@code name} names on the server, relative to the session's current
     * directory.
     *
     * @throws CommandException when there is no such readable file
     */
    static Path readableFile(Session session, String name) throws CommandException {
        Path dir = session == null ? null : session.currentDir();
        Path file = dir == null ? Path.of(name) : dir.resolve(name);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CommandException("no readable file " + file.toAbsolutePath().normalize());
        }
        return file;
    }

    /** A file's base name without its last extension: {@code /in/hcc-2024.csv} gives {@code hcc-2024}. */
    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A refusal whose message is the exception's own (which names the parameter, cohort or analysis). */
    static CommandException refusal(Exception e) {
        String message = e.getMessage();
        return new CommandException(message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
