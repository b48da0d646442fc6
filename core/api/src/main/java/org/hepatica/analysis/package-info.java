/**
 * The analysis plugin API. An analysis is a whiteboard service of type {@link org.hepatica.analysis.Analysis}
 * that an OSGi bundle registers (normally a Declarative Services component); the platform lists it,
 * validates parameters against what it declares, runs it on a read-only cohort and stores the
 * result with its provenance.
 */
@org.osgi.annotation.versioning.Version("1.5.0")
package org.hepatica.analysis;
