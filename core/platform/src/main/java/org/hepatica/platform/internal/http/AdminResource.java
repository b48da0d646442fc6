package org.hepatica.platform.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.hepatica.platform.internal.json.Json;
import org.hepatica.access.UserDirectory;
import org.hepatica.platform.internal.store.PlatformStore;

/**
 * {@code /openapi.json} and the administration, admin only: {@code /audit} (JSON, or CSV as
 * {@code /audit.csv} or {@code ?format=csv}, filtered and paged), whether its hash chain is intact
 * ({@code /admin/audit/verify}) and the bundles
 * ({@code /admin/bundles}: list, upload a plugin, start, stop, update).
 */
final class AdminResource {
    private final PlatformStore store;
    private final BundleAdmin bundles;
    private final UserDirectory users;

    AdminResource(PlatformStore store, BundleAdmin bundles, UserDirectory users) {
        this.store = store;
        this.bundles = bundles;
        this.users = users;
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
        } else if ((first.equals("audit") || first.equals("audit.csv")) && call.is("GET", 1)) {
            call.require(ApiCall.ADMIN);
            List<PlatformStore.AuditEntry> entries = store.audit(auditFilter(call));
            if (first.equals("audit.csv") || "csv".equals(call.parameter("format"))) {
                call.sendText(200, "text/csv; charset=utf-8", AuditCsv.write(entries));
            } else {
                call.send(200, entries);
            }
        } else if (first.equals("admin") && call.is("GET", 3) && call.path[1].equals("audit")
                && call.path[2].equals("verify")) {
            call.require(ApiCall.ADMIN);
            call.send(200, store.verifyAudit());
        } else if (first.equals("admin") && call.path.length == 2 && call.path[1].equals("users")) {
            call.require(ApiCall.ADMIN);
            if (call.method.equals("GET")) {
                java.util.List<Map<String, Object>> out = new java.util.ArrayList<>();
                users.users().forEach((name, roles) -> out.add(Map.of("name", name, "roles", roles)));
                call.send(200, out);
            } else if (call.method.equals("POST")) {
                addUser(call);
            } else {
                return false;
            }
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

    /** {@code POST /admin/users} {@code {name, password, roles}}: the password is hashed at once, never logged or echoed. */
    @SuppressWarnings("unchecked")
    private void addUser(ApiCall call) throws IOException {
        Object body = Json.MAPPER.readValue(call.request.getInputStream(), Object.class);
        if (!(body instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)
                || !(m.get("password") instanceof String password) || !(m.get("roles") instanceof java.util.List<?> roles)) {
            throw new IllegalArgumentException("the body is {\"name\": ..., \"password\": ..., \"roles\": [...]}");
        }
        java.util.List<String> roleNames = ((java.util.List<Object>) roles).stream().map(String::valueOf).toList();
        try {
            users.add(name, password.toCharArray(), roleNames, call.caller.name());
        } catch (IllegalStateException e) {
            throw ApiServlet.Refusal.conflict("user-exists", e.getMessage());
        }
        call.send(201, Map.of("name", name, "roles", roleNames));
    }

    /**
     * The audit query of {@code since}, {@code user}, {@code action} (a prefix: {@code login.}),
     * {@code after} (a sequence number, for paging), {@code offset} and {@code limit}; oldest first.
     */
    private static PlatformStore.AuditFilter auditFilter(ApiCall call) {
        String since = call.parameter("since");
        Instant from;
        try {
            from = since == null ? Instant.EPOCH : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
        String format = call.parameter("format");
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw new IllegalArgumentException("format must be json or csv");
        }
        // without a limit, every entry (as the endpoint always answered); a page is at most MAX_AUDIT_LIMIT
        long limit = number(call, "limit", Integer.MAX_VALUE, 1, MAX_AUDIT_LIMIT);
        return new PlatformStore.AuditFilter(from, blankToNull(call.parameter("user")),
                blankToNull(call.parameter("action")), number(call, "after", 0, 0, Long.MAX_VALUE),
                number(call, "offset", 0, 0, Long.MAX_VALUE), (int) limit);
    }

    /** The most entries a {@code limit} may ask for. */
    private static final long MAX_AUDIT_LIMIT = 10_000;

    private static long number(ApiCall call, String name, long absent, long min, long max) {
        String value = call.parameter(name);
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min
                + (max == Long.MAX_VALUE ? " up" : " to " + max));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
