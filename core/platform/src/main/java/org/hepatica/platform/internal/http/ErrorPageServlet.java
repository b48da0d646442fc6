package org.hepatica.platform.internal.http;

import java.io.IOException;
import java.util.Map;
import javax.servlet.RequestDispatcher;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default servlet and error page of the HTTP context: a path no other servlet serves (such as
 * {@code /api/v1/../x} once normalised), whatever the method, and an error the container raises itself
 * inside the context are answered with a problem document like the API's own, never the container's
 * HTML page.
 * Errors the server raises before a context is chosen (URI or headers too long, malformed requests)
 * are the {@code org.hepatica.jetty} fragment's.
 *
 * <p>A GET or HEAD of the context root {@code /} itself goes to the web interface's servlet
 * ({@value #WEB_UI}) by name, when that is installed: its page is the site's front page. The page
 * is served this way, not by a filter in front of this servlet, because Pax Web may register such
 * a filter before the servlet it names while it starts, and then starts the context without its
 * servlets.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.errorPage=4xx",
        "osgi.http.whiteboard.servlet.errorPage=5xx",
        "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.name=hepatica-error-page"})
public final class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ErrorPageServlet.class);
    /** The servlet name of the web interface, whose page is the front page. */
    static final String WEB_UI = "hepatica-web";

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        Object code = req.getAttribute("javax.servlet.error.status_code");
        if (code == null && isRoot(req)) {
            RequestDispatcher page = getServletContext().getNamedDispatcher(WEB_UI);
            if (page != null) {
                page.forward(req, resp);
                return;
            }
        }
        // called directly, it is the context's default servlet: the path is served by nothing else
        int status = code == null ? 404 : code instanceof Integer ? (Integer) code : 500;
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        Map<String, Object> body;
        switch (status) {
            case 404:
                body = Problem.of(404, "not-found", "Not Found",
                        "nothing is served at this path; the API is under /api/v1 (see /api/v1/openapi.json)");
                break;
            case 405:
                body = Problem.of(405, "method-not-allowed", "Method Not Allowed",
                        "this path does not take that method (see /api/v1/openapi.json)");
                break;
            default:
                if (status >= 500) {
                    String errorId = Problem.newErrorId();
                    Object cause = req.getAttribute("javax.servlet.error.exception");
                    LOG.error("error {}: {} {} answered {} by the container", errorId, req.getMethod(),
                            req.getAttribute("javax.servlet.error.request_uri"), status,
                            cause instanceof Throwable ? (Throwable) cause : null);
                    body = Problem.internal(status, errorId);
                } else {
                    body = Problem.of(status, "http-" + status, "HTTP " + status, "the server refused the request");
                }
        }
        ApiCall.send(resp, status, ApiCall.PROBLEM, body);
    }

    /** Whether the request is a GET or HEAD of the context root itself ({@code /}, any query). */
    static boolean isRoot(HttpServletRequest req) {
        String path = (req.getServletPath() == null ? "" : req.getServletPath())
                + (req.getPathInfo() == null ? "" : req.getPathInfo());
        return ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod())) && (path.isEmpty() || path.equals("/"));
    }
}
