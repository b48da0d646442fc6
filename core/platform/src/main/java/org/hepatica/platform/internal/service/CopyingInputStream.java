package org.hepatica.platform.internal.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Passes every byte read on to a copy and a digest, so that one read of the input serves all three. */
final class CopyingInputStream extends FilterInputStream {
    private final OutputStream copy;
    private final MessageDigest digest;

    CopyingInputStream(InputStream in, OutputStream copy, MessageDigest digest) {
        super(in);
        this.copy = copy;
        this.digest = digest;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            copy.write(b);
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            copy.write(b, off, n);
            digest.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes must be copied and hashed too
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Closes the input only; the owner closes the copy. */
    @Override
    public void close() throws IOException {
        super.close();
    }
}
