package org.hepatica.importer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.importer.ImportEndpoint;

/**
 * The platform's cohort service with its imports sent through the import route, so that imports
 * arriving over HTTP pass the same endpoint as every other route's. Registered with service
 * property {@value #ROUTED} = true; the HTTP API prefers it for imports while the importer runs.
 * Listing, reading and deleting go straight to the platform's service.
 */
final class RoutedCohortService implements CohortService {
    /** Service property that marks this service. */
    static final String ROUTED = "hepatica.import.route";

    private final CohortService platform;
    private final ProducerTemplate template;
    private final String uri;

    RoutedCohortService(CohortService platform, ProducerTemplate template, String uri) {
        this.platform = platform;
        this.template = template;
        this.uri = uri;
    }

    @Override
    public ImportResult importCsv(String name, InputStream csv, TimeUnit timeUnit, String user)
            throws CohortImportException, IOException {
        return importCsv(name, csv, timeUnit, user, java.util.Set.of());
    }

    @Override
    public ImportResult importCsv(String name, InputStream csv, TimeUnit timeUnit, String user,
            java.util.Set<String> dropColumns) throws CohortImportException, IOException {
        Map<String, Object> headers = new HashMap<>();
        if (dropColumns != null && !dropColumns.isEmpty()) {
            headers.put(ImportEndpoint.DROP_COLUMNS, String.join(",", dropColumns));
        }
        headers.put(ImportEndpoint.TIME_UNIT, timeUnit.name().toLowerCase(Locale.ROOT));
        if (name != null) {
            headers.put(ImportEndpoint.COHORT_NAME, name);
        }
        if (user != null) {
            headers.put(ImportEndpoint.USER, user);
        }
        try {
            return template.requestBodyAndHeaders(uri, csv, headers, ImportResult.class);
        } catch (CamelExecutionException e) {
            // the route has no error handler: what the import service threw is the cause, unchanged
            Throwable cause = e.getCause();
            if (cause instanceof CohortImportException refused) {
                throw refused;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    @Override
    public List<CohortSummary> list() {
        return platform.list();
    }

    @Override
    public Optional<CohortView> find(String id) {
        return platform.find(id);
    }

    @Override
    public boolean delete(String id, String user) {
        return platform.delete(id, user);
    }
}
