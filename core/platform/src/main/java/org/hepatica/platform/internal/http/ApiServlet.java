package org.hepatica.platform.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.hepatica.analysis.AnalysisDescriptor;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisService;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.json.Json;
import org.hepatica.platform.internal.store.PlatformStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API under {@code /api/v1} (see the API contract and {@code /api/v1/openapi.json}).
 * Every call is authenticated with HTTP Basic against the JAAS realm; reading, importing and
 * running need role {@code analyst} or {@code admin}; deleting and the audit trail need {@code admin}.
 * The servlet only translates HTTP to the services: no logic of its own.
 */
@Component(service = Servlet.class, configurationPid = "org.hepatica.api", property = {
        "osgi.http.whiteboard.servlet.pattern=/api/v1/*",
        "osgi.http.whiteboard.servlet.name=hepatica-api"})
@Designate(ocd = ApiConfiguration.class)
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final String ANALYST = "analyst";
    private static final String ADMIN = "admin";

    private final transient CohortService cohorts;
    /**
     * The importer's cohort service, which sends imports through the Camel import route, so that
     * HTTP imports pass the same endpoint as every other route's; absent without the importer.
     */
    @Reference(service = CohortService.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(hepatica.import.route=true)")
    private volatile transient CohortService routedImports;
    private final transient AnalysisService analyses;
    private final transient PlatformStore store;
    private final transient Authenticator authenticator;
    private final long maxUploadBytes;

    @Activate
    public ApiServlet(@Reference(target = "(!(hepatica.import.route=true))") CohortService cohorts,
            @Reference AnalysisService analyses,
            @Reference PlatformStore store, ApiConfiguration config) {
        this.cohorts = cohorts;
        this.analyses = analyses;
        this.store = store;
        this.authenticator = new Authenticator(config.realm());
        this.maxUploadBytes = config.maxUploadMb() * 1024L * 1024L;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Authenticator.Caller caller = authenticator.authenticate(req.getHeader("Authorization"));
        if (caller == null) {
            resp.setHeader("WWW-Authenticate", "Basic realm=\"hepatica\", charset=\"UTF-8\"");
            send(resp, 401, PROBLEM, Problem.of(401, "unauthenticated", "Unauthorized",
                    "give a user name and password (HTTP Basic)"));
            return;
        }
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        String method = req.getMethod();
        try {
            route(req, resp, caller, method, parts);
        } catch (Forbidden e) {
            send(resp, 403, PROBLEM, Problem.of(403, "forbidden", "Forbidden", e.getMessage()));
        } catch (NoSuchElementException e) {
            send(resp, 404, PROBLEM, Problem.of(404, "not-found", "Not Found", e.getMessage()));
        } catch (InvalidParameterException e) {
            Map<String, Object> body = Problem.of(400, "invalid-parameter", "Bad Request", e.getMessage());
            body.put("parameter", e.parameter());
            send(resp, 400, PROBLEM, body);
        } catch (CohortImportException e) {
            send(resp, 422, PROBLEM, Problem.withErrors(422, "import-refused", "Unprocessable Content",
                    e.getMessage() + "; nothing was stored", e.problems()));
        } catch (AnalysisException e) {
            send(resp, 422, PROBLEM, Problem.of(422, "analysis-failed", "Unprocessable Content", e.getMessage()));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            send(resp, 400, PROBLEM, Problem.of(400, "bad-request", "Bad Request", e.getMessage()));
        } catch (PayloadTooLarge e) {
            send(resp, 413, PROBLEM, Problem.of(413, "too-large", "Content Too Large", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {} by {} failed", method, path, caller.name(), e);
            send(resp, 500, PROBLEM, Problem.of(500, "internal", "Internal Server Error",
                    "the platform failed: " + e.getMessage()));
        }
    }

    private void route(HttpServletRequest req, HttpServletResponse resp, Authenticator.Caller caller, String method,
            String[] p) throws IOException, CohortImportException, AnalysisException, PayloadTooLarge {
        require(caller, ANALYST, ADMIN);
        String first = p[0];
        if (p.length == 1 && first.equals("openapi.json") && method.equals("GET")) {
            try (InputStream in = ApiServlet.class.getResourceAsStream("/openapi.json")) {
                resp.setStatus(200);
                resp.setContentType(JSON);
                in.transferTo(resp.getOutputStream());
            }
            return;
        }
        if (first.equals("cohorts")) {
            if (p.length == 1 && method.equals("GET")) {
                send(resp, 200, JSON, cohorts.list());
                return;
            }
            if (p.length == 1 && method.equals("POST")) {
                importCohort(req, resp, caller);
                return;
            }
            if (p.length == 2 && method.equals("GET")) {
                send(resp, 200, JSON, describe(cohort(p[1])));
                return;
            }
            if (p.length == 2 && method.equals("DELETE")) {
                require(caller, ADMIN);
                if (!cohorts.delete(p[1], caller.name())) {
                    throw new NoSuchElementException("no cohort '" + p[1] + "'");
                }
                resp.setStatus(204);
                return;
            }
            if (p.length == 4 && p[2].equals("analyses") && method.equals("POST")) {
                send(resp, 200, JSON, analyses.run(p[1], p[3], parameters(req), caller.name()));
                return;
            }
        }
        if (first.equals("analyses") && p.length == 1 && method.equals("GET")) {
            send(resp, 200, JSON, analyses.list().stream().map(ApiServlet::describe).toList());
            return;
        }
        if (first.equals("results") && p.length == 2 && method.equals("GET")) {
            String json = store.resultJson(p[1]).orElseThrow(() -> new NoSuchElementException("no result '" + p[1] + "'"));
            resp.setStatus(200);
            resp.setContentType(JSON);
            resp.setCharacterEncoding("UTF-8");
            resp.getWriter().write(json);
            return;
        }
        if (first.equals("audit") && p.length == 1 && method.equals("GET")) {
            require(caller, ADMIN);
            String since = req.getParameter("since");
            Instant from;
            try {
                from = since == null ? Instant.EPOCH : Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("since must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
            }
            send(resp, 200, JSON, store.auditSince(from));
            return;
        }
        throw new NoSuchElementException("no such resource: " + method + " /api/v1/" + String.join("/", p));
    }

    private void importCohort(HttpServletRequest req, HttpServletResponse resp, Authenticator.Caller caller)
            throws IOException, CohortImportException, PayloadTooLarge {
        String type = req.getContentType();
        if (type != null && type.toLowerCase().startsWith(JSON)) {
            throw new IllegalArgumentException("send the cohort as CSV (Content-Type: text/csv), not JSON");
        }
        if (req.getContentLengthLong() > maxUploadBytes) {
            throw new PayloadTooLarge("the upload is larger than " + maxUploadBytes / (1024 * 1024) + " MB");
        }
        TimeUnit unit = TimeUnit.parse(req.getParameter("timeUnit"));
        ImportResult result;
        try (InputStream body = new LimitedInputStream(req.getInputStream(), maxUploadBytes)) {
            CohortService route = routedImports;
            result = (route != null ? route : cohorts).importCsv(req.getParameter("name"), body, unit, caller.name());
        } catch (LimitedInputStream.TooLarge e) {
            throw new PayloadTooLarge(e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", result.id());
        out.put("name", result.name());
        out.put("version", result.version());
        out.put("checksum", result.checksum());
        out.put("rowsRead", result.rowsRead());
        out.put("rowsAccepted", result.rowsAccepted());
        out.put("rowsRejected", result.rowsRejected());
        out.put("rejections", result.rejections());
        if (result.created()) {
            resp.setHeader("Location", req.getContextPath() + "/api/v1/cohorts/" + result.id());
        }
        send(resp, result.created() ? 201 : 200, JSON, out);
    }

    /** An analysis as the API contract lists it (a parameter's default is named {@code default}). */
    private static Map<String, Object> describe(AnalysisDescriptor a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("name", a.name());
        out.put("description", a.description());
        out.put("version", a.version());
        out.put("bundle", a.bundle());
        out.put("parameters", a.parameters().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("type", p.type());
            m.put("required", p.required());
            m.put("default", p.defaultValue());
            m.put("description", p.description());
            if (p.isChoice()) {
                m.put("values", p.values());
            }
            return m;
        }).toList());
        return out;
    }

    private CohortView cohort(String id) {
        return cohorts.find(id).orElseThrow(() -> new NoSuchElementException("no cohort '" + id + "'"));
    }

    private Map<String, Object> describe(CohortView cohort) {
        var s = cohort.summary();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("name", s.name());
        out.put("version", s.version());
        out.put("checksum", s.checksum());
        out.put("patients", s.patients());
        out.put("importedAt", s.importedAt());
        out.put("columns", cohort.columns());
        store.importRecord(s.id()).ifPresent(r -> {
            out.put("rowsRead", r.rowsRead());
            out.put("rowsRejected", r.rowsRejected());
            out.put("rejections", r.rejections());
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(HttpServletRequest req) throws IOException {
        byte[] body = req.getInputStream().readAllBytes();
        if (body.length == 0) {
            return Map.of();
        }
        Object parsed = Json.MAPPER.readValue(body, Object.class);
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("the body must be a JSON object: {\"parameters\": {...}}");
        }
        Map<String, Object> map = (Map<String, Object>) parsed;
        if (map.size() == 1 && map.get("parameters") instanceof Map) {
            return (Map<String, Object>) map.get("parameters");
        }
        return map;
    }

    private static void require(Authenticator.Caller caller, String... roles) throws Forbidden {
        if (!caller.hasAny(roles)) {
            throw new Forbidden("user '" + caller.name() + "' needs role " + String.join(" or ", roles));
        }
    }

    private static void send(HttpServletResponse resp, int status, String type, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        resp.setStatus(status);
        resp.setContentType(type);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** The caller lacks the role. */
    private static final class Forbidden extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Forbidden(String message) {
            super(message);
        }
    }

    /** The upload is over the configured limit. */
    static final class PayloadTooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        PayloadTooLarge(String message) {
            super(message);
        }
    }
}
