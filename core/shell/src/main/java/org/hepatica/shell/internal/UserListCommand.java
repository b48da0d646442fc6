package org.hepatica.shell.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hepatica.access.UserDirectory;

/** {@code user:list}: the users and their roles (admin only), never a password or its hash. */
@Service
@Command(scope = "user", name = "list", description = "Lists the users and their roles (admin only)")
public class UserListCommand implements Action {

    @Reference
    UserDirectory users;

    @Override
    public Object execute() throws IOException {
        ShellTable table = new ShellTable();
        table.column("User");
        table.column("Roles");
        for (Map.Entry<String, Set<String>> u : users.users().entrySet()) {
            table.addRow().addContent(u.getKey(), String.join(", ", new TreeSet<>(u.getValue())));
        }
        table.print(System.out);
        return null;
    }
}
