package dev.counter.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A small HTTP/1.1 client for tests: one shared JDK client, answers as plain records. */
public final class Http {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    /** The answer: status, content type (or ""), body. */
    public record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery);
    }

    /** @param headers names and values, alternating */
    public Answer send(String method, String pathAndQuery, String... headers) {
        try {
            return toAnswer(client.send(request(method, pathAndQuery, headers), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public CompletableFuture<Answer> getAsync(String pathAndQuery) {
        return client.sendAsync(request("GET", pathAndQuery), HttpResponse.BodyHandlers.ofString())
                .thenApply(Http::toAnswer);
    }

    private HttpRequest request(String method, String pathAndQuery, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder.build();
    }

    private static Answer toAnswer(HttpResponse<String> r) {
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
    }
}
