package org.hepatica.platform.internal.http;

import java.util.List;
import org.hepatica.platform.internal.store.PlatformStore.AuditEntry;

/**
 * The audit trail as CSV ({@code GET /audit.csv}): the header {@code seq,at,user,action,target,detail}
 * and one row per entry, quoted as {@link TableCsv} quotes. A field that a spreadsheet would take for
 * a formula (starting with {@code = + - @}, tab or CR; a user name is whatever was typed) is prefixed
 * with an apostrophe, so that opening the file runs nothing.
 */
final class AuditCsv {
    private AuditCsv() {
    }

    static String write(List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder(128 + entries.size() * 96);
        out.append("seq,at,user,action,target,detail\r\n");
        for (AuditEntry e : entries) {
            out.append(e.seq()).append(',').append(e.at()).append(',').append(field(e.user())).append(',')
                    .append(field(e.action())).append(',').append(field(e.target())).append(',')
                    .append(field(e.detail())).append("\r\n");
        }
        return out.toString();
    }

    private static String field(String s) {
        if (s != null && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return TableCsv.field(s);
    }
}
