package org.hepatica.access;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's users ({@code etc/users.properties} with the realm the platform installs): listed
 * with their roles, added with a salted slow hash of a password that meets the policy. Every
 * addition is written to the audit trail as {@code user.add} with the acting user; the password is
 * never logged, echoed or kept in clear. Thread-safe.
 */
@ProviderType
public interface UserDirectory {
    /** The roles a user may have: {@code analyst} reads, imports and runs; {@code admin} administers; {@code ssh} logs in to the console. */
    Set<String> roles();

    /** The shortest password accepted. */
    int minimumPasswordLength();

    /** User names with their roles, by name. */
    Map<String, Set<String>> users() throws IOException;

    /**
     * Adds a user. The caller should overwrite {@code password} once this returns.
     *
     * @param actor who adds the user, for the audit trail
     * @throws IllegalArgumentException naming what is wrong with the name, the password or the roles
     * @throws IllegalStateException when a user of that name exists
     */
    void add(String name, char[] password, List<String> roles, String actor) throws IOException;
}
