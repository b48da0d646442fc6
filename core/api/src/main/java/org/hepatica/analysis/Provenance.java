package org.hepatica.analysis;

import java.time.Instant;
import java.util.Map;

/**
 * Where a result came from, stored with it so that it can be traced and reproduced.
 *
 * @param analysisId      the analysis id
 * @param pluginBundle    symbolic name of the bundle that computed it
 * @param pluginVersion   that bundle's version
 * @param platformVersion the platform's version
 * @param cohortChecksum  SHA-256 of the cohort's imported bytes
 * @param parameters      every parameter with the value used (defaults included)
 * @param startedAt       when the run started
 * @param durationMs      how long it took
 */
public record Provenance(String analysisId, String pluginBundle, String pluginVersion, String platformVersion,
        String cohortChecksum, Map<String, Object> parameters, Instant startedAt, long durationMs) {
}
