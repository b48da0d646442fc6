package org.hepatica.importer.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hepatica.access.AuditTrail;

/** Keeps every audit entry in memory. */
final class RecordingAuditTrail implements AuditTrail {
    record Entry(String user, String action, String target, String detail) {
    }

    final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void record(String user, String action, String target, String detail) {
        entries.add(new Entry(user, action, target, detail));
    }

    List<Entry> withAction(String action) {
        return entries.stream().filter(e -> e.action().equals(action)).toList();
    }
}
