package org.hepatica.importer.internal;

import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.hepatica.access.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the route changes of the running Camel context to the audit trail: a route added
 * ({@code route.added}: a route file loaded or reloaded, an institution's bundle contributing
 * routes) or removed ({@code route.removed}), with where the route came from. The routes present
 * when the context starts are one entry, {@code routes.started}, written by the context itself. An
 * entry that cannot be written is logged; the route change stands.
 */
final class RouteAudit extends EventNotifierSupport {
    static final String USER = "camel";
    private static final Logger LOG = LoggerFactory.getLogger(RouteAudit.class);

    private final AuditTrail audit;
    private volatile boolean recording;

    RouteAudit(AuditTrail audit) {
        this.audit = audit;
        setIgnoreCamelContextEvents(true);
        setIgnoreExchangeEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    /** From now on, route changes are written (the start's own routes are not). */
    void recordFromNow() {
        recording = true;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return recording && (event instanceof CamelEvent.RouteAddedEvent || event instanceof CamelEvent.RouteRemovedEvent);
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof CamelEvent.RouteEvent routeEvent)) {
            return;
        }
        Route route = routeEvent.getRoute();
        String action = event instanceof CamelEvent.RouteAddedEvent ? "route.added" : "route.removed";
        record(action, route.getRouteId(), "from " + route.getEndpoint().getEndpointBaseUri() + source(route));
    }

    void record(String action, String target, String detail) {
        try {
            audit.record(USER, action, target, detail);
        } catch (RuntimeException e) {
            LOG.warn("audit entry {} {} not written: {}", action, target, e.toString());
        }
    }

    private static String source(Route route) {
        String location = route.getSourceLocation();
        return location == null || location.isBlank() ? "" : " (" + location + ")";
    }
}
