package org.hepatica.platform.internal;

import java.util.UUID;

/** The short id a failure's answer names and the log writes beside its cause. */
public final class ErrorIds {
    private ErrorIds() {
    }

    /** A fresh id: 8 hexadecimal characters. */
    public static String next() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
