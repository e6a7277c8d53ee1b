package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the counter value lives. */
public enum Backend {
    /** Inside the counter pod's memory: fast, lost on restart, limited to one replica. */
    @JsonProperty("memory")
    MEMORY("memory"),
    /** In a Redis server; replicas share the counter. */
    @JsonProperty("redis")
    REDIS("redis"),
    /** In an etcd cluster; replicas share the counter. */
    @JsonProperty("etcd")
    ETCD("etcd");

    private final String value;

    Backend(String value) {
        this.value = value;
    }

    /** The value the counter service reads from {@code COUNTER_BACKEND}. */
    public String value() {
        return value;
    }
}
