package org.hepatica.platform.internal.security;

import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Replaces Karaf's {@code karaf} realm (same name, higher rank), so that the HTTP API and the SSH
 * console both check passwords with {@link HashedPasswordLoginModule}: same users file, salted hashes.
 */
@Component(service = JaasRealm.class)
public final class HashedPasswordRealm implements JaasRealm {
    static final String NAME = "karaf";
    private final AppConfigurationEntry[] entries;

    @Activate
    public HashedPasswordRealm(BundleContext context) {
        entries = new AppConfigurationEntry[] {new AppConfigurationEntry(
                "org.apache.karaf.jaas.boot.ProxyLoginModule", AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                Map.of("org.apache.karaf.jaas.module", HashedPasswordLoginModule.class.getName(),
                        "org.apache.karaf.jaas.bundle", Long.toString(context.getBundle().getBundleId())))};
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return 1; // Karaf's own karaf realm has rank 0
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }
}
