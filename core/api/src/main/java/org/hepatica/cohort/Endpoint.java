package org.hepatica.cohort;

/** A time-to-event endpoint of the cohort. Times are in days from treatment. */
public enum Endpoint {
    /** Overall survival: event = death. */
    OS,
    /** Disease-free survival: event = recurrence or death, whichever comes first. */
    DFS;

    /**
     * The endpoint named by {@code text}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
     */
    public static Endpoint parse(String text) {
        for (Endpoint e : values()) {
            if (e.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown endpoint '" + text + "', expected OS or DFS");
    }
}
