package dev.counter.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.backend.memory.MemoryBackend;
import dev.counter.app.config.PodIdentity;
import dev.counter.app.config.Strategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests Undertow refuses before any handler runs, over raw sockets (an HTTP client would not
 * send them): each gets the JSON 400 and a closed connection.
 */
class MalformedRequestTest {
    private static final String BODY = "{\"error\":\"Bad request: malformed, or larger than this server accepts\"}";
    private static final String JSON_400 = "HTTP/1.1 400 Bad Request\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: 70\r\n"
            + "Connection: close\r\n\r\n" + BODY;

    private CounterServer server;

    @BeforeEach
    void start() {
        server = CounterServer.start("127.0.0.1", 0, new MemoryBackend(Strategy.ATOMIC),
                new PodIdentity("p", "n", "ns"), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        server.shutdown(Duration.ZERO);
    }

    @Test
    void theRewriteKeepsEveryOtherResponseAsItIs() {
        for (String head : new String[] {
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n",
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n{}",
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 00\r\n\r\n",
            "{\"error\":\"x\"}",
        }) {
            assertEquals(null, JsonBadRequestConduit.jsonVersion(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII))), head);
        }
        assertTrue(JSON_400.endsWith(BODY));
        assertEquals(70, BODY.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GARBAGE\r\n\r\n",
        "GET /status HTTP/1.1 extra\r\nHost: x\r\n\r\n",
        "GET /st\u0001tus HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /status HTTP/1.1\r\nBad Header: x\r\n\r\n",
    })
    void aMalformedRequestGetsTheJson400(String request) throws IOException {
        assertEquals(JSON_400, exchange(request.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(0, countAfterwards());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /status HTTP/1.1\r\n\r\n|No Host Header",
        "GET /status HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n|Only One Host Header Allowed",
        "GET /status HTTP/1.1\r\nHost: a:99999\r\n\r\n|Host Header Malformed Port",
    })
    void aBadHostHeaderGetsAJson400WithUndertowsReason(String requestAndReason) throws IOException {
        String[] parts = requestAndReason.split("\\|");
        String answer = exchange(parts[0].getBytes(StandardCharsets.US_ASCII));
        String body = "{\"error\":\"Bad request: " + parts[1] + "\"}";
        assertTrue(answer.startsWith("HTTP/1.1 400 " + parts[1] + "\r\n"), answer);
        assertTrue(answer.contains("\r\nContent-Type: application/json\r\n"), answer);
        assertTrue(answer.contains("\r\nContent-Length: " + body.length() + "\r\n"), answer);
        assertTrue(answer.contains("\r\nConnection: close\r\n"), answer);
        assertTrue(answer.endsWith("\r\n\r\n" + body), answer);
        assertEquals(0, countAfterwards());
    }

    @Test
    void tooManyHeadersGetTheJson400() throws IOException {
        StringBuilder request = new StringBuilder("GET /status HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 250; i++) {
            request.append("X-H").append(i).append(": v\r\n");
        }
        assertEquals(JSON_400, exchange(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0, countAfterwards());
    }

    @Test
    void tooManyParametersGetTheJson400() throws IOException {
        StringBuilder path = new StringBuilder("/increment?by=1");
        for (int i = 0; i < 1500; i++) {
            path.append("&p").append(i).append("=1");
        }
        assertEquals(JSON_400, exchange(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0, countAfterwards());
    }

    /** Beyond Undertow's 1 MiB of request head: a header, or a URL, of 2 MiB. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anOversizedRequestHeadGetsTheJson400(boolean inTheUrl) throws IOException {
        String huge = "z".repeat(2 << 20);
        String request = inTheUrl
                ? "GET /" + huge + " HTTP/1.1\r\nHost: x\r\n\r\n"
                : "GET /status HTTP/1.1\r\nHost: x\r\nX-Big: " + huge + "\r\n\r\n";
        assertEquals(JSON_400, exchange(request.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0, countAfterwards());
    }

    @Test
    void aBadRequestAfterAGoodOneOnTheSameConnection() throws IOException {
        String answers = exchange("GET /static HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(answers.startsWith("HTTP/1.1 200 OK\r\n"), answers);
        assertTrue(answers.endsWith("}" + JSON_400) && answers.contains("meaning of life = 42"), answers);
    }

    @Test
    void wellFormedRequestsAreUntouched() throws IOException {
        String answer = exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
        assertTrue(answer.endsWith("\r\n\r\n{\"status\": \"healthy\"}"), answer);
    }

    /**
     * Sends {@code request} from another thread (the server may stop reading a request too large
     * to take, and close while it is still being written) and returns all the server answered
     * before closing.
     */
    private String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    out.write(request);
                    out.flush();
                } catch (IOException e) {
                    // the server refused the rest, which is what is being tested
                }
            });
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketException e) {
                // a reset after the answer when unread request bytes were left: the answer is kept
            }
            sent.join();
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The counter's value, by a well-formed request: refused requests must not have counted. */
    private long countAfterwards() throws IOException {
        String answer = exchange("GET /fetch HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        int at = answer.indexOf("count value = ");
        assertTrue(at > 0, answer);
        return Long.parseLong(answer.substring(at + 14, answer.indexOf('"', at)));
    }
}
