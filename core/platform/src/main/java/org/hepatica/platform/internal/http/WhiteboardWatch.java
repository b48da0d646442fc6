package org.hepatica.platform.internal.http;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.dto.BaseServletDTO;
import org.osgi.service.http.runtime.dto.RuntimeDTO;
import org.osgi.service.http.runtime.dto.ServletContextDTO;
import org.osgi.service.http.runtime.dto.ServletDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the platform's servlets ({@code hepatica-*}: the API, the error page, the web interface)
 * in the HTTP runtime while the platform starts. Pax Web can lose a whiteboard servlet that
 * arrives while it creates or starts its default context: either the runtime never takes the
 * servlet's service, or it reports the servlet added while Jetty maps none of its paths; either
 * way the paths answer 404 until the next restart. Every two seconds for the first
 * {@value #WATCH_MINUTES} minutes this compares the servlet services with the runtime's
 * {@link RuntimeDTO}, and asks the API ({@code GET /api/v1/analyses} without credentials, the
 * path {@code bin/hepatica} waits on: 401 or 503, never 404) and the web interface ({@code GET /ui/app.js}) over loopback HTTP. A servlet missing
 * at three checks in a row has its component disabled and enabled again (at most
 * {@value #MAX_REREGISTRATIONS} times), which registers it anew, and the log says so.
 */
@Component(immediate = true)
public final class WhiteboardWatch {
    private static final Logger LOG = LoggerFactory.getLogger(WhiteboardWatch.class);
    static final int WATCH_MINUTES = 3;
    static final int MAX_REREGISTRATIONS = 3;
    /** Checks in a row a servlet must be missing before it is registered again. */
    static final int MISSES = 3;
    private static final String NAME = "osgi.http.whiteboard.servlet.name";

    /** What one check needs: the servlet services, what the runtime holds, and a way to register a servlet again. */
    interface Platform {
        /** Per servlet name of the platform's servlet services, its service. */
        Map<String, ServiceReference<?>> servlets();

        /** The servlet names the HTTP runtime holds, or null while there is no runtime. */
        Set<String> registered();

        /**
         * Whether a request to a path the servlet serves reaches it: false on a 404, null when
         * the servlet has no such path here or the server cannot be asked (HTTPS only, say).
         */
        Boolean answers(String servlet);

        /** Registers the servlet of this service again. */
        void reregister(ServiceReference<?> servlet) throws Exception;
    }

    /** Per servlet name, a path it serves and never answers 404 at. */
    static final Map<String, String> PROBES = Map.of("hepatica-api", "api/v1/analyses", "hepatica-web", "ui/app.js");

    private final Platform platform;
    private final Map<String, Integer> misses = new HashMap<>();
    private final Map<String, Integer> reregistered = new HashMap<>();
    private ScheduledExecutorService timer;

    @Activate
    public WhiteboardWatch(BundleContext context, @Reference ServiceComponentRuntime components) {
        this(new OsgiPlatform(context, components));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hepatica-whiteboard-watch");
            t.setDaemon(true);
            return t;
        });
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(WATCH_MINUTES);
        timer.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() > until) {
                timer.shutdown();
                return;
            }
            check();
        }, 2, 2, TimeUnit.SECONDS);
    }

    WhiteboardWatch(Platform platform) {
        this.platform = platform;
    }

    @Deactivate
    void deactivate() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One comparison of the servlet services with the runtime; registers again what stayed missing. */
    synchronized void check() {
        try {
            Set<String> registered = platform.registered();
            if (registered == null) {
                return;
            }
            for (Map.Entry<String, ServiceReference<?>> e : platform.servlets().entrySet()) {
                String name = e.getKey();
                if (registered.contains(name) && !Boolean.FALSE.equals(platform.answers(name))) {
                    misses.remove(name);
                    continue;
                }
                int missed = misses.merge(name, 1, Integer::sum);
                int done = reregistered.getOrDefault(name, 0);
                if (missed < MISSES || done >= MAX_REREGISTRATIONS) {
                    continue;
                }
                LOG.warn("servlet '{}' is a service but {} ({} checks); registering it again ({} of at most {})", name,
                        registered.contains(name) ? "its path " + PROBES.get(name) + " answers 404"
                                : "the HTTP runtime has not taken it", missed, done + 1, MAX_REREGISTRATIONS);
                reregistered.put(name, done + 1);
                misses.remove(name);
                platform.reregister(e.getValue());
            }
        } catch (Exception e) {
            LOG.warn("the check of the platform's servlets in the HTTP runtime failed", e);
        }
    }

    /** The platform's servlets and Pax Web's runtime in the OSGi framework. */
    private static final class OsgiPlatform implements Platform {
        private final BundleContext context;
        private final ServiceComponentRuntime components;

        OsgiPlatform(BundleContext context, ServiceComponentRuntime components) {
            this.context = context;
            this.components = components;
        }

        @Override
        public Map<String, ServiceReference<?>> servlets() {
            Map<String, ServiceReference<?>> out = new HashMap<>();
            try {
                ServiceReference<?>[] refs = context.getAllServiceReferences(Servlet.class.getName(), "(" + NAME + "=hepatica-*)");
                if (refs != null) {
                    for (ServiceReference<?> r : refs) {
                        out.put(String.valueOf(r.getProperty(NAME)), r);
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }

        @Override
        public Set<String> registered() {
            return withRuntime(runtime -> {
                Set<String> names = new HashSet<>();
                RuntimeDTO dto = runtime.getRuntimeDTO();
                for (ServletContextDTO c : dto.servletContextDTOs) {
                    for (ServletDTO s : c.servletDTOs) {
                        names.add(s.name);
                    }
                    if (c.errorPageDTOs != null) {
                        for (BaseServletDTO s : c.errorPageDTOs) {
                            names.add(s.name);
                        }
                    }
                }
                return names;
            });
        }

        @Override
        public Boolean answers(String servlet) {
            String path = PROBES.get(servlet);
            if (path == null) {
                return null;
            }
            ServiceReference<HttpServiceRuntime> ref = context.getServiceReference(HttpServiceRuntime.class);
            Object endpoints = ref == null ? null : ref.getProperty("osgi.http.endpoint");
            String endpoint = endpoints instanceof String[] list && list.length > 0 ? list[0]
                    : endpoints instanceof java.util.Collection<?> c && !c.isEmpty() ? String.valueOf(c.iterator().next())
                    : endpoints == null ? null : String.valueOf(endpoints);
            if (endpoint == null || !endpoint.startsWith("http://")) {
                return null;
            }
            try {
                java.net.URI base = java.net.URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
                java.net.URI uri = new java.net.URI("http", null, "127.0.0.1", base.getPort(), base.getPath() + path, null,
                        null);
                java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri.toURL().openConnection();
                c.setConnectTimeout(2000);
                c.setReadTimeout(5000);
                c.setInstanceFollowRedirects(false);
                try {
                    return c.getResponseCode() != 404;
                } finally {
                    c.disconnect();
                }
            } catch (java.io.IOException | java.net.URISyntaxException | IllegalArgumentException e) {
                return null;
            }
        }

        private <T> T withRuntime(java.util.function.Function<HttpServiceRuntime, T> work) {
            ServiceReference<HttpServiceRuntime> ref = context.getServiceReference(HttpServiceRuntime.class);
            if (ref == null) {
                return null;
            }
            HttpServiceRuntime runtime = context.getService(ref);
            if (runtime == null) {
                return null;
            }
            try {
                return work.apply(runtime);
            } finally {
                context.ungetService(ref);
            }
        }

        @Override
        public void reregister(ServiceReference<?> servlet) throws Exception {
            Object name = servlet.getProperty("component.name");
            if (servlet.getBundle() == null || name == null) {
                return;
            }
            ComponentDescriptionDTO d = components.getComponentDescriptionDTO(servlet.getBundle(), String.valueOf(name));
            if (d == null) {
                return;
            }
            components.disableComponent(d).getValue();
            components.enableComponent(d).getValue();
        }
    }
}
