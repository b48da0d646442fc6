package org.hepatica.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ConsoleAuditTest {
    @Test
    void changesOfFeaturesBundlesAndArchivesAreKeptWithTheirArguments() {
        assertEquals("feature:install hepatica-example-route", ConsoleAudit.entry("  feature:install hepatica-example-route\n"));
        assertEquals("bundle:stop org.hepatica.plugin.summary", ConsoleAudit.entry("bundle:stop org.hepatica.plugin.summary"));
        assertEquals("kar:install file:/tmp/x.kar", ConsoleAudit.entry("kar:install file:/tmp/x.kar"));
    }

    @Test
    void commandsWhoseArgumentsMayHoldASecretAreKeptWithoutThem() {
        assertEquals("jaas:useradd", ConsoleAudit.entry("jaas:useradd mallory s3cret-password"));
        assertEquals("config:property-set", ConsoleAudit.entry("config:property-set redcap.api.token ABCDEF"));
        assertEquals("user:add", ConsoleAudit.entry("user:add --role admin nurse"));
        assertEquals("system:shutdown", ConsoleAudit.entry("system:shutdown -f"));
    }

    @Test
    void readingCommandsAndOtherScopesAreNotEntries() {
        assertNull(ConsoleAudit.entry("feature:list -i"));
        assertNull(ConsoleAudit.entry("bundle:list"));
        assertNull(ConsoleAudit.entry("user:list"));
        assertNull(ConsoleAudit.entry("cohort:list"), "the platform's own commands audit what they do themselves");
        assertNull(ConsoleAudit.entry("echo hello"));
        assertNull(ConsoleAudit.entry(""));
    }

    @Test
    void controlCharactersAreBlankedAndLongLinesCut() {
        assertEquals("bundle:install a b", ConsoleAudit.entry("bundle:install a\tb"));
        assertEquals(200, ConsoleAudit.entry("bundle:install " + "x".repeat(500)).length());
    }
}
