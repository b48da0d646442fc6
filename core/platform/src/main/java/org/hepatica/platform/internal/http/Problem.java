package org.hepatica.platform.internal.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    static Map<String, Object> withErrors(int status, String slug, String title, String detail, List<?> errors) {
        Map<String, Object> body = of(status, slug, title, detail);
        body.put("errors", errors);
        return body;
    }
}
