package org.hepatica.platform.internal.http;

import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.hepatica.platform.internal.json.Json;

/**
 * One request to the API as the resources see it: the caller, the method and the path below
 * {@code /api/v1} in segments, and how to answer. Shared by every resource, so that roles, JSON
 * and problem documents are written in one way.
 */
final class ApiCall {
    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";
    static final String ANALYST = "analyst";
    static final String ADMIN = "admin";

    final HttpServletRequest request;
    final HttpServletResponse response;
    final Authenticator.Caller caller;
    final String method;
    /** The path below /api/v1, split at '/': {@code cohorts/ID/analyses/km} is 4 segments. */
    final String[] path;

    ApiCall(HttpServletRequest request, HttpServletResponse response, Authenticator.Caller caller, String method,
            String[] path) {
        this.request = request;
        this.response = response;
        this.caller = caller;
        this.method = method;
        this.path = path;
    }

    /** Whether the call is {@code method} on a path of {@code length} segments. */
    boolean is(String verb, int length) {
        return method.equals(verb) && path.length == length;
    }

    /**
     * A query parameter, or null. A query the container cannot decode (e.g. {@code %ff}, not
     * UTF-8) is a 400, not a failure of the platform (the container decodes the whole query at once).
     */
    String parameter(String name) {
        try {
            return request.getParameter(name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the query string cannot be decoded: percent-encode every parameter"
                    + " as UTF-8");
        }
    }

    /**
     * The request's body as a JSON object; empty without a body.
     *
     * @param shape what the body should look like, for the message of one that is no object
     */
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> jsonObject(String shape) throws java.io.IOException {
        byte[] body = request.getInputStream().readAllBytes();
        if (body.length == 0) {
            return java.util.Map.of();
        }
        Object parsed = org.hepatica.platform.internal.json.Json.MAPPER.readValue(body, Object.class);
        if (!(parsed instanceof java.util.Map)) {
            throw new IllegalArgumentException("the body must be a JSON object: " + shape);
        }
        return (java.util.Map<String, Object>) parsed;
    }

    /** Refuses the call unless the caller has one of the roles. */
    void require(String... roles) {
        if (!caller.hasAny(roles)) {
            throw new Forbidden("user '" + caller.name() + "' needs role " + String.join(" or ", roles));
        }
    }

    /** Answers with a JSON body. */
    void send(int status, Object body) throws IOException {
        send(response, status, JSON, body);
    }

    /** Answers with a text body of that content type (SVG, HTML). */
    void sendText(int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Answers with a problem document. */
    void problem(int status, Map<String, Object> problem) throws IOException {
        send(response, status, PROBLEM, problem);
    }

    static void send(HttpServletResponse resp, int status, String type, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        resp.setStatus(status);
        resp.setContentType(type);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** The caller lacks the role. */
    static final class Forbidden extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Forbidden(String message) {
            super(message);
        }
    }
}
