package org.hepatica.web.internal;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;

/**
 * The files of the web interface under {@code /ui/*} (scripts, styles), from this bundle's
 * {@code ui/} folder. Its page itself ({@value UiFiles#INDEX}) is at {@code /}: the platform's default
 * servlet sends a GET or HEAD of the context root here by name, and a request that does not come
 * through {@code /ui/*} is answered with the page. A file the bundle does not have, and any method
 * but GET and HEAD, is sent on as an error to the platform's error page, which answers with a
 * problem document as for every path nothing serves.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/ui/*",
        "osgi.http.whiteboard.servlet.name=hepatica-web"})
public final class WebUiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The servlet path of the files. */
    private static final String PATH = "/ui";

    private final transient UiFiles files = new UiFiles();

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET, HEAD");
            resp.sendError(405);
            return;
        }
        // through /ui/* the servlet path is /ui; sent here by name from the context root, it is not
        String resource = PATH.equals(req.getServletPath()) ? UiFiles.resource(req.getPathInfo()) : UiFiles.INDEX;
        if (!files.send(resource, req, resp)) {
            resp.sendError(404);
        }
    }
}
