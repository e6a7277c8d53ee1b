package dev.counter.operator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void probesFollowTheirChecksAndMetricsAreServedAsPrometheusText() throws Exception {
        var healthy = new AtomicBoolean(true);
        var ready = new AtomicBoolean(false);
        try (var server = new HealthServer(0, healthy::get, ready::get, () -> "up 1\n").start()) {
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(503);

            ready.set(true);
            healthy.set(false);
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(503);

            HttpResponse<String> metrics = get(server, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).isEqualTo("up 1\n");
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        }
    }

    @Test
    void aFailingCheckIsUnhealthyNotAnError() throws Exception {
        try (var server =
                new HealthServer(
                                0,
                                () -> {
                                    throw new IllegalStateException("no runtime yet");
                                },
                                () -> true,
                                () -> "")
                        .start()) {
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void onlyReadsAreAllowed() throws Exception {
        try (var server = new HealthServer(0, () -> true, () -> true, () -> "").start()) {
            var post =
                    HttpRequest.newBuilder(uri(server, "/healthz"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build();
            assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(405);
        }
    }

    private HttpResponse<String> get(HealthServer server, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(server, path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(HealthServer server, String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }
}
