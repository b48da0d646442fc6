package org.hepatica.importer.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One REDCap project's records export through the REDCap API: an HTTP POST of the form
 * {@code token, content=record, format=csv, type=flat, rawOrLabel=raw, rawOrLabelHeaders=raw,
 * exportCheckboxLabel=false, returnFormat=json}, whose answer is the same flat CSV a user downloads as
 * "CSV (raw data)", so the REDCap profile maps it unchanged.
 *
 * <p>The token is sent in the request body only. It is never part of the URL, of an exchange, of a
 * log line or of an exception message: every message this class builds passes through
 * {@link #redact(String)}, in case a server echoes it. The URL must be {@code https://}, or
 * {@code http://} to a loopback address; a URL with user information or a query is refused, since a
 * token written there would be logged with the URL.
 *
 * <p>An answer other than HTTP 200, or a JSON body ({@code {"error": "..."}}, what REDCap sends with
 * {@code returnFormat=json} when it refuses), fails with a {@link RedcapApiException} naming the status
 * and REDCap's message.
 */
final class RedcapApiClient {
    /** The most a connection may take to open; the request timeout is configured. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** What REDCap issues: 32 hexadecimal characters (a super token: 64). */
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Fa-f]{32}([0-9A-Fa-f]{32})?");
    private static final Pattern LOOPBACK = Pattern.compile("localhost|127(\\.\\d{1,3}){3}|\\[::1\\]");
    private static final Pattern JSON_ERROR = Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int MAX_MESSAGE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(RedcapApiClient.class);

    private final URI url;
    private final Supplier<String> token;
    private final Duration timeout;
    private final HttpClient http;
    /** The token last sent, only to take it out of messages. */
    private volatile String lastToken;

    /**
     * @param url     a URL {@link #checkUrl(String)} accepted
     * @param token   gives the token for each request (read again each time, so a token file can be
     *                replaced without a restart)
     * @param timeout the longest a whole request may take, answer included
     */
    RedcapApiClient(URI url, Supplier<String> token, Duration timeout) {
        this.url = url;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The API URL, if it may carry a token: {@code https://}, or {@code http://} to localhost or a
     * 127.x.x.x / ::1 literal; no user information, no query.
     *
     * @throws IllegalArgumentException saying why not
     */
    static URI checkUrl(String url) {
        URI u;
        try {
            u = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("redcap.api.url is not a URL: " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("redcap.api.url must be an https:// URL with a host");
        }
        if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("redcap.api.url of host " + u.getHost() + " must not carry user "
                    + "information, a query or a fragment: the token belongs in redcap.api.tokenFile");
        }
        if (scheme.equals("http") && !LOOPBACK.matcher(u.getHost().toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("redcap.api.url " + u + " is refused: the token would cross the "
                    + "network unencrypted; use https:// (http:// is accepted for localhost only)");
        }
        return u;
    }

    /**
     * Where the token comes from: the token file when one is named (read at each request, and
     * checked once now for other users' read permission), otherwise the configured token.
     *
     * @throws IllegalArgumentException when neither is set
     */
    static Supplier<String> token(String configured, Path file) {
        if (file != null) {
            if (!configured.isBlank()) {
                LOG.warn("redcap.api.token is ignored: redcap.api.tokenFile {} is set", file);
            }
            warnIfOthersCanRead(file);
            return () -> {
                try {
                    return checkToken(Files.readString(file, StandardCharsets.UTF_8), "token file " + file);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read the REDCap API token file " + file + ": "
                            + e.getClass().getSimpleName(), e);
                }
            };
        }
        if (configured.isBlank()) {
            throw new IllegalArgumentException("no REDCap API token: set redcap.api.tokenFile (recommended) "
                    + "or redcap.api.token");
        }
        String checked = checkToken(configured, "redcap.api.token");
        return () -> checked;
    }

    private static String checkToken(String text, String source) {
        String t = text.strip();
        if (!TOKEN.matcher(t).matches()) {
            // the text is not repeated: it may be a token after all, or something else secret
            throw new IllegalArgumentException("the REDCap API token in " + source
                    + " is not 32 (or 64) hexadecimal characters");
        }
        return t;
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (view == null) {
                return;
            }
            Set<PosixFilePermission> p = view.readAttributes().permissions();
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("the REDCap API token file {} can be read by other users: chmod 600 it", file);
            }
        } catch (IOException e) {
            LOG.warn("the REDCap API token file {} cannot be read: {}", file, e.getClass().getSimpleName());
        }
    }

    /**
     * Exports all records of the token's project as flat raw CSV.
     *
     * @return the answer's bytes, unchanged
     * @throws RedcapApiException when REDCap answers anything but a CSV export
     * @throws IOException        when REDCap cannot be reached or does not answer in time
     */
    byte[] exportRecords() throws IOException, InterruptedException {
        String t = token.get();
        lastToken = t;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", t);
        form.put("content", "record");
        form.put("format", "csv");
        form.put("type", "flat");
        form.put("rawOrLabel", "raw");
        form.put("rawOrLabelHeaders", "raw");
        form.put("exportCheckboxLabel", "false");
        form.put("returnFormat", "json");
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/csv, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form), StandardCharsets.UTF_8)).build();
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IOException(redact("REDCap API " + url + " not reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())), e);
        }
        byte[] body = answer.body();
        String error = errorMessage(body);
        if (answer.statusCode() != 200) {
            throw new RedcapApiException(answer.statusCode(), redact("REDCap API " + url + " answered HTTP "
                    + answer.statusCode() + (error != null ? ": " + error : " with " + body.length + " bytes of "
                    + answer.headers().firstValue("Content-Type").orElse("unknown type"))));
        }
        if (error != null) {
            throw new RedcapApiException(200, redact("REDCap API " + url + " answered with an error: " + error));
        }
        return body;
    }

    /** An {@code application/x-www-form-urlencoded} body. */
    static String form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /**
     * REDCap's message when the body is JSON (a CSV export never starts with a brace), else null.
     * Control characters are dropped and the message is cut at 500 characters.
     */
    static String errorMessage(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (!text.startsWith("{")) {
            return null;
        }
        Matcher m = JSON_ERROR.matcher(text);
        String message = m.find() ? unescape(m.group(1)) : "a JSON answer without an error message instead of CSV";
        message = message.replaceAll("\\p{Cntrl}", " ").strip();
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
    }

    private static String unescape(String json) {
        StringBuilder b = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 >= json.length()) {
                b.append(c);
                continue;
            }
            char e = json.charAt(++i);
            switch (e) {
                case 'n', 'r', 't', 'b', 'f' -> b.append(' ');
                case 'u' -> {
                    if (i + 4 < json.length()) {
                        try {
                            b.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                            i += 4;
                        } catch (NumberFormatException x) {
                            b.append('u');
                        }
                    }
                }
                default -> b.append(e);
            }
        }
        return b.toString();
    }

    /** The text with the token, should it appear, replaced by {@code [token]}. */
    String redact(String text) {
        String t = lastToken;
        return text == null || t == null || t.isEmpty() ? text
                : Pattern.compile(Pattern.quote(t), Pattern.CASE_INSENSITIVE).matcher(text).replaceAll("[token]");
    }

    URI url() {
        return url;
    }

    @Override
    public String toString() {
        return "REDCap API " + url;
    }
}
