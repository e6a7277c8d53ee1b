package dev.counter.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JsonLineFormatterTest {

    private final JsonLineFormatter formatter = new JsonLineFormatter();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void oneParsableJsonObjectPerLine() throws Exception {
        var record = new LogRecord(Level.WARNING, "refusing {0}: \"quoted\"\nsecond line\ttab");
        record.setParameters(new Object[] {"counters/hits"});
        record.setLoggerName("dev.counter.operator.CounterAppReconciler");
        MDC.put("resource.name", "hits");

        String line = formatter.format(record);

        assertThat(line).endsWith("}\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText())
                .isEqualTo("dev.counter.operator.CounterAppReconciler");
        assertThat(json.get("message").asText())
                .isEqualTo("refusing counters/hits: \"quoted\"\nsecond line\ttab");
        assertThat(json.get("resource.name").asText()).isEqualTo("hits");
        assertThat(json.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.has("error")).isFalse();
    }

    @Test
    void stackTraceGoesIntoTheErrorField() throws Exception {
        var record = new LogRecord(Level.SEVERE, "boom");
        record.setThrown(new IllegalStateException("broken"));
        JsonNode json = new ObjectMapper().readTree(formatter.format(record));
        assertThat(json.get("level").asText()).isEqualTo("ERROR");
        assertThat(json.get("error").asText())
                .startsWith("java.lang.IllegalStateException: broken");
    }

    @Test
    void controlCharactersAreEscaped() {
        var out = new StringBuilder();
        JsonLineFormatter.escape(out, "a\u0001b");
        assertThat(out).hasToString("a\\u0001b");
    }
}
