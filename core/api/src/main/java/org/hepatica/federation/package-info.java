/**
 * Multi-centre analyses: a coordinating installation asks sites over a message broker, each site
 * releases counts of its own cohort under its disclosure rules, and the coordinator pools them.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.hepatica.federation;
