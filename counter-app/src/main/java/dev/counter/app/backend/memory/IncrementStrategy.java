package dev.counter.app.backend.memory;

import java.util.concurrent.CompletableFuture;

/** One way of serialising increments of the in-process counter. */
interface IncrementStrategy extends AutoCloseable {

    /** Adds {@code by} and returns the value this increment produced, unique to it. */
    CompletableFuture<Long> add(long by);

    @Override
    default void close() {
    }
}
