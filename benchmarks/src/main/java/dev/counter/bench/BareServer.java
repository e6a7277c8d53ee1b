package dev.counter.bench;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP baseline: a bare Undertow handler that answers every request with a fixed JSON body of
 * the same size as {@code /status}'s, with the same IO-thread count as the counter service.
 */
public final class BareServer {
    static final String BODY = "{\"counter\":1234567,\"status\":true,\"lastChanged\":\"2026-11-23T06:21:19Z\"}";

    private BareServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8090"));
        ByteBuffer body = ByteBuffer.wrap(BODY.getBytes(StandardCharsets.UTF_8));
        Undertow.builder()
                .addHttpListener(port, "0.0.0.0")
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                    exchange.getResponseSender().send(body.duplicate());
                })
                .build()
                .start();
    }
}
