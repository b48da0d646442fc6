package org.hepatica.platform.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.hepatica.platform.internal.store.PlatformStore;

/** {@code /openapi.json} and the administration: {@code /audit} (admin only). */
final class AdminResource {
    private final PlatformStore store;

    AdminResource(PlatformStore store) {
        this.store = store;
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
        } else {
            return false;
        }
        return true;
    }
}
