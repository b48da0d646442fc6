package org.hepatica.platform.internal.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hepatica.access.UserDirectory;
import org.hepatica.platform.internal.store.PlatformStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The users of the installation's {@code etc/users.properties}, for the admin API and the console
 * alike: one policy, one hash, one audit entry per user added.
 */
@Component(service = UserDirectory.class)
public final class DefaultUserDirectory implements UserDirectory {
    private final UserAccounts accounts;
    private final PlatformStore store;

    @Activate
    public DefaultUserDirectory(@Reference PlatformStore store) {
        this(UserAccounts.installed(), store);
    }

    DefaultUserDirectory(UserAccounts accounts, PlatformStore store) {
        this.accounts = accounts;
        this.store = store;
    }

    @Override
    public Set<String> roles() {
        return UserAccounts.ROLES;
    }

    @Override
    public int minimumPasswordLength() {
        return UserAccounts.MIN_PASSWORD;
    }

    @Override
    public Map<String, Set<String>> users() throws IOException {
        return accounts.list();
    }

    @Override
    public void add(String name, char[] password, List<String> roles, String actor) throws IOException {
        accounts.add(name, password, roles);
        store.audit(actor, "user.add", name, "roles " + String.join(",", roles));
    }
}
