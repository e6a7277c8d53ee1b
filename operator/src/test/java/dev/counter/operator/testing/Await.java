package dev.counter.operator.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;

/** Polling waits for the asynchronous operator; tests never sleep for a fixed time. */
public final class Await {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {}

    public static void until(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(TIMEOUT).pollInterval(POLL).until(condition::getAsBoolean);
    }

    /**
     * Waits until the assertions pass, reporting the last failure on time-out. A null on the way
     * (an object or its status not written yet) is one more reason to poll again, not a failure.
     */
    public static void untilAsserted(ThrowingRunnable assertions) {
        Awaitility.await().atMost(TIMEOUT).pollInterval(POLL)
                .ignoreException(NullPointerException.class)
                .untilAsserted(assertions);
    }
}
