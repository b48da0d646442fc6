package org.hepatica.access;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's append-only audit trail (in the cohort store, each entry hash-chained to the one
 * before). There is no way to change or remove an entry. Thread-safe.
 */
@ProviderType
public interface AuditTrail {
    /**
     * Appends an entry.
     *
     * @param user who acted (a user name, or the component acting on its own, such as {@code etc/routes})
     * @param action a dotted verb, such as {@code route.loaded}
     * @param target what was acted on (a cohort id, a bundle, a route id)
     * @param detail free text for a reader; never a password or a patient's data
     * @throws RuntimeException when the entry cannot be written: the caller decides whether its
     *         action may go on without it
     */
    void record(String user, String action, String target, String detail);
}
