package dev.counter.operator.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One counter pod's answer to {@code GET /ready}.
 *
 * @param pod the pod's name
 * @param ready whether it serves (200)
 * @param reason why not, as the pod words it
 * @param highWaterMark the highest counter value the process has handed out or read; absent from
 *     counter-app versions before issue 9
 */
public record PodReadiness(
        String pod, boolean ready, Optional<String> reason, OptionalLong highWaterMark) {

    /** What a pod says about the counter in the store; the prefixes are counter-app's reasons. */
    public enum CounterState {
        INTACT,
        LOST,
        UNUSABLE,
        /** not ready for another reason (store down, shutting down): no news of the counter */
        UNKNOWN
    }

    private static final String LOST_PREFIX = "counter state lost";
    private static final String UNUSABLE_PREFIX = "stored value unusable";
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Body(String status, String reason, Long highWaterMark) {}

    /**
     * @throws IOException when the body is not counter-app's readiness JSON, or the status code is
     *     neither of its two
     */
    static PodReadiness parse(String pod, int statusCode, String body) throws IOException {
        if (statusCode != 200 && statusCode != 503) {
            throw new IOException("/ready answered " + statusCode);
        }
        Body parsed = JSON.readValue(body, Body.class);
        return new PodReadiness(
                pod,
                statusCode == 200,
                Optional.ofNullable(parsed.reason()),
                parsed.highWaterMark() == null
                        ? OptionalLong.empty()
                        : OptionalLong.of(parsed.highWaterMark()));
    }

    public CounterState counterState() {
        if (ready) {
            return CounterState.INTACT;
        }
        String why = reason.orElse("");
        if (why.startsWith(LOST_PREFIX)) {
            return CounterState.LOST;
        }
        return why.startsWith(UNUSABLE_PREFIX) ? CounterState.UNUSABLE : CounterState.UNKNOWN;
    }
}
