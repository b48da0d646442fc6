package org.hepatica.platform.internal.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform's users in {@code etc/users.properties}: listed with their roles, added with a
 * salted hash of a password that meets the policy. Passwords never leave this class in clear.
 */
public final class UserAccounts {
    /** The roles the platform knows: analyst reads, imports and runs; admin administers; ssh logs in to the console. */
    public static final Set<String> ROLES = Set.of("analyst", "admin", "ssh");
    /** The shortest password accepted. */
    public static final int MIN_PASSWORD = 12;

    private final UsersFile file;

    public UserAccounts(Path usersFile) {
        this.file = new UsersFile(usersFile);
    }

    /** The users of the installation's {@code etc/users.properties}. */
    public static UserAccounts installed() {
        return new UserAccounts(Path.of(System.getProperty("karaf.etc", "etc"), "users.properties"));
    }

    public Map<String, Set<String>> list() throws IOException {
        return file.users();
    }

    /**
     * Adds a user.
     *
     * @throws IllegalArgumentException naming what is wrong with the name, password or roles
     * @throws IllegalStateException when a user of that name exists
     */
    public void add(String name, char[] password, List<String> roles) throws IOException {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (password == null || password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("password: at least " + MIN_PASSWORD + " characters");
        }
        if (roles == null || roles.isEmpty() || !ROLES.containsAll(roles)) {
            throw new IllegalArgumentException("roles: one or more of " + String.join(", ", new java.util.TreeSet<>(ROLES)));
        }
        if (!file.add(name, PasswordHash.hash(password), roles)) {
            throw new IllegalStateException("user '" + name + "' exists already");
        }
    }
}
