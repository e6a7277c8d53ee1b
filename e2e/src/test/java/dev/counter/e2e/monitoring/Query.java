package dev.counter.e2e.monitoring;

/**
 * A PromQL expression and where it is written, e.g. {@code dashboards/counter-app.json: panel
 * "Queue depth" A}.
 */
record Query(String source, String expr) {

    @Override
    public String toString() {
        return source;
    }
}
