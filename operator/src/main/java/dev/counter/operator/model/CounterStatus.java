package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** What the operator knows of the counter value itself, from the counter pods' {@code /ready}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CounterStatus {

    @JsonPropertyDescription(
            "The highest counter value any counter pod has reported handing out or reading, over"
                + " the CounterApp's whole life: it never decreases. It survives pod restarts, so"
                + " after the store lost or rolled back the counter it says what to resume above"
                + " even when every pod that knew the value is gone"
                + " (docs/fault-tolerance.md#recovery-resume-above-the-last-value-handed-out).")
    private Long highWaterMark;

    public CounterStatus() {}

    public CounterStatus(Long highWaterMark) {
        this.highWaterMark = highWaterMark;
    }

    public Long getHighWaterMark() {
        return highWaterMark;
    }

    public void setHighWaterMark(Long highWaterMark) {
        this.highWaterMark = highWaterMark;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CounterStatus other
                && Objects.equals(highWaterMark, other.highWaterMark);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(highWaterMark);
    }
}
