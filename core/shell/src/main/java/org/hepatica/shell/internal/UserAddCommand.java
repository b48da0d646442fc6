package org.hepatica.shell.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hepatica.access.UserDirectory;

/**
 * {@code user:add NAME [--role ROLE]...}: adds a user. The password is asked for twice at the
 * console, never given on the command line (which would stay in the shell's history). Admin only,
 * by the command ACL {@code etc/org.apache.karaf.command.acl.user.cfg}; audited as {@code user.add}.
 */
@Service
@Command(scope = "user", name = "add", description = "Adds a user; asks for the password (admin only)")
public class UserAddCommand implements Action {

    @Reference
    UserDirectory users;

    @Reference
    Session session;

    @Argument(index = 0, name = "name", description = "The user's name", required = true)
    String name;

    @Option(name = "--role", multiValued = true, description = "A role: analyst (default), admin or ssh; repeat for more")
    @Completion(value = StringsCompleter.class, values = {"analyst", "admin", "ssh"})
    List<String> roles;

    @Override
    public Object execute() throws CommandException, IOException {
        List<String> granted = roles == null || roles.isEmpty() ? List.of("analyst") : roles;
        char[] password = ask("Password for " + name + " (at least " + users.minimumPasswordLength() + " characters): ");
        char[] again = ask("The same password again: ");
        try {
            if (!Arrays.equals(password, again)) {
                throw new CommandException("the two passwords differ; no user added");
            }
            users.add(name, password, granted, ShellSupport.user(session));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ShellSupport.refusal(e);
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(again, '\0');
        }
        System.out.println("added user " + name + " with roles " + String.join(", ", granted));
        return null;
    }

    /**
     * A line typed at the console, echoed as {@code *}; in a session without a terminal (a command
     * given to {@code bin/client}, whose standard input is not passed on), a line of the session's
     * input, if it has one.
     */
    private char[] ask(String prompt) throws CommandException, IOException {
        String line;
        try {
            line = session.readLine(prompt, '*');
        } catch (UnsupportedOperationException headless) {
            line = readLine(session.getKeyboard());
        }
        if (line == null) {
            throw new CommandException("no password given; no user added (run user:add in the console, where it asks"
                    + " for the password: bin/client without a command, or ssh)");
        }
        return line.toCharArray();
    }

    private static String readLine(java.io.InputStream in) throws IOException {
        if (in == null) {
            return null;
        }
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
