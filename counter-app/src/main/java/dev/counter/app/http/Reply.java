package dev.counter.app.http;

import dev.counter.app.metrics.ServiceMeters;
import java.nio.charset.StandardCharsets;

/** A complete HTTP answer: status, content type and body. */
public record Reply(int status, String contentType, byte[] body) {
    static final String JSON = "application/json";

    static Reply json(int status, String body) {
        return new Reply(status, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    static Reply metrics(ServiceMeters.Exposition exposition) {
        return new Reply(200, exposition.contentType(), exposition.body().getBytes(StandardCharsets.UTF_8));
    }

    static Reply ok(String jsonBody) {
        return json(200, jsonBody);
    }
}
