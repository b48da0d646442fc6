package org.hepatica.shell.internal;

import java.util.Locale;
import java.util.Set;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.apache.karaf.shell.support.ShellUtil;
import org.hepatica.access.AuditTrail;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the console commands that change the installation to the audit trail, with the console
 * user ({@code console.command}): {@code feature:}, {@code bundle:}, {@code kar:}, {@code config:},
 * {@code jaas:}, {@code system:} and {@code user:} commands (Karaf installs features in a thread of
 * its own, where the entries of the change itself cannot name the user). The command line is kept
 * for feature, bundle and kar commands; of the others only the command, since their arguments may
 * hold a password or a secret. Karaf calls this listener, registered as a service, around each
 * command of every console session; an entry that cannot be written is logged.
 */
@Component(service = CommandSessionListener.class)
public final class ConsoleAudit implements CommandSessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAudit.class);
    /** Scopes whose commands change the installation. */
    static final Set<String> AUDITED = Set.of("feature", "bundle", "kar", "config", "jaas", "system", "user");
    /** Scopes whose arguments are kept: names of features, bundles and archives, never secrets. */
    static final Set<String> WITH_ARGUMENTS = Set.of("feature", "bundle", "kar");
    /** Commands of audited scopes that only read. */
    private static final Set<String> READS = Set.of("list", "info", "headers", "diag", "tree-show", "requirements",
            "capabilities", "classes", "find-class", "services", "status", "version", "version-list", "repo-list",
            "property-list", "property-get", "realm-list", "user-list", "edit-list", "name", "start-level",
            "framework", "dynamic-import", "watch", "exports", "imports", "provision-list", "contents");

    private final AuditTrail audit;

    @Activate
    public ConsoleAudit(@Reference AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        // the outcome is recorded afterwards
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        record(command, "failed: " + exception.getClass().getSimpleName());
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        record(command, "done");
    }

    private void record(CharSequence command, String outcome) {
        String entry = entry(command == null ? "" : command.toString());
        if (entry == null) {
            return;
        }
        try {
            audit.record(ShellSupport.user(null), "console.command", entry, outcome);
        } catch (RuntimeException e) {
            LOG.warn("console command not audited: {}", e.toString());
        }
    }

    /**
     * What the audit trail keeps of a command line: null for one that is not audited (another scope,
     * a reading command, a script of several commands is recorded by its commands one by one).
     */
    static String entry(String line) {
        String text = line.strip();
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String name = text.substring(0, end);
        int colon = name.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String scope = name.substring(0, colon).toLowerCase(Locale.ROOT);
        String verb = name.substring(colon + 1).toLowerCase(Locale.ROOT);
        if (!AUDITED.contains(scope) || READS.contains(verb)) {
            return null;
        }
        String kept = WITH_ARGUMENTS.contains(scope) ? text : name;
        kept = kept.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return kept.length() > 200 ? kept.substring(0, 200) : kept;
    }
}
