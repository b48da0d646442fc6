/**
 * Who may use the platform and what they did: the user directory (names, roles, passwords kept as
 * salted slow hashes) and the append-only audit trail, for bundles of the platform's own (the
 * console, the importer's routes) that change users or need an entry in the trail.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.hepatica.access;
