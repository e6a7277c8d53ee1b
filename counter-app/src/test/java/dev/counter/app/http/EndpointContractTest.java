package dev.counter.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.config.PodIdentity;
import dev.counter.testkit.Http;
import dev.counter.testkit.Http.Answer;
import dev.counter.testkit.MetricsLint;
import dev.counter.meters.StandardMeters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP contract every backend must keep, through real HTTP against a started server. Each
 * backend's test class supplies a fresh, empty backend.
 */
public abstract class EndpointContractTest {
    private static final Pattern STATUS = Pattern.compile(
            "\\{\"counter\":(\\d+),\"status\":(true|false),\"lastChanged\":\"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)\"}");
    protected static final PodIdentity POD = new PodIdentity("counter-7f9c", "node-a", "team-a");

    protected CounterServer server;
    protected Http http;

    /** A backend whose counter and Fibonacci state start empty. */
    protected abstract CounterBackend newBackend();

    protected abstract String backendId();

    @BeforeEach
    void startServer() {
        server = CounterServer.start("127.0.0.1", 0, newBackend(), POD, Duration.ofSeconds(2));
        http = new Http(server.port());
    }

    @AfterEach
    void stopServer() {
        server.shutdown(Duration.ZERO);
    }

    private static void assertJson(int status, String body, Answer answer) {
        assertEquals(status, answer.status(), () -> "status of " + answer.raw().uri() + ": " + answer.body());
        assertEquals("application/json", answer.contentType());
        assertEquals(body, answer.body());
    }

    @Test
    void statusIncrementsAndReportsOddnessAndTimeOfThatIncrement() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int expected = 1; expected <= 3; expected++) {
            Answer a = http.get("/status");
            assertEquals(200, a.status());
            assertEquals("application/json", a.contentType());
            Matcher m = STATUS.matcher(a.body());
            assertTrue(m.matches(), a.body());
            assertEquals(expected, Long.parseLong(m.group(1)));
            assertEquals(expected % 2 == 1, Boolean.parseBoolean(m.group(2)));
            Instant changed = Instant.parse(m.group(3));
            assertTrue(!changed.isBefore(before) && !changed.isAfter(Instant.now()), m.group(3));
        }
    }

    @Test
    void statusV2SharesTheSameCounter() {
        http.get("/status");
        Matcher m = STATUS.matcher(http.get("/statusV2").body());
        assertTrue(m.matches());
        assertEquals("2", m.group(1));
        assertEquals("false", m.group(2));
        assertEquals("3", digitsOf(http.get("/status").body()));
    }

    private static String digitsOf(String statusBody) {
        Matcher m = STATUS.matcher(statusBody);
        assertTrue(m.matches(), statusBody);
        return m.group(1);
    }

    @Test
    void healthAndReady() {
        // fibonacci-backend's exact bytes: a space after the colon
        assertJson(200, "{\"status\": \"healthy\"}", http.get("/health"));
        assertJson(200, "{\"status\":\"ready\",\"backend\":\"" + backendId() + "\",\"highWaterMark\":0}",
                http.get("/ready"));
        http.get("/status");
        http.get("/increment?by=4");
        assertJson(200, "{\"status\":\"ready\",\"backend\":\"" + backendId() + "\",\"highWaterMark\":5}",
                http.get("/ready"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/ready", "/fetch", "/healthz", "/static", "/current", "/previous"})
    void headAnswersLikeGetWithoutBody(String path) {
        Answer get = http.get(path);
        Answer head = http.send("HEAD", path);
        assertEquals(get.status(), head.status());
        assertEquals("", head.body());
        assertEquals(get.contentType(), head.contentType());
        assertEquals(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length), head.header("Content-Length"));
    }

    @Test
    void headOnACountingRouteCountsLikeGet() {
        for (String path : new String[] {"/status", "/statusV2", "/increment?by=5", "/next", "/metrics"}) {
            Answer head = http.send("HEAD", path);
            assertEquals(200, head.status(), path);
            assertEquals("", head.body(), path);
            assertTrue(Long.parseLong(head.header("Content-Length")) > 0, path);
        }
        assertEquals("8", digitsOf(http.get("/status").body()));
        assertJson(200, "{\"current\": 1}", http.get("/current"));
        assertEquals("", http.send("HEAD", "/x").body());
        assertEquals(404, http.send("HEAD", "/x").status());
    }

    @Test
    void incrementFetchAndTheirSharedCounter() {
        String tail = ",\"message\":\"Status OK\",\"node\":\"node-a\",\"pod\":\"counter-7f9c\"}";
        assertJson(200, "{\"content\":\"count value = 0\"" + tail, http.get("/fetch"));
        assertJson(200, "{\"content\":\"count value = 1\"" + tail, http.get("/increment"));
        assertJson(200, "{\"content\":\"count value = 11\"" + tail, http.get("/increment?by=10"));
        assertJson(200, "{\"content\":\"count value = 1000011\"" + tail, http.get("/increment?by=1000000"));
        assertEquals("1000012", digitsOf(http.get("/status").body()));
        assertJson(200, "{\"content\":\"count value = 1000012\"" + tail, http.get("/fetch"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/increment?by=-5|{\"error\":\"Value cannot be negative\"}",
        "/increment?by=0|{\"error\":\"Parameter 'by' must be from 1 to 1000000, got 0\"}",
        "/increment?by=1000001|{\"error\":\"Parameter 'by' must be from 1 to 1000000, got 1000001\"}",
        "/increment?by=abc|{\"error\":\"Parameter 'by' must be an integer from 1 to 1000000, got 'abc'\"}",
        "/increment?by=|{\"error\":\"Parameter 'by' must be an integer from 1 to 1000000, got ''\"}",
        "/increment?by=1.5|{\"error\":\"Parameter 'by' must be an integer from 1 to 1000000, got '1.5'\"}",
        "/increment?by=99999999999999999999|{\"error\":\"Parameter 'by' must be an integer from 1 to 1000000, got '99999999999999999999'\"}",
        "/increment?by=1&by=2|{\"error\":\"Parameter 'by' must be given at most once\"}",
    })
    void badIncrementIsRefusedAndChangesNothing(String request, String error) {
        assertJson(400, error, http.get(request));
        assertEquals(200, http.get("/fetch").status());
        assertTrue(http.get("/fetch").body().startsWith("{\"content\":\"count value = 0\""));
    }

    @Test
    void healthzAndStatic() {
        String tail = ",\"message\":\"Status OK\",\"node\":\"node-a\",\"pod\":\"counter-7f9c\"}";
        assertJson(200, "{\"content\":\"meaning of life = 42\"" + tail, http.get("/static"));
        assertJson(200, "{\"content\":" + quoted(expectedHealthz()) + tail, http.get("/healthz"));
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    /** {@code /healthz}'s words for this backend. */
    protected abstract String expectedHealthz();

    @Test
    void fibonacciFollowsTheSeedsContract() {
        assertJson(200, "{\"current\": 0}", http.get("/current"));
        assertJson(200, "{\"previous\": 0}", http.get("/previous"));
        assertJson(200, "{\"next\": 1}", http.get("/next"));
        assertJson(200, "{\"current\": 1}", http.get("/current"));
        assertJson(200, "{\"previous\": 0}", http.get("/previous"));
        assertJson(200, "{\"next\": 1}", http.get("/next"));
        assertJson(200, "{\"next\": 2}", http.get("/next"));
        assertJson(200, "{\"previous\": 1}", http.get("/previous"));
        assertJson(200, "{\"next\": 3}", http.get("/next"));
        assertJson(200, "{\"current\": 3}", http.get("/current"));
        assertJson(200, "{\"previous\": 2}", http.get("/previous"));
    }

    @Test
    void fibonacciIsExactBeyondSixtyFourBits() {
        for (int i = 0; i < 102; i++) {
            assertEquals(200, http.get("/next").status());
        }
        assertJson(200, "{\"next\": 1500520536206896083277}", http.get("/next"));
        assertJson(200, "{\"current\": 1500520536206896083277}", http.get("/current"));
        assertJson(200, "{\"previous\": 927372692193078999176}", http.get("/previous"));
    }

    @Test
    void unknownPathIs404WithThePath() {
        assertJson(404, "{\"error\":\"Unsupported path\",\"path\":\"/x\"}", http.get("/x"));
        assertJson(404, "{\"error\":\"Unsupported path\",\"path\":\"/status/\"}", http.get("/status/"));
        String longest = "/" + "a".repeat(Json.MAX_ECHO - 1);
        assertJson(404, "{\"error\":\"Unsupported path\",\"path\":\"" + longest + "\"}", http.get(longest));
    }

    @Test
    void a404RepeatsOnlyABoundedPrefixOfAHugePath() {
        String path = "/" + "b".repeat(200_000);
        assertJson(404, "{\"error\":\"Unsupported path\",\"path\":\"/" + "b".repeat(Json.MAX_ECHO - 1)
                + "\u2026\",\"truncated\":true}", http.get(path));
        // U+1F600 is two chars, the bound falls between them: the cut comes before the pair
        String astral = "/" + "c".repeat(Json.MAX_ECHO - 2);
        assertJson(404, "{\"error\":\"Unsupported path\",\"path\":\"" + astral + "\u2026\",\"truncated\":true}",
                http.get(astral + "%F0%9F%98%80" + "d".repeat(10)));
    }

    @Test
    void aHugeParameterIsRepeatedOnlyInPart() {
        String by = "7".repeat(50_000) + "x";
        assertJson(400, "{\"error\":\"Parameter 'by' must be an integer from 1 to 1000000, got '"
                + "7".repeat(Json.MAX_ECHO) + "\u2026'\"}", http.get("/increment?by=" + by));
    }

    /** The one other echo, the method, is bounded by Undertow: it refuses methods of over 33 characters. */
    @Test
    void methodsAreShortOrRefused() {
        String method = "M".repeat(33);
        assertJson(405, "{\"error\":\"Method not allowed\",\"method\":\"" + method
                + "\",\"allowed\":\"GET, HEAD\"}", http.send(method, "/status"));
        assertJson(400, "{\"error\":\"Bad request: malformed, or larger than this server accepts\"}",
                http.send(method + "M", "/status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /status", "PUT /increment", "DELETE /next", "OPTIONS /status", "POST /health",
        "PATCH /ready", "POST /metrics", "TRACE /current"})
    void wrongMethodIs405WithAllow(String request) {
        String method = request.substring(0, request.indexOf(' '));
        Answer a = http.send(method, request.substring(method.length() + 1));
        assertEquals(405, a.status());
        assertEquals("GET, HEAD", a.header("Allow"));
        assertJson(405, "{\"error\":\"Method not allowed\",\"method\":\"" + method + "\",\"allowed\":\"GET, HEAD\"}", a);
        // a refused method never increments
        assertTrue(http.get("/fetch").body().startsWith("{\"content\":\"count value = 0\""));
    }

    @Test
    void metricsExposeRequestsLatencyCounterAndJvm() {
        http.get("/status");
        http.get("/status");
        http.get("/nope");
        Answer a = http.get("/metrics");
        assertEquals(200, a.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", a.contentType());
        String text = a.body();
        String b = "backend=\"" + backendId() + "\"";
        assertTrue(text.contains(
                "counter_http_request_duration_seconds_count{" + b + ",route=\"/status\",status=\"200\"} 2\n"), text);
        assertTrue(text.contains(
                "counter_http_request_duration_seconds_count{" + b + ",route=\"other\",status=\"404\"} 1\n"), text);
        assertTrue(text.contains("counter_http_request_duration_seconds_bucket{" + b
                + ",route=\"/status\",status=\"200\",le=\"+Inf\"} 2\n"), text);
        assertTrue(text.contains("counter_http_request_duration_seconds_bucket{" + b
                + ",route=\"/status\",status=\"200\",le=\"1.0E-4\"} "), text);
        assertTrue(text.contains("counter_value{" + b + "} 2.0\n"), text);
        assertTrue(text.contains("counter_backend_errors_total{" + b + ",cause=\"unavailable\"} 0.0\n"), text);
        assertTrue(text.contains("counter_store_up{" + b + "} 1.0\n"), text);
        assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"," + b + ",id=\""), text);
        assertTrue(text.contains("jvm_threads_live_threads{" + b + "} "), text);
    }

    /** The families every backend exposes; the shared stores add their own (see {@link #storeFamilies()}). */
    private static final List<String> SERVICE_FAMILIES = List.of("counter_http_request_duration_seconds",
            "counter_backend_errors_total", "counter_value", "counter_store_up", "jvm_memory_used_bytes",
            "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds", "process_files_open_files",
            "process_files_max_files", "process_cpu_seconds_total", "process_resident_memory_bytes");

    /** This backend's own families; none for memory. */
    protected List<String> storeFamilies() {
        return List.of();
    }

    @Test
    void metricsPassPrometheusLintAfterEveryRoute() {
        for (String path : new String[] {"/status", "/statusV2", "/increment?by=3", "/fetch", "/healthz", "/static",
                "/current", "/next", "/previous", "/health", "/ready", "/nope"}) {
            http.get(path);
        }
        http.send("POST", "/status");
        Map<String, String> families = MetricsLint.assertClean(http.get("/metrics").body(),
                StandardMeters.ACCEPTED_LINT_FINDINGS);
        for (String name : SERVICE_FAMILIES) {
            assertTrue(families.containsKey(name), name + " missing from " + families.keySet());
        }
        for (String name : storeFamilies()) {
            assertTrue(families.containsKey(name), name + " missing from " + families.keySet());
        }
        assertEquals("histogram", families.get("counter_http_request_duration_seconds"));
    }

    @Test
    void metricsAnswerOpenMetricsWhenAsked() {
        http.get("/status");
        Answer a = http.send("GET", "/metrics", "Accept",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", a.contentType());
        assertTrue(a.body().endsWith("# EOF\n"), a.body());
        assertTrue(a.body().contains("# TYPE counter_http_request_duration_seconds histogram"), a.body());
    }
}
