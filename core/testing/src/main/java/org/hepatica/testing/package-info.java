/**
 * Test support for analysis plugins, so that their unit tests need no Karaf: {@link org.hepatica.testing.TestCohorts}
 * builds read-only cohorts in memory from rows or from a file in the canonical cohort CSV format, read by
 * the platform's own parser (the same endpoint derivation, the same column types and level order);
 * {@link org.hepatica.testing.AnalysisHarness} checks parameters with the platform's own binder, runs an
 * analysis as {@code POST /cohorts/{id}/analyses/{analysisId}} would, and gives the result as the JSON the
 * API returns, with its figure and table when the plugin draws them; {@link org.hepatica.testing.ReferenceValues}
 * reads the R reference cohorts and values and compares a result with them.
 *
 * <p>A plain library for the test scope: it is not deployed into the platform.
 */
package org.hepatica.testing;
