package org.hepatica.platform.internal.http;

import java.io.IOException;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.karaf.features.BootFinished;
import org.hepatica.access.UserDirectory;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisService;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.CohortService;
import org.hepatica.federation.FederationService;
import org.hepatica.platform.internal.store.PlatformStore;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
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
 * This class authenticates, hands the call to the resource it belongs to ({@link CohortResource},
 * {@link AnalysisResource}, {@link AdminResource}) and turns exceptions into problem documents;
 * the resources only translate HTTP to the services: no logic of their own.
 */
@Component(service = Servlet.class, configurationPid = "org.hepatica.api", property = {
        "osgi.http.whiteboard.servlet.pattern=/api/v1/*",
        "osgi.http.whiteboard.servlet.name=hepatica-api"})
@Designate(ocd = ApiConfiguration.class)
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    /**
     * The importer's cohort service, which sends imports through the Camel import route, so that
     * HTTP imports pass the same endpoint as every other route's; absent without the importer.
     */
    @Reference(service = CohortService.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(hepatica.import.route=true)")
    private volatile transient CohortService routedImports;
    /**
     * Registered by Karaf once the boot features are installed: until then the platform is still
     * starting (the importer's route may not be there yet), and every call is a 503.
     */
    @Reference(service = BootFinished.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile transient BootFinished bootFinished;
    /** The installation's part in multi-centre studies; absent unless etc/org.hepatica.federation.cfg configures it. */
    @Reference(service = FederationService.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile transient FederationService federation;
    private final transient FederationResource federationResource = new FederationResource(() -> federation);
    private final transient Authenticator authenticator;
    private final transient CohortResource cohortResource;
    private final transient AnalysisResource analysisResource;
    private final transient AdminResource adminResource;
    private final transient PlatformStore store;
    private final transient LoginThrottle throttle;

    /** How long after activation an installed importer may take to offer its route before the API opens anyway. */
    private static final long IMPORTER_WAIT_NANOS = 120_000_000_000L;
    private static final String IMPORTER_BUNDLE = "org.hepatica.importer";
    private final transient BundleContext context;
    private final long activatedAt = System.nanoTime();
    private volatile boolean ready;
    private volatile boolean warnedNotBooted;

    @Activate
    public ApiServlet(@Reference(target = "(!(hepatica.import.route=true))") CohortService cohorts,
            @Reference AnalysisService analyses,
            @Reference PlatformStore store, @Reference UserDirectory users, ApiConfiguration config,
            BundleContext context) {
        this.context = context;
        this.authenticator = new Authenticator(config.realm());
        this.store = store;
        this.throttle = new LoginThrottle(config.maxFailedLogins(), config.maxFailedLoginsPerAddress(),
                config.maxLockoutSeconds(), config.forgetFailedLoginsSeconds(), System::currentTimeMillis);
        this.cohortResource = new CohortResource(cohorts, store, config.maxUploadMb() * 1024L * 1024L,
                config.maxConcurrentImports(), config.minUploadKbPerSecond() * 1024L);
        this.analysisResource = new AnalysisResource(analyses, cohorts);
        this.adminResource = new AdminResource(store, new BundleAdmin(context, store,
                config.maxUploadMb() * 1024L * 1024L), users);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!ready()) {
            resp.setHeader("Retry-After", "2");
            ApiCall.send(resp, 503, ApiCall.PROBLEM, Problem.of(503, "starting", "Service Unavailable",
                    "the platform is starting; try again in a few seconds"));
            return;
        }
        Authenticator.Caller caller = login(req, resp);
        if (caller == null) {
            return;
        }
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        ApiCall call = new ApiCall(req, resp, caller, req.getMethod(), parts);
        try {
            if (call.is("GET", 1) && parts[0].equals("me")) {
                // who is signed in, with the platform's roles: any authenticated user may ask
                call.send(200, Map.of("name", caller.name(), "roles", caller.roles().stream()
                        .filter(r -> r.equals(ApiCall.ANALYST) || r.equals(ApiCall.ADMIN)).sorted().toList()));
                return;
            }
            call.require(ApiCall.ANALYST, ApiCall.ADMIN);
            boolean handled = analysisResource.handle(call) || cohortResource.handle(call, routedImports)
                    || adminResource.handle(call) || federationResource.handle(call);
            if (!handled) {
                throw new NoSuchElementException("no such resource: " + call.method + " /api/v1/" + String.join("/", parts));
            }
        } catch (ApiCall.Forbidden e) {
            audit(caller.name(), "access.denied", call.method + " /api/v1" + path, e.getMessage());
            call.problem(403, Problem.of(403, "forbidden", "Forbidden", e.getMessage()));
        } catch (NoSuchElementException e) {
            call.problem(404, Problem.of(404, "not-found", "Not Found", e.getMessage()));
        } catch (InvalidParameterException e) {
            Map<String, Object> body = Problem.of(400, "invalid-parameter", "Bad Request", e.getMessage());
            body.put("parameter", e.parameter());
            call.problem(400, body);
        } catch (CohortImportException e) {
            call.problem(422, Problem.withErrors(422, "import-refused", "Unprocessable Content",
                    e.getMessage() + "; nothing was stored", e.problems()));
        } catch (AnalysisException e) {
            call.problem(422, Problem.of(422, "analysis-failed", "Unprocessable Content", e.getMessage()));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            call.problem(400, Problem.of(400, "bad-request", "Bad Request", e.getMessage()));
        } catch (Refusal e) {
            e.headers.forEach(call.response::setHeader);
            call.problem(e.status, Problem.of(e.status, e.slug, e.title, e.getMessage()));
        } catch (RuntimeException e) {
            // what failed stays in the log: no class name, stack, SQL or path reaches the client
            String errorId = Problem.newErrorId();
            LOG.error("error {}: {} {} by {} failed", errorId, call.method, path, caller.name(), e);
            call.problem(500, Problem.internal(500, errorId));
        }
    }

    /**
     * The caller of the request's HTTP Basic credentials; null when the request was answered
     * instead: 401 without credentials or with wrong ones (logged and audited, never the password;
     * with the {@code WWW-Authenticate} challenge unless the request says
     * {@code X-Requested-With: XMLHttpRequest}, as the web interface's do),
     * 429 while the user name or the remote address is locked after too many failures, the password
     * then not checked.
     */
    private Authenticator.Caller login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Authenticator.Credentials credentials = Authenticator.credentials(req.getHeader("Authorization"));
        String address = req.getRemoteAddr();
        if (credentials != null) {
            long wait = throttle.retryAfterSeconds(credentials.user(), address);
            if (wait > 0) {
                resp.setHeader("Retry-After", Long.toString(wait));
                ApiCall.send(resp, 429, ApiCall.PROBLEM, Problem.of(429, "too-many-attempts", "Too Many Requests",
                        "too many failed logins for this user or from this address; try again in " + wait
                                + " seconds, after " + java.time.Instant.now().plusSeconds(wait)
                                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
                return null;
            }
            Authenticator.Caller caller = authenticator.authenticate(credentials);
            if (caller != null) {
                throttle.succeeded(credentials.user(), address);
                return caller;
            }
            String user = printable(credentials.user());
            long locked = throttle.failed(credentials.user(), address);
            LOG.warn("failed login of user '{}' from {}", user, address);
            audit(user, "login.failed", user, "from " + address);
            if (locked > 0) {
                LOG.warn("logins of user '{}' or from {} refused for {} s after repeated failures", user, address, locked);
                audit(user, "login.locked", user, "from " + address + ", for " + locked + " s");
            }
        }
        if (!"XMLHttpRequest".equalsIgnoreCase(req.getHeader("X-Requested-With"))) {
            // the challenge makes a browser ask with its own dialog: the web interface (which says
            // X-Requested-With: XMLHttpRequest) has a sign-in form of its own and gets none
            resp.setHeader("WWW-Authenticate", "Basic realm=\"hepatica\", charset=\"UTF-8\"");
        }
        ApiCall.send(resp, 401, ApiCall.PROBLEM, Problem.of(401, "unauthenticated", "Unauthorized",
                "give a user name and password (HTTP Basic)"));
        return null;
    }

    /** A user name as given, made safe for a log line: control characters replaced, at most 100 characters. */
    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) : s;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Appends to the audit trail; a trail that cannot be written is logged and does not change the answer. */
    private void audit(String user, String action, String target, String detail) {
        try {
            store.audit(user, action, target, detail);
        } catch (RuntimeException e) {
            LOG.error("cannot audit {} of {} on {}", action, user, target, e);
        }
    }

    /**
     * Whether the platform has started: Karaf installed the boot features and, when the importer
     * bundle is active, its import route is offered (it starts once the database is there, after
     * the boot features), so that no HTTP import bypasses the route. An importer that never offers
     * its route holds the API back for {@link #IMPORTER_WAIT_NANOS} at most.
     */
    private boolean ready() {
        if (ready) {
            return true;
        }
        if (bootFinished == null) {
            if (!warnedNotBooted && System.nanoTime() - activatedAt > 60_000_000_000L) {
                warnedNotBooted = true;
                LOG.warn("Karaf has not finished installing its boot features 60 s after the API came up; the API"
                        + " answers 503 until it has (feature:list shows what is still being installed)");
            }
            return false;
        }
        boolean importerActive = false;
        for (Bundle b : context.getBundles()) {
            if (IMPORTER_BUNDLE.equals(b.getSymbolicName()) && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                importerActive = true;
            }
        }
        if (importerActive && routedImports == null) {
            if (System.nanoTime() - activatedAt < IMPORTER_WAIT_NANOS) {
                return false;
            }
            LOG.warn("the importer is active but offers no import route; the API opens without it");
        }
        ready = true;
        return true;
    }

    /**
     * A call the platform refuses for a reason of HTTP itself (size, media type, load, a slow
     * client): the status, the problem's slug and title, and the headers that go with it.
     */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int status;
        final String slug;
        final String title;
        final transient Map<String, String> headers;

        private Refusal(int status, String slug, String title, String message, Map<String, String> headers) {
            super(message);
            this.status = status;
            this.slug = slug;
            this.title = title;
            this.headers = headers;
        }

        /** 413: the upload is over the configured limit. */
        static Refusal tooLarge(String message) {
            return new Refusal(413, "too-large", "Content Too Large", message, Map.of());
        }

        /** 415: the body is not of a type the call takes. */
        static Refusal unsupportedMediaType(String message) {
            return new Refusal(415, "unsupported-media-type", "Unsupported Media Type", message,
                    Map.of("Accept-Post", "text/csv"));
        }

        /** 503: no capacity for the call now; the client should retry. */
        static Refusal busy(String message) {
            return new Refusal(503, "busy", "Service Unavailable", message, Map.of("Retry-After", "5"));
        }

        /** 503: a part of the platform this call needs is not configured here. */
        static Refusal unavailable(String message) {
            return new Refusal(503, "not-configured", "Service Unavailable", message, Map.of());
        }

        /** 422: the body was read but cannot be used (a jar that is not a bundle, or does not resolve). */
        static Refusal unprocessable(String slug, String message) {
            return new Refusal(422, slug, "Unprocessable Content", message, Map.of());
        }

        /** 409: the call conflicts with what is there (a bundle of that name and version is installed). */
        static Refusal conflict(String slug, String message) {
            return new Refusal(409, slug, "Conflict", message, Map.of());
        }

        /** 408: the request body arrived too slowly; the connection is closed. */
        static Refusal tooSlow(String message) {
            return new Refusal(408, "too-slow", "Request Timeout", message + "; nothing was stored",
                    Map.of("Connection", "close"));
        }
    }
}
