package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the memory backend serialises concurrent increments. */
public enum Strategy {
    @JsonProperty("atomic")
    ATOMIC("atomic"),
    @JsonProperty("lock")
    LOCK("lock"),
    @JsonProperty("queue")
    QUEUE("queue");

    private final String value;

    Strategy(String value) {
        this.value = value;
    }

    /** The value the counter service reads from {@code COUNTER_STRATEGY}. */
    public String value() {
        return value;
    }
}
