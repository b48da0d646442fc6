package org.hepatica.platform.internal.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/**
 * The audit trail's hash chain: each entry's {@code hash} is SHA-256 over the previous entry's hash
 * and the entry's own fields ({@code at, user, action, target, detail}, each length-prefixed so that
 * no two entries hash alike), in sequence order; the last hash is also kept in
 * {@code hep_audit_head}. An entry edited, inserted or deleted in the database afterwards no longer
 * matches, and {@link #verify} names the first entry where the chain breaks. (Whoever can write the
 * database can also recompute the chain: it shows changes made behind the platform's back, it does
 * not prevent them.)
 * <p>
 * Appending locks the head row until the transaction commits, so that entries are chained in the
 * order they commit, one at a time, also when imports, runs and logins audit at once.
 */
final class AuditChain {
    private AuditChain() {
    }

    /** Appends an entry after the head, inside the caller's transaction (auto-commit off). */
    static void append(Connection c, Instant at, String user, String action, String target, String detail)
            throws SQLException {
        // the update takes the head row's lock first: a concurrent append waits here until this commits
        try (PreparedStatement lock = c.prepareStatement("UPDATE hep_audit_head SET appended = appended + 1 WHERE id = 1")) {
            lock.executeUpdate();
        }
        String previous;
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM hep_audit_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            previous = rs.next() ? rs.getString(1) : null;
        }
        String hash = hash(previous, at, user, action, target, detail);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO hep_audit (at, username, action, target, detail, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
            ps.setString(2, user);
            ps.setString(3, action);
            ps.setString(4, target);
            ps.setString(5, detail);
            ps.setString(6, hash);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE hep_audit_head SET hash = ? WHERE id = 1")) {
            ps.setString(1, hash);
            ps.executeUpdate();
        }
    }

    /**
     * Chains the entries written before the chain existed (an upgraded database), once: when the head
     * has no hash yet. Inside the caller's transaction.
     */
    static void sealEarlierEntries(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("UPDATE hep_audit_head SET appended = appended + 1 WHERE id = 1")) {
            lock.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM hep_audit_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getString(1) != null) {
                return;
            }
        }
        String previous = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, at, username, action, target, detail, hash"
                + " FROM hep_audit ORDER BY seq");
                PreparedStatement set = c.prepareStatement("UPDATE hep_audit SET hash = ? WHERE seq = ?");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String stored = rs.getString(7);
                previous = stored != null ? stored.trim() : hash(previous, instant(rs, 2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6));
                if (stored == null) {
                    set.setString(1, previous);
                    set.setLong(2, rs.getLong(1));
                    set.executeUpdate();
                }
            }
        }
        if (previous != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE hep_audit_head SET hash = ? WHERE id = 1")) {
                ps.setString(1, previous);
                ps.executeUpdate();
            }
        }
    }

    /** Recomputes the chain from the first entry and compares it with every stored hash and the head. */
    static PlatformStore.AuditVerification verify(Connection c) throws SQLException {
        String previous = null;
        long entries = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, at, username, action, target, detail, hash"
                + " FROM hep_audit ORDER BY seq");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                entries++;
                long seq = rs.getLong(1);
                String stored = rs.getString(7);
                String expected = hash(previous, instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6));
                if (stored == null || !stored.trim().equals(expected)) {
                    return new PlatformStore.AuditVerification(false, entries, seq, previous == null && entries == 1
                            ? "the first entry does not match its hash: it was changed"
                            : "the entry does not match its hash: it, or the one before it, was changed, inserted"
                                    + " or deleted");
                }
                previous = expected;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM hep_audit_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            String head = rs.next() ? rs.getString(1) : null;
            if (head == null ? previous != null : !head.trim().equals(previous)) {
                return new PlatformStore.AuditVerification(false, entries, null, "the last entries were deleted: the chain's head"
                        + " is not its last entry");
            }
        }
        return new PlatformStore.AuditVerification(true, entries, null, null);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** SHA-256, hexadecimal, of the previous hash and the entry's fields, each length-prefixed (null as -1). */
    static String hash(String previous, Instant at, String user, String action, String target, String detail) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        StringBuilder in = new StringBuilder(256);
        for (String field : new String[] {previous, at.toString(), user, action, target, detail}) {
            if (field == null) {
                in.append("-1:");
            } else {
                in.append(field.length()).append(':').append(field);
            }
        }
        return HexFormat.of().formatHex(sha256.digest(in.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
