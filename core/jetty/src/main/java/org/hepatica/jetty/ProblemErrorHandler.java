package org.hepatica.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.log.Log;
import org.eclipse.jetty.util.log.Logger;

/**
 * The server's error handler: every error the server produces itself, before or outside the API's
 * servlet, is an RFC 9457 problem document like the API's own. That covers requests Jetty refuses
 * while parsing (414 URI too long, 431 headers too large, 400 for a malformed or ambiguous URI, 505)
 * and errors of requests no context takes. No server name, class name, stack or request content is
 * written back; a 5xx carries a short error id that the log names beside the cause.
 */
public class ProblemErrorHandler extends ErrorHandler {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Log.getLogger(ProblemErrorHandler.class);

    public ProblemErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    /** Requests Jetty refuses while parsing them: no request object exists yet. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        if (HttpStatus.hasNoBody(status)) {
            return ByteBuffer.allocate(0);
        }
        fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        return ByteBuffer.wrap(problem(status, null, reason).getBytes(StandardCharsets.UTF_8));
    }

    /** Every method gets a body, not only GET, POST and HEAD. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        if (HttpStatus.hasNoBody(code)) {
            return;
        }
        String errorId = null;
        if (code >= 500) {
            errorId = UUID.randomUUID().toString().substring(0, 8);
            Object cause = request.getAttribute("javax.servlet.error.exception");
            LOG.warn("error " + errorId + ": " + request.getMethod() + " " + request.getRequestURI()
                    + " answered " + code + " by the server: " + message, cause instanceof Throwable ? (Throwable) cause : null);
        }
        byte[] body = problem(code, errorId, null).getBytes(StandardCharsets.UTF_8);
        response.setContentType(PROBLEM_JSON);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The problem document of a status: what the status means to a client and what to do about it.
     * Jetty's own reason is written only when it is plain words (it never names a class or a value).
     */
    static String problem(int status, String errorId, String reason) {
        String title = HttpStatus.getMessage(status);
        String detail = detail(status, reason);
        if (errorId != null) {
            detail = detail + "; the administrator finds what happened under error id " + errorId
                    + " in data/log/hepatica.log";
        }
        StringBuilder json = new StringBuilder(256).append("{\"type\":\"urn:hepatica:problem:")
                .append(slug(status)).append("\",\"title\":");
        quote(json, title == null ? "HTTP " + status : title);
        json.append(",\"status\":").append(status).append(",\"detail\":");
        quote(json, detail);
        if (errorId != null) {
            json.append(",\"errorId\":");
            quote(json, errorId);
        }
        return json.append('}').toString();
    }

    static String slug(int status) {
        switch (status) {
            case 400: return "bad-request";
            case 404: return "not-found";
            case 405: return "method-not-allowed";
            case 408: return "request-timeout";
            case 413: return "payload-too-large";
            case 414: return "uri-too-long";
            case 415: return "unsupported-media-type";
            case 431: return "headers-too-large";
            case 505: return "http-version-not-supported";
            default: return status >= 500 ? "internal" : "http-" + status;
        }
    }

    private static String detail(int status, String reason) {
        switch (status) {
            case 404: return "nothing is served at this path; the API is under /api/v1 (see /api/v1/openapi.json)";
            case 405: return "this path does not take that method (see /api/v1/openapi.json)";
            case 414: return "the request URI is longer than the server accepts; send long input in the body";
            case 431: return "the request headers are larger than the server accepts";
            case 505: return "the server speaks HTTP/1.1 and HTTP/1.0";
            default:
                String plain = reason != null && reason.matches("[A-Za-z][A-Za-z ]{0,80}") ? reason : null;
                if (status == 400) {
                    return "the server could not read the request"
                            + (plain != null && !plain.equals("Bad Request") ? " (" + plain.toLowerCase() + ")" : "")
                            + "; check the URI's percent-encoding and the path's segments";
                }
                return status >= 500 ? "the server failed" : (plain != null ? plain : "the server refused the request");
        }
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
