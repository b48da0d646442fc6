/**
 * The import endpoint of the Hepatica Camel context, for institutions that contribute routes.
 *
 * <p>Every route that brings cohort data into the platform ends in the import endpoint
 * ({@link org.hepatica.importer.ImportEndpoint#DEFAULT_URI} unless {@code etc/org.hepatica.importer.cfg}
 * says otherwise; route files can write {@code {{hepatica.import.uri}}}). The body is the canonical
 * cohort CSV (bytes, a string, a file or a stream); the headers in {@link org.hepatica.importer.ImportEndpoint}
 * name the cohort, the time unit, the user and the columns to leave out. A bundle adds routes by registering an
 * {@code org.apache.camel.RoutesBuilder} OSGi service; this bundle exports the Camel API packages it
 * needs for that.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.hepatica.importer;
