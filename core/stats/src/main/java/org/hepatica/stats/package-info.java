/**
 * The survival statistics engine: Kaplan-Meier, log-rank, Cox proportional hazards and competing
 * risks, on primitive arrays, with no OSGi dependency. Its numbers are checked against R survival.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.hepatica.stats;
