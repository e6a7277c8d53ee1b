package dev.counter.operator.validation;

/**
 * A rule the spec breaks.
 *
 * @param reason CamelCase reason, used for the Valid condition and the Warning event
 * @param field the offending field, e.g. {@code spec.replicas}
 * @param message what is wrong and how to fix it
 */
public record Violation(String reason, String field, String message) {}
