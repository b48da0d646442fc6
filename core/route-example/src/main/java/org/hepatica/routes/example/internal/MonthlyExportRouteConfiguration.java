package org.hepatica.routes.example.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Hepatica example: monthly registry export route",
        description = "etc/org.hepatica.routes.example.cfg")
@interface MonthlyExportRouteConfiguration {

    @AttributeDefinition(description = "Where the registry's exports arrive (a Camel endpoint URI)")
    String from_uri() default "file:inbox-registry?readLock=changed&readLockMinAge=2000"
            + "&move=../archive/${file:name.noext}-${date:now:yyyyMMdd-HHmmss}.${file:ext}"
            + "&moveFailed=../failed/${file:name}";

    @AttributeDefinition(description = "The registry's time unit for os_time and dfs_time")
    String timeUnit() default "months";
}
