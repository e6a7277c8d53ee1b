package dev.counter.app.config;

import java.util.Locale;

/** How the memory backend serialises increments. */
public enum Strategy {
    /** Lock-free atomic add. */
    ATOMIC,
    /** A mutual-exclusion lock around the increment. */
    LOCK,
    /** A single writer thread fed through a queue (the gRPC seed's "inputQ" pattern). */
    QUEUE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
