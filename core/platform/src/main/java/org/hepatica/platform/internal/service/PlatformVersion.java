package org.hepatica.platform.internal.service;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

/** The platform version as people write it: bundle version 1.2.0.SNAPSHOT reads 1.2.0-SNAPSHOT. */
final class PlatformVersion {
    private PlatformVersion() {
    }

    static String of(Bundle platformBundle) {
        Version v = platformBundle.getVersion();
        String base = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        return v.getQualifier().isEmpty() ? base : base + "-" + v.getQualifier();
    }
}
