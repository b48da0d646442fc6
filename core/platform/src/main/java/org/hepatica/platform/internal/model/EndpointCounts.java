package org.hepatica.platform.internal.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;

/**
 * Per endpoint (DFS, OS) of a cohort: the patients it could be derived for and their events, as
 * the cohort list and a cohort's page show them.
 */
public final class EndpointCounts {
    private EndpointCounts() {
    }

    /** {@code [{endpoint, patients, events}]} in the order of {@link Endpoint}. */
    public static List<Map<String, Object>> of(CohortView cohort) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            int known = 0;
            int events = 0;
            for (int v : cohort.event(e)) { // 1 event, 0 censored, -1 not derived
                known += v >= 0 ? 1 : 0;
                events += v == 1 ? 1 : 0;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", e.name());
            m.put("patients", known);
            m.put("events", events);
            out.add(m);
        }
        return out;
    }
}
