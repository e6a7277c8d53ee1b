package dev.counter.app.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Gives the 400s that Undertow answers by itself the JSON error body every other answer has.
 * Requests it cannot parse — a malformed request line, headers beyond {@code MAX_HEADER_SIZE} or
 * {@code MAX_HEADERS}, too many parameters — get a fixed, empty-bodied 400 written straight to the
 * connection, and HTTP/1.1 requests with no, several or a malformed {@code Host} get an empty 400
 * from its {@code HostHeaderHandler}; both happen before any handler of ours runs, and Undertow
 * offers no hook to change them. This conduit sits under each connection and rewrites exactly
 * those: a response head of status 400 with {@code Content-Length: 0}, which no route of ours sends
 * (every answer of ours has a body, and a HEAD answer the length of that body).
 *
 * <p>The rewrite needs the head to arrive in one {@code write(ByteBuffer)} call, which is how
 * Undertow writes these as long as pipelined responses are not buffered together (see
 * {@link HttpListener}). The caller is told its bytes were written only once the whole replacement
 * was, so a socket that takes the replacement in pieces behaves like one that took the original in
 * pieces. Undertow closes the connection after these answers, so even the rare HEAD request that
 * gets one cannot mistake the body for a next response.
 */
final class JsonBadRequestConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {
    static final String GENERIC_MESSAGE = "Bad request: malformed, or larger than this server accepts";

    private static final String STATUS_LINE_START = "HTTP/1.1 400 ";
    private static final String EMPTY_BODY = "\r\nContent-Length: 0\r\n";
    /** The reason phrase of Undertow's parse-failure literal, which says nothing more. */
    private static final String PLAIN_REASON = "Bad Request";

    /** The replacement still being written, or null while none is. */
    private ByteBuffer replacing;

    JsonBadRequestConduit(StreamSinkConduit next) {
        super(next);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (replacing == null) {
            byte[] json = jsonVersion(src);
            if (json == null) {
                return next.write(src);
            }
            replacing = ByteBuffer.wrap(json);
        }
        while (replacing.hasRemaining()) {
            if (next.write(replacing) == 0) {
                return 0;
            }
        }
        replacing = null;
        int consumed = src.remaining();
        src.position(src.limit());
        return consumed;
    }

    /** The JSON answer to send instead of {@code src}, or null when it is not an empty 400 head. */
    static byte[] jsonVersion(ByteBuffer src) {
        int at = src.position();
        // the status code's first digit: one byte read rejects every other response
        if (src.remaining() < STATUS_LINE_START.length() || src.get(at + 9) != '4') {
            return null;
        }
        byte[] bytes = new byte[src.remaining()];
        src.get(at, bytes);
        String head = new String(bytes, StandardCharsets.ISO_8859_1);
        int lineEnd = head.indexOf("\r\n");
        if (!head.startsWith(STATUS_LINE_START) || !head.endsWith("\r\n\r\n") || lineEnd < 0
                || !head.contains(EMPTY_BODY)) {
            return null;
        }
        String reason = head.substring(STATUS_LINE_START.length(), lineEnd);
        String body = Json.error(reason.equals(PLAIN_REASON) ? GENERIC_MESSAGE : "Bad request: " + reason);
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String typedHead = head.replace(EMPTY_BODY,
                "\r\nContent-Type: " + Reply.JSON + "\r\nContent-Length: " + bodyBytes.length + "\r\n");
        byte[] headBytes = typedHead.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + bodyBytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
        return all;
    }
}
