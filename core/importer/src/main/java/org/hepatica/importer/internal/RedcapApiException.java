package org.hepatica.importer.internal;

import java.io.IOException;

/** REDCap answered, but not with an export: the HTTP status and REDCap's message, never the token. */
final class RedcapApiException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    RedcapApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status of REDCap's answer. */
    int status() {
        return status;
    }
}
