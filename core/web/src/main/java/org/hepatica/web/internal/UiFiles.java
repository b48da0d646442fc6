package org.hepatica.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The files of the web interface, read once from this bundle's {@code ui/} folder, and how they are
 * answered: with their media type, an entity tag, and headers that let the browser load nothing from
 * anywhere else (Content-Security-Policy: scripts, styles, images and connections from this origin
 * only; images also from the {@code blob:} URLs the page builds).
 */
final class UiFiles {
    /** The web interface's page, served at the context root {@code /}. */
    static final String INDEX = "ui/index.html";

    /** The answer's headers, the same on every file. */
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
                    + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            // revalidated each time (the entity tag makes that cheap), so an updated bundle is seen at once
            "Cache-Control", "no-cache");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml; charset=utf-8",
            "png", "image/png",
            "ico", "image/x-icon");

    /** A file of the interface: its bytes, media type and entity tag. */
    record File(byte[] bytes, String type, String etag) {
    }

    private final Map<String, Optional<File>> files = new ConcurrentHashMap<>();

    /**
     * The bundle resource for a path below {@code /ui}, or null when it names none: {@code /NAME}
     * is {@code ui/NAME} for segments of letters, digits, '-', '_' and '.' that do not start with
     * a dot (no "..", no empty segment, no hidden file).
     */
    static String resource(String pathInfo) {
        if (pathInfo == null || !pathInfo.matches("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+") || pathInfo.contains("..")) {
            return null;
        }
        return "ui" + pathInfo;
    }

    /**
     * Answers a GET or HEAD with the file at the bundle resource path; false (nothing sent) when
     * the bundle has no such file of a type served.
     */
    boolean send(String resource, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<File> found = resource == null ? Optional.empty() : files.computeIfAbsent(resource, UiFiles::load);
        if (found.isEmpty()) {
            return false;
        }
        File f = found.get();
        HEADERS.forEach(resp::setHeader);
        resp.setHeader("ETag", f.etag());
        if (f.etag().equals(req.getHeader("If-None-Match"))) {
            resp.setStatus(304);
            return true;
        }
        resp.setStatus(200);
        resp.setContentType(f.type());
        resp.setContentLength(f.bytes().length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(f.bytes());
        }
        return true;
    }

    /** Reads a file of the interface from the bundle; empty when there is none or its type is not one served. */
    static Optional<File> load(String resource) {
        String type = TYPES.get(resource.substring(resource.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = UiFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Optional.of(new File(bytes, type, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
