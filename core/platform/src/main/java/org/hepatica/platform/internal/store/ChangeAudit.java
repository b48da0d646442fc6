package org.hepatica.platform.internal.store;

import java.security.AccessController;
import java.security.Principal;
import javax.security.auth.Subject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeatureEvent;
import org.apache.karaf.features.FeaturesListener;
import org.apache.karaf.features.RepositoryEvent;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every change of the installation's code to the audit trail, whatever made it (the
 * administration API, the console's {@code bundle:} and {@code feature:} commands, a jar dropped
 * into {@code deploy/}): a bundle installed, updated, started, stopped or uninstalled
 * ({@code osgi.bundle.installed} ...) and a feature installed or uninstalled
 * ({@code feature.installed}, {@code feature.uninstalled}). The user is the console's user when
 * the change ran in a console session, else {@value #SYSTEM}. Changes while Karaf installs its boot
 * features or stops are not entries; an entry that cannot be written is logged, and the change stands.
 */
@Component(service = FeaturesListener.class, immediate = true)
public final class ChangeAudit implements FeaturesListener, SynchronousBundleListener {
    /** The user of an entry no console user caused. */
    static final String SYSTEM = "system";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeAudit.class);

    private final PlatformStore store;
    private final BundleContext context;
    /** Present once Karaf has installed the boot features: the changes after it are an administrator's. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BootFinished bootFinished;

    @Activate
    public ChangeAudit(@Reference PlatformStore store, BundleContext context) {
        this.store = store;
        this.context = context;
        context.addBundleListener(this);
    }

    @Deactivate
    void stop() {
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        String action = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "osgi.bundle.installed";
            case BundleEvent.UPDATED -> "osgi.bundle.updated";
            case BundleEvent.STARTED -> "osgi.bundle.started";
            case BundleEvent.STOPPED -> "osgi.bundle.stopped";
            case BundleEvent.UNINSTALLED -> "osgi.bundle.uninstalled";
            default -> null;
        };
        if (action == null || !running()) {
            return;
        }
        Bundle b = event.getBundle();
        record(action, b.getSymbolicName() + " " + b.getVersion(), "bundle " + b.getBundleId()
                + (b.getLocation() == null ? "" : " from " + b.getLocation()));
    }

    @Override
    public void featureEvent(FeatureEvent event) {
        if (event.isReplay() || !running()) {
            return; // the features installed before this listener came are not changes
        }
        String action = switch (event.getType()) {
            case FeatureInstalled -> "feature.installed";
            case FeatureUninstalled -> "feature.uninstalled";
            default -> null;
        };
        if (action != null) {
            record(action, event.getFeature().getName() + " " + event.getFeature().getVersion(),
                    "region " + event.getRegion());
        }
    }

    @Override
    public void repositoryEvent(RepositoryEvent event) {
        // repositories only list features; installing one is the change, and is recorded
    }

    /** Whether the installation is up: boot features installed, the framework not stopping. */
    private boolean running() {
        Bundle system = context.getBundle(0);
        return bootFinished != null && system != null && system.getState() == Bundle.ACTIVE;
    }

    private void record(String action, String target, String detail) {
        try {
            store.audit(consoleUser(), action, target, detail);
        } catch (RuntimeException e) {
            LOG.warn("audit entry {} {} not written: {}", action, target, e.toString());
        }
    }

    /** The user of the console session this thread runs for, if any. */
    @SuppressWarnings("removal")
    private static String consoleUser() {
        try {
            Subject subject = Subject.getSubject(AccessController.getContext());
            if (subject != null) {
                for (Principal p : subject.getPrincipals(UserPrincipal.class)) {
                    return p.getName();
                }
            }
        } catch (RuntimeException | Error e) {
            // no security context on this thread
        }
        return SYSTEM;
    }
}
