package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The most recent finished snapshot Job. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SnapshotStatus {

    @JsonPropertyDescription("When the Job finished (RFC 3339).")
    private String time;

    @JsonPropertyDescription(
            "The snapshot file on the snapshot volume, usable as etcd.restoreFrom; the file the Job"
                    + " was to write when it failed.")
    private String file;

    @JsonPropertyDescription("Whether the Job saved and verified the snapshot.")
    private Boolean succeeded;

    @JsonPropertyDescription("Name of the Job.")
    private String job;

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    public Boolean getSucceeded() {
        return succeeded;
    }

    public void setSucceeded(Boolean succeeded) {
        this.succeeded = succeeded;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SnapshotStatus other)) {
            return false;
        }
        return Objects.equals(time, other.time)
                && Objects.equals(file, other.file)
                && Objects.equals(succeeded, other.succeeded)
                && Objects.equals(job, other.job);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, file, succeeded, job);
    }
}
