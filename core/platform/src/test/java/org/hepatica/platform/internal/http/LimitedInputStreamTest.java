package org.hepatica.platform.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {

    /** Gives one byte every 20 ms: 50 bytes per second. */
    private static InputStream dripping() {
        return new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                b[off] = (byte) read();
                return 1;
            }
        };
    }

    @Test
    void anUploadSlowerThanTheMinimumAfterTheGraceIsRefused() {
        LimitedInputStream in = new LimitedInputStream(dripping(), 1 << 20, 1024, 100_000_000L);
        LimitedInputStream.TooSlow e = assertThrows(LimitedInputStream.TooSlow.class, () -> in.readNBytes(1000));
        assertTrue(e.getMessage().contains("below the minimum of 1 KB/s"), e.getMessage());
    }

    @Test
    void aFastUploadIsReadWholeAndOneOverTheLimitRefused() throws Exception {
        byte[] data = new byte[5000];
        assertEquals(5000, new LimitedInputStream(new ByteArrayInputStream(data), 5000, 1024, 0).readAllBytes().length);
        assertThrows(LimitedInputStream.TooLarge.class,
                () -> new LimitedInputStream(new ByteArrayInputStream(data), 4999, 0, 0).readAllBytes());
    }
}
