package org.hepatica.importer.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.DefaultRegistry;
import org.hepatica.access.AuditTrail;
import org.hepatica.cohort.CohortService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Hepatica CamelContext: built with this bundle's class loader when the component activates
 * (and its configuration, {@code etc/org.hepatica.importer.cfg}, is read), stopped when it deactivates.
 * It holds the import endpoint, the file inbox, the REDCap inbox, the REDCap API pull, the institution
 * route files, and the routes of every {@link RoutesBuilder} service, which are added when the service
 * appears and removed when it leaves.
 */
@Component(service = {}, immediate = true, configurationPid = "org.hepatica.importer")
@Designate(ocd = ImporterConfiguration.class)
public final class ImporterCamelContext {
    private static final Logger LOG = LoggerFactory.getLogger(ImporterCamelContext.class);

    private final DefaultCamelContext context;
    private final Map<RoutesBuilder, Set<String>> contributed = new IdentityHashMap<>();
    private final org.osgi.framework.ServiceRegistration<CohortService> routedImports;
    private final RouteAudit routeAudit;

    @Activate
    public ImporterCamelContext(@Reference(service = CohortService.class,
            target = "(!(" + RoutedCohortService.ROUTED + "=true))") CohortService cohorts,
            @Reference AuditTrail audit, BundleContext bundle, ImporterConfiguration config) throws Exception {
        DefaultRegistry registry = bundle == null ? new DefaultRegistry() : new DefaultRegistry(new OsgiBeanRepository(bundle));
        registry.bind(RowsToCsv.BEAN_NAME, new RowsToCsv());
        context = new DefaultCamelContext(registry);
        context.getCamelContextExtension().setName("hepatica");
        context.setApplicationContextClassLoader(ImporterCamelContext.class.getClassLoader());
        routeAudit = new RouteAudit(audit);
        context.getManagementStrategy().addEventNotifier(routeAudit);
        Properties placeholders = new Properties();
        placeholders.setProperty(org.hepatica.importer.ImportEndpoint.URI_PLACEHOLDER, config.import_uri());
        context.getPropertiesComponent().setInitialProperties(placeholders);
        withBundleClassLoader(() -> {
            start(cohorts, config);
            return null;
        });
        // imports over HTTP take the import route too (the HTTP API prefers this service)
        routedImports = bundle == null ? null : bundle.registerService(CohortService.class,
                new RoutedCohortService(cohorts, context.createProducerTemplate(), config.import_uri()),
                new java.util.Hashtable<>(Map.of(RoutedCohortService.ROUTED, true)));
    }

    private void start(CohortService cohorts, ImporterConfiguration config) throws Exception {
        String target = config.import_uri();
        context.addRoutes(new ImportRoute(target, cohorts));
        if (!config.inbox_directory().isBlank()) {
            context.addRoutes(new FileInboxRoute(settings(config, "hepatica-inbox", config.inbox_directory(),
                    config.inbox_dropColumns(), target)));
        }
        boolean redcapApi = !config.redcap_api_url().isBlank();
        if (!config.redcap_directory().isBlank() || redcapApi) {
            Path profile = resolve(config.redcap_profile());
            context.addRoutes(new RedcapRoute(new RedcapMapper(() -> {
                try {
                    return RedcapProfile.load(profile);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot read the REDCap profile " + profile + ": " + e, e);
                }
            }), target));
        }
        if (!config.redcap_directory().isBlank()) {
            context.addRoutes(new FileInboxRoute(
                    settings(config, "hepatica-redcap-inbox", config.redcap_directory(), "", RedcapRoute.URI)));
        }
        if (redcapApi) {
            addRedcapApi(config);
        }
        context.start();
        if (!config.routes_directory().isBlank()) {
            RouteFiles files = new RouteFiles(context, resolve(config.routes_directory()));
            files.loadAll();
            if (config.routes_reload()) {
                files.watch();
            }
        }
        LOG.info("Camel context '{}' started with routes {}", context.getName(), routeIds());
        routeAudit.record("routes.started", context.getName(), "routes " + routeIds());
        routeAudit.recordFromNow();
    }

    /** The REDCap API pull, unless its URL or token is refused, which is logged and leaves it off. */
    private void addRedcapApi(ImporterConfiguration c) throws Exception {
        RedcapApiClient client;
        try {
            if (c.redcap_api_period() <= 0 || c.redcap_api_timeout() <= 0 || c.redcap_api_initialDelay() < 0) {
                throw new IllegalArgumentException("redcap.api.period and redcap.api.timeout must be positive, "
                        + "redcap.api.initialDelay not negative");
            }
            URI url = RedcapApiClient.checkUrl(c.redcap_api_url());
            Path tokenFile = c.redcap_api_tokenFile().isBlank() ? null : resolve(c.redcap_api_tokenFile());
            client = new RedcapApiClient(url, RedcapApiClient.token(c.redcap_api_token(), tokenFile),
                    Duration.ofMillis(c.redcap_api_timeout()));
        } catch (IllegalArgumentException e) {
            LOG.error("REDCap API pull ({}) is off: {}", RedcapApiRoute.ROUTE_ID, e.getMessage());
            return;
        }
        String cohort = c.redcap_api_cohortName().isBlank() ? profileCohortName(c.redcap_profile())
                : c.redcap_api_cohortName().trim();
        context.addRoutes(new RedcapApiRoute(new RedcapApiRoute.Settings(RedcapApiRoute.ROUTE_ID,
                c.redcap_api_initialDelay(), c.redcap_api_period(), cohort, c.inbox_timeUnit(), RedcapRoute.URI,
                resolve(c.failed_directory())),
                client));
        LOG.info("REDCap API pull from {} every {} s into cohort '{}'", client.url(), c.redcap_api_period() / 1000,
                cohort);
    }

    /** {@code etc/redcap-hcc-rfa-rt.profile} names cohort {@code hcc-rfa-rt}. */
    static String profileCohortName(String profile) {
        String name = ImportRoute.cohortName(Path.of(profile.trim()).getFileName().toString());
        return name.startsWith("redcap-") && name.length() > 7 ? name.substring(7) : name;
    }

    private static FileInboxRoute.Settings settings(ImporterConfiguration c, String id, String dir, String drop,
            String target) {
        return new FileInboxRoute.Settings(id, resolve(dir), resolve(c.archive_directory()),
                resolve(c.failed_directory()), c.inbox_readLockMinAge(), c.inbox_doneFileName(), c.inbox_delay(),
                c.inbox_user(), c.inbox_timeUnit(), drop, target);
    }

    /** A configured path, relative ones against the Karaf home directory. */
    static Path resolve(String dir) {
        Path p = Path.of(dir.trim());
        String home = System.getProperty("karaf.home");
        return p.isAbsolute() || home == null ? p : Path.of(home).resolve(p);
    }

    /** The Camel context (for tests). */
    CamelContext context() {
        return context;
    }

    /** Adds the routes of an institution's {@link RoutesBuilder} service. */
    @Reference(service = RoutesBuilder.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addRoutesBuilder(RoutesBuilder builder) {
        try {
            Set<String> before = routeIds();
            withBundleClassLoader(() -> {
                context.addRoutes(builder);
                return null;
            });
            Set<String> added = new LinkedHashSet<>(routeIds());
            added.removeAll(before);
            if (builder instanceof RouteBuilder rb) {
                for (RouteDefinition d : rb.getRouteCollection().getRoutes()) {
                    if (d.getRouteId() != null) {
                        added.add(d.getRouteId());
                    }
                }
            }
            contributed.put(builder, added);
            LOG.info("routes {} added by {}", added, builder.getClass().getName());
        } catch (Exception e) {
            LOG.warn("routes of {} not added: {}", builder.getClass().getName(), e.getMessage(), e);
        }
    }

    /** Stops and removes the routes a {@link RoutesBuilder} service added, when it leaves. */
    synchronized void removeRoutesBuilder(RoutesBuilder builder) {
        Set<String> ids = contributed.remove(builder);
        if (ids == null) {
            return;
        }
        for (String id : ids) {
            try {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("route {} of {} not removed: {}", id, builder.getClass().getName(), e.getMessage(), e);
            }
        }
        LOG.info("routes {} removed with {}", ids, builder.getClass().getName());
    }

    private Set<String> routeIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Route r : new ArrayList<>(context.getRoutes())) {
            ids.add(r.getRouteId());
        }
        return ids;
    }

    @Deactivate
    void stop() {
        if (routedImports != null) {
            routedImports.unregister();
        }
        context.stop();
        LOG.info("Camel context '{}' stopped", context.getName());
    }

    private static <T> T withBundleClassLoader(Callable<T> work) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(ImporterCamelContext.class.getClassLoader());
        try {
            return work.call();
        } finally {
            t.setContextClassLoader(old);
        }
    }

    static List<String> defaultRouteIds() {
        return List.of(ImportRoute.ROUTE_ID, "hepatica-inbox", RedcapRoute.ROUTE_ID, "hepatica-redcap-inbox");
    }
}
