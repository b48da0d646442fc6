package org.hepatica.platform.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.ColumnNames;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.store.PlatformStore;

/**
 * {@code /cohorts}: import (through the importer's route when it runs, so HTTP imports pass the
 * same endpoint as every other route's), list, describe with the import record, delete.
 */
final class CohortResource {
    /** Media types an import accepts: CSV by its registered names, or plain text. */
    private static final java.util.Set<String> CSV_TYPES = java.util.Set.of("text/csv", "application/csv", "text/plain");

    private final CohortService cohorts;
    private final PlatformStore store;
    private final long maxUploadBytes;
    /** Imports running now; a call beyond the configured number is refused, not queued. */
    private final java.util.concurrent.Semaphore importSlots;
    private final int maxConcurrentImports;

    private final long minUploadBytesPerSecond;

    CohortResource(CohortService cohorts, PlatformStore store, long maxUploadBytes, int maxConcurrentImports,
            long minUploadBytesPerSecond) {
        this.minUploadBytesPerSecond = minUploadBytesPerSecond;
        this.cohorts = cohorts;
        this.store = store;
        this.maxUploadBytes = maxUploadBytes;
        this.maxConcurrentImports = Math.max(1, maxConcurrentImports);
        this.importSlots = new java.util.concurrent.Semaphore(this.maxConcurrentImports);
    }

    /** Handles the call if it is one of this resource's; false otherwise. */
    boolean handle(ApiCall call, CohortService routedImports)
            throws IOException, CohortImportException {
        if (!call.path[0].equals("cohorts")) {
            return false;
        }
        if (call.is("GET", 1)) {
            // the contract's summary of each cohort, and its patients and events per endpoint
            Map<String, List<Map<String, Object>>> counts = store.endpointCounts();
            List<Map<String, Object>> out = new java.util.ArrayList<>();
            for (var s : cohorts.list()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) org.hepatica.platform.internal.json.Json.tree(s);
                m.put("endpoints", counts.getOrDefault(s.id(), List.of()));
                out.add(m);
            }
            call.send(200, out);
        } else if (call.is("POST", 1)) {
            importCohort(call, routedImports != null ? routedImports : cohorts);
        } else if (call.is("GET", 2)) {
            call.send(200, describe(cohort(call.path[1])));
        } else if (call.is("GET", 3) && call.path[2].equals("rejections.csv")) {
            // every problem of the import, also those beyond the first 1,000 an answer lists
            call.response.setStatus(200);
            call.response.setContentType("text/csv; charset=utf-8");
            call.response.setHeader("Content-Disposition", "attachment; filename=\"rejections-" + call.path[1] + ".csv\"");
            if (!store.writeRejectionReport(call.path[1], call.response.getOutputStream())) {
                call.response.reset();
                throw new NoSuchElementException("no cohort '" + call.path[1] + "'");
            }
        } else if (call.is("GET", 3) && call.path[2].equals("results")) {
            cohort(call.path[1]);
            call.send(200, store.listResults(call.path[1]));
        } else if (call.is("DELETE", 2)) {
            call.require(ApiCall.ADMIN);
            if (!cohorts.delete(call.path[1], call.caller.name())) {
                throw new NoSuchElementException("no cohort '" + call.path[1] + "'");
            }
            call.response.setStatus(204);
        } else {
            return false;
        }
        return true;
    }

    private void importCohort(ApiCall call, CohortService target)
            throws IOException, CohortImportException {
        String type = call.request.getContentType();
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!CSV_TYPES.contains(media)) {
            throw ApiServlet.Refusal.unsupportedMediaType("send the cohort as CSV with Content-Type: text/csv"
                    + (type == null ? " (the request had no Content-Type)" : ", not " + media));
        }
        if (call.request.getContentLengthLong() > maxUploadBytes) {
            throw ApiServlet.Refusal.tooLarge("the upload is larger than " + maxUploadBytes / (1024 * 1024) + " MB");
        }
        TimeUnit unit = TimeUnit.parse(call.parameter("timeUnit"));
        java.util.Set<String> drop = ColumnNames.parse(call.parameter("dropColumns"));
        if (!importSlots.tryAcquire()) {
            throw ApiServlet.Refusal.busy(maxConcurrentImports + " imports are running (maxConcurrentImports in"
                    + " etc/org.hepatica.api.cfg); try again shortly");
        }
        ImportResult result;
        try (InputStream body = new LimitedInputStream(call.request.getInputStream(), maxUploadBytes,
                minUploadBytesPerSecond)) {
            result = target.importCsv(call.parameter("name"), body, unit, call.caller.name(), drop);
        } catch (LimitedInputStream.TooLarge e) {
            throw ApiServlet.Refusal.tooLarge(e.getMessage());
        } catch (LimitedInputStream.TooSlow e) {
            throw ApiServlet.Refusal.tooSlow(e.getMessage());
        } finally {
            importSlots.release();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", result.id());
        out.put("name", result.name());
        out.put("version", result.version());
        out.put("checksum", result.checksum());
        out.put("rowsRead", result.rowsRead());
        out.put("rowsAccepted", result.rowsAccepted());
        out.put("rowsRejected", result.rowsRejected());
        out.put("rejections", result.rejections());
        out.put("rejectionCount", result.rejectionCount());
        if (result.rejectionCount() > result.rejections().size()) {
            out.put("rejectionReport", call.request.getContextPath() + "/api/v1/cohorts/" + result.id()
                    + "/rejections.csv");
        }
        if (result.created()) {
            call.response.setHeader("Location", call.request.getContextPath() + "/api/v1/cohorts/" + result.id());
        }
        call.send(result.created() ? 201 : 200, out);
    }

    private CohortView cohort(String id) {
        return cohorts.find(id).orElseThrow(() -> new NoSuchElementException("no cohort '" + id + "'"));
    }

    private Map<String, Object> describe(CohortView cohort) {
        var s = cohort.summary();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("name", s.name());
        out.put("version", s.version());
        out.put("checksum", s.checksum());
        out.put("patients", s.patients());
        out.put("importedAt", s.importedAt());
        out.put("columns", cohort.columns());
        out.put("endpoints", org.hepatica.platform.internal.model.EndpointCounts.of(cohort));
        store.importRecord(s.id()).ifPresent(r -> {
            out.put("rowsRead", r.rowsRead());
            out.put("rowsRejected", r.rowsRejected());
            out.put("rejections", r.rejections());
            out.put("rejectionCount", r.rejectionCount());
        });
        return out;
    }
}
