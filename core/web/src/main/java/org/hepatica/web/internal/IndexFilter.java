package org.hepatica.web.internal;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;

/**
 * The web interface's page at the exact context root {@code /}. Pax Web 8 registers a servlet
 * pattern {@code ""} (the Servlet specification's exact root) as {@code "/"}, where the platform's
 * default servlet {@code hepatica-error-page} already is; so this filter sits in front of that
 * servlet alone (never in front of the API) and answers a GET or HEAD of {@code /} itself with
 * {@code ui/index.html}. Every other path goes on to the default servlet, and so stays a problem+json 404.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.servlet=hepatica-error-page",
        "osgi.http.whiteboard.filter.name=hepatica-web-index"})
public final class IndexFilter implements Filter {
    static final String INDEX = "ui/index.html";

    private final UiFiles files = new UiFiles();

    @Override
    public void init(javax.servlet.FilterConfig config) {
        // nothing to set up: the page is read from the bundle when first asked for
    }

    @Override
    public void destroy() {
        // nothing to release
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest req && response instanceof HttpServletResponse resp
                && isRoot(req) && files.send(INDEX, req, resp)) {
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the request is a GET or HEAD of the context root itself ({@code /}, any query). */
    static boolean isRoot(HttpServletRequest req) {
        String path = (req.getServletPath() == null ? "" : req.getServletPath())
                + (req.getPathInfo() == null ? "" : req.getPathInfo());
        return ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod())) && (path.isEmpty() || path.equals("/"));
    }
}
