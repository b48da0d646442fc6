package org.hepatica.platform.internal.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepatica.platform.internal.ErrorIds;

/** An RFC 9457 problem document: {@code type, title, status, detail} and extensions. */
final class Problem {
    private Problem() {
    }

    static Map<String, Object> of(int status, String slug, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:hepatica:problem:" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    /** A fresh short id that a 5xx names and the log writes beside the cause. */
    static String newErrorId() {
        return ErrorIds.next();
    }

    /** The 5xx document: the error id and where the administrator finds it, nothing of the cause. */
    static Map<String, Object> internal(int status, String errorId) {
        Map<String, Object> body = of(status, "internal", "Internal Server Error",
                "the platform failed; the administrator finds what happened under error id " + errorId
                        + " in data/log/hepatica.log");
        body.put("errorId", errorId);
        return body;
    }

    static Map<String, Object> withErrors(int status, String slug, String title, String detail, List<?> errors) {
        Map<String, Object> body = of(status, slug, title, detail);
        body.put("errors", errors);
        return body;
    }
}
