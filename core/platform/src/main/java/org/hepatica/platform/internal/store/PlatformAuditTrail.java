package org.hepatica.platform.internal.store;

import org.hepatica.access.AuditTrail;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The audit trail of the cohort store, for the platform's other bundles. */
@Component(service = AuditTrail.class)
public final class PlatformAuditTrail implements AuditTrail {
    private final PlatformStore store;

    @Activate
    public PlatformAuditTrail(@Reference PlatformStore store) {
        this.store = store;
    }

    @Override
    public void record(String user, String action, String target, String detail) {
        store.audit(user, action, target, detail);
    }
}
