/**
 * The Karaf shell commands over the platform's services ({@code cohort:*}, {@code analysis:*},
 * {@code result:*}). Each command is a thin Karaf action, one class per verb, that hands its
 * arguments to {@link org.hepatica.cohort.CohortService} or
 * {@link org.hepatica.analysis.AnalysisService}; reading arguments and rendering answers live in
 * {@link org.hepatica.shell.internal.ShellSupport}, {@link org.hepatica.shell.internal.ParameterArguments},
 * {@link org.hepatica.shell.internal.CohortPrinter}, {@link org.hepatica.shell.internal.AnalysisPrinter}
 * and {@link org.hepatica.shell.internal.ResultDigest}. Nothing here is exported.
 */
package org.hepatica.shell.internal;
