package dev.counter.app.http;

import dev.counter.app.backend.Increment;
import dev.counter.app.config.PodIdentity;
import java.math.BigInteger;

/**
 * The response bodies whose shapes are compatibility contracts with the systems this service
 * replaces; field names, texts and spacing are theirs.
 */
final class Bodies {
    private final Rfc3339Seconds time = new Rfc3339Seconds();
    /** The etcd seed's tail of every body: constant per process, so built once. */
    private final String podTail;

    Bodies(PodIdentity pod) {
        this.podTail = ",\"message\":\"Status OK\",\"node\":" + Json.quote(pod.nodeName())
                + ",\"pod\":" + Json.quote(pod.podName()) + "}";
    }

    /** counter-fasthttp's {@code /status}: all three fields from the same increment. */
    String status(Increment increment) {
        return new StringBuilder(80)
                .append("{\"counter\":").append(increment.value())
                .append(",\"status\":").append(increment.odd())
                .append(",\"lastChanged\":\"").append(time.format(increment.changedEpochSecond()))
                .append("\"}").toString();
    }

    /** The etcd seed's {@code {"content":…,"message":"Status OK","node":…,"pod":…}}. */
    String podMessage(String content) {
        return "{\"content\":" + Json.quote(content) + podTail;
    }

    String countValue(long value) {
        return podMessage("count value = " + value);
    }

    /** The Fibonacci seed's {@code {"name": N}}, with its space after the colon. */
    static String fibonacci(String name, BigInteger number) {
        return "{\"" + name + "\": " + number + "}";
    }
}
