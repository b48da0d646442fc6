/**
 * Figures of stored results as standalone SVG documents, drawn with the JDK alone so that the
 * platform and every analysis plugin draw the same way: what a statistician knows from survminer's
 * {@code ggsurvplot} and {@code ggforest}, without their faults.
 * <ul>
 *   <li>{@link org.hepatica.figure.StepPlot}: Kaplan-Meier or cumulative incidence step curves of
 *       {@link org.hepatica.figure.StepCurve}s, with censoring marks, confidence bands, median
 *       guides, landmarks, a p-value annotation, a legend with each group's n and a number-at-risk
 *       table aligned with the time ticks;</li>
 *   <li>{@link org.hepatica.figure.ForestPlot}: hazard ratios with their confidence intervals on a
 *       log axis, reference levels drawn as such;</li>
 *   <li>{@link org.hepatica.figure.Figure}: the result, an SVG with {@code <title>} and
 *       {@code <desc>} for screen readers and the same text for reports;</li>
 *   <li>{@link org.hepatica.figure.Format}: the one way p-values, numbers and confidence intervals
 *       are written, shared by figures and reports.</li>
 * </ul>
 * Every figure is sized so that its smallest text is about 7 pt at a journal's single-column
 * width (85 mm), uses the Okabe-Ito colour-blind-safe palette with a distinct dash per curve,
 * references nothing outside itself, escapes all text, and is deterministic: the same input gives
 * the same bytes. Marks carry {@code class} and {@code data-*} attributes from which the plotted
 * values can be read back (see {@link org.hepatica.figure.StepPlot} and
 * {@link org.hepatica.figure.ForestPlot}).
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.hepatica.figure;
