/**
 * The cohort data model and the cohort service: patients with their covariates and the
 * disease-free (DFS) and overall survival (OS) endpoints derived from dates or durations, as the
 * canonical CSV contract defines them. A stored cohort is immutable and identified by id, name,
 * version and the SHA-256 checksum of its bytes.
 */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.hepatica.cohort;
