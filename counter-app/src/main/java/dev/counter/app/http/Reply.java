package dev.counter.app.http;

import java.nio.charset.StandardCharsets;

/** A complete HTTP answer: status, content type and body. */
public record Reply(int status, String contentType, byte[] body) {
    static final String JSON = "application/json";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    static Reply json(int status, String body) {
        return new Reply(status, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    static Reply prometheus(String text) {
        return new Reply(200, PROMETHEUS_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static Reply ok(String jsonBody) {
        return json(200, jsonBody);
    }
}
