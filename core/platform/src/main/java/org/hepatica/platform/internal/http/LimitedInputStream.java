package org.hepatica.platform.internal.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses to read past a byte limit, so an upload without Content-Length cannot exhaust memory,
 * and refuses an upload that, after a grace period, arrives slower than a minimum rate, so that a
 * client dripping bytes cannot hold an import slot and a request thread for ever (a client that
 * sends nothing at all is closed by the container's idle timeout).
 */
final class LimitedInputStream extends FilterInputStream {
    /** How long an upload may be slow before its rate counts (a slow start, a busy network). */
    static final long GRACE_NANOS = 30_000_000_000L;
    private final long limit;
    private final long minBytesPerSecond;
    private final long graceNanos;
    private final long started = System.nanoTime();
    private long count;

    LimitedInputStream(InputStream in, long limit, long minBytesPerSecond) {
        this(in, limit, minBytesPerSecond, GRACE_NANOS);
    }

    LimitedInputStream(InputStream in, long limit, long minBytesPerSecond, long graceNanos) {
        super(in);
        this.limit = limit;
        this.minBytesPerSecond = minBytesPerSecond;
        this.graceNanos = graceNanos;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    /** The limit was passed. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /** The upload arrives slower than the minimum rate. */
    static final class TooSlow extends IOException {
        private static final long serialVersionUID = 1L;

        TooSlow(String message) {
            super(message);
        }
    }

    private void count(int n) throws IOException {
        count += n;
        if (count > limit) {
            throw new TooLarge("the upload is larger than " + limit / (1024 * 1024) + " MB");
        }
        long elapsed = System.nanoTime() - started;
        if (minBytesPerSecond > 0 && elapsed > graceNanos && count * 1_000_000_000.0 / elapsed < minBytesPerSecond) {
            throw new TooSlow("the upload arrived at " + Math.round(count * 1e9 / elapsed / 1024) + " KB/s, below the"
                    + " minimum of " + minBytesPerSecond / 1024 + " KB/s (minUploadKbPerSecond in etc/org.hepatica.api.cfg)");
        }
    }
}
