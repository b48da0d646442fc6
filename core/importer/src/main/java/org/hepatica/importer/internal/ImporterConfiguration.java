package org.hepatica.importer.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the import routes, {@code etc/org.hepatica.importer.cfg}. Relative directories are
 * resolved against the Karaf home directory. An empty directory switches that inbox off; the REDCap API
 * pull is off until its URL and a token are set.
 */
@ObjectClassDefinition(name = "Hepatica importer", description = "Camel routes that bring cohort data into Hepatica")
@interface ImporterConfiguration {

    @AttributeDefinition(name = "Import endpoint", description = "The endpoint every route ends in; route files "
            + "reach it as {{hepatica.import.uri}}")
    String import_uri() default "direct:hepatica-import";

    @AttributeDefinition(name = "Inbox", description = "Directory watched for canonical cohort CSV files")
    String inbox_directory() default "inbox";

    @AttributeDefinition(name = "Archive", description = "Where imported files move, with a timestamp in the name")
    String archive_directory() default "archive";

    @AttributeDefinition(name = "Failed", description = "Where refused files move, each with a .report.txt beside it")
    String failed_directory() default "failed";

    @AttributeDefinition(name = "Read lock minimum age (ms)", description = "A file is read only once it was "
            + "last modified at least this long ago; writers that pause longer mid-file need done files")
    long inbox_readLockMinAge() default 2000;

    @AttributeDefinition(name = "Done file name", description = "When set (e.g. $simple{file:name}.done), a file "
            + "is read only once its done file exists; empty = no done files")
    String inbox_doneFileName() default "";

    @AttributeDefinition(name = "Poll delay (ms)", description = "Time between two polls of an inbox")
    long inbox_delay() default 250;

    @AttributeDefinition(name = "Inbox user", description = "The user recorded in the audit trail for inbox imports")
    String inbox_user() default "inbox";

    @AttributeDefinition(name = "Time unit", description = "Unit of os_time/dfs_time in inbox files: days, months, years")
    String inbox_timeUnit() default "days";

    @AttributeDefinition(name = "Dropped columns", description = "Columns left out of every inbox import, comma-separated"
            + " names as in the header (columns of direct identifiers the import would otherwise refuse); empty = none")
    String inbox_dropColumns() default "";

    @AttributeDefinition(name = "REDCap inbox", description = "Directory watched for REDCap flat CSV exports")
    String redcap_directory() default "inbox-redcap";

    @AttributeDefinition(name = "REDCap profile", description = "The mapping profile applied to REDCap exports")
    String redcap_profile() default "etc/redcap-hcc-rfa-rt.profile";

    @AttributeDefinition(name = "REDCap API URL", description = "When set, with a token, the project's records "
            + "are pulled on a timer, e.g. https://redcap.example.org/api/; https:// only (http:// for localhost)")
    String redcap_api_url() default "";

    @AttributeDefinition(name = "REDCap API token file", description = "File holding the project's API token "
            + "(recommended; readable by the platform's user only), read at every pull; wins over the token")
    String redcap_api_tokenFile() default "";

    @AttributeDefinition(name = "REDCap API token", type = AttributeType.PASSWORD, description = "The project's "
            + "API token, when no token file is set; prefer the token file")
    String redcap_api_token() default "";

    @AttributeDefinition(name = "REDCap API cohort", description = "Cohort name of pulled exports; empty = the "
            + "profile's file name without redcap- and .profile (hcc-rfa-rt)")
    String redcap_api_cohortName() default "";

    @AttributeDefinition(name = "REDCap API period (ms)", description = "Time between two pulls (3600000 = 1 hour)")
    long redcap_api_period() default 3_600_000;

    @AttributeDefinition(name = "REDCap API first pull (ms)", description = "Time from start to the first pull")
    long redcap_api_initialDelay() default 10_000;

    @AttributeDefinition(name = "REDCap API timeout (ms)", description = "The longest one export request may take, "
            + "answer included (connecting: at most 30 s)")
    long redcap_api_timeout() default 300_000;

    @AttributeDefinition(name = "Route files", description = "Directory of institution route files (*.yaml, *.xml)")
    String routes_directory() default "etc/routes";

    @AttributeDefinition(name = "Reload route files", description = "Reload a route file when it changes")
    boolean routes_reload() default true;
}
