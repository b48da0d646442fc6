package org.hepatica.platform.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.hepatica.platform.internal.store.PlatformStore;

/**
 * {@code /openapi.json} and the administration, admin only: {@code /audit} and the bundles
 * ({@code /admin/bundles}: list, upload a plugin, start, stop, update).
 */
final class AdminResource {
    private final PlatformStore store;
    private final BundleAdmin bundles;

    AdminResource(PlatformStore store, BundleAdmin bundles) {
        this.store = store;
        this.bundles = bundles;
    }

    /** Handles the call if it is one of this resource's; false otherwise. */
    boolean handle(ApiCall call) throws IOException {
        String first = call.path[0];
        if (first.equals("openapi.json") && call.is("GET", 1)) {
            try (InputStream in = AdminResource.class.getResourceAsStream("/openapi.json")) {
                call.response.setStatus(200);
                call.response.setContentType(ApiCall.JSON);
                in.transferTo(call.response.getOutputStream());
            }
        } else if (first.equals("audit") && call.is("GET", 1)) {
            call.require(ApiCall.ADMIN);
            String since = call.parameter("since");
            Instant from;
            try {
                from = since == null ? Instant.EPOCH : Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("since must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
            }
            call.send(200, store.auditSince(from));
        } else if (first.equals("admin") && call.path.length >= 2 && call.path[1].equals("bundles")) {
            call.require(ApiCall.ADMIN);
            if (call.is("GET", 2)) {
                call.send(200, bundles.list());
            } else if (call.is("POST", 2)) {
                call.send(201, bundles.install(call.request.getInputStream(), call.caller.name()));
            } else if (call.is("POST", 4)) {
                call.send(200, bundles.operate(call.path[2], call.parameter("version"), call.path[3],
                        call.request.getInputStream(), call.request.getContentLengthLong(), call.caller.name()));
            } else {
                return false;
            }
        } else {
            return false;
        }
        return true;
    }
}
