package org.hepatica.analysis;

import java.util.List;

/**
 * An active analysis as the platform lists it.
 *
 * @param id          the analysis id
 * @param name        its name
 * @param description what it computes
 * @param version     the version of the bundle that provides it
 * @param bundle      that bundle's symbolic name
 * @param parameters  what it accepts
 */
public record AnalysisDescriptor(String id, String name, String description, String version, String bundle,
        List<ParameterSpec> parameters) {
}
