/**
 * The analysis support library: what every analysis plugin would otherwise write again, so that
 * a plugin writes only its own question.
 * <ul>
 *   <li>{@link org.hepatica.analysis.support.SurvivalSample}: from a cohort and a request to the
 *       engine's inputs (the endpoint's times and events, a grouping, strata), patients missing a
 *       used value left out and counted ({@code nDropped}, per variable), one time order per run;</li>
 *   <li>{@link org.hepatica.analysis.support.CoxModel}: Cox designs from covariate names by column
 *       type with the contract's reference levels, errors as 400s naming the parameter;</li>
 *   <li>{@link org.hepatica.analysis.support.CommonParameters}: the shared parameters (endpoint,
 *       treatment, confType, confLevel, ties) declared once and read back as engine types;</li>
 *   <li>the contract's result shapes: {@link org.hepatica.analysis.support.HazardRatio}; a
 *       Kaplan-Meier group is {@link org.hepatica.stats.KaplanMeierResult.Curve}, a log-rank test
 *       {@link org.hepatica.stats.LogRankResult}, both serialized as they are;</li>
 *   <li>{@link org.hepatica.analysis.support.CohortGroups}: the columns a request names as groups or
 *       variables, checked with the 400 that names the parameter.</li>
 *   <li>{@link org.hepatica.analysis.support.Labels}: the one rule that turns numbers into labels.</li>
 * </ul>
 */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.hepatica.analysis.support;
