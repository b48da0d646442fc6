package org.hepatica.platform.internal.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Hepatica HTTP API", description = "The REST API under /api/v1 (etc/org.hepatica.api.cfg)")
@interface ApiConfiguration {

    @AttributeDefinition(description = "JAAS realm that authenticates HTTP Basic credentials")
    String realm() default "karaf";

    @AttributeDefinition(description = "Largest accepted CSV upload, in megabytes")
    int maxUploadMb() default 1024;

    @AttributeDefinition(description = "Imports over HTTP that may run at once; more are answered 503 with Retry-After")
    int maxConcurrentImports() default 2;

    @AttributeDefinition(description = "Slowest accepted upload after its first 30 seconds, in KB/s (0 = no minimum)")
    int minUploadKbPerSecond() default 16;

    @AttributeDefinition(description = "Consecutive failed logins of one user name before its attempts are refused"
            + " (429) for a window of 1 s that doubles with each further failure")
    int maxFailedLogins() default 5;

    @AttributeDefinition(description = "Consecutive failed logins from one remote address (any user names) before"
            + " its attempts are refused; higher than maxFailedLogins, as one address may be a proxy for many people")
    int maxFailedLoginsPerAddress() default 20;

    @AttributeDefinition(description = "Longest window, in seconds, for which a user name or address is refused")
    int maxLockoutSeconds() default 300;

    @AttributeDefinition(description = "Seconds without a failed login after which the failures of a user name or"
            + " address are forgotten (never less than maxLockoutSeconds)")
    int forgetFailedLoginsSeconds() default 900;
}
