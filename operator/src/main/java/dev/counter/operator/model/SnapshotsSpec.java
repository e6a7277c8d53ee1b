package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Periodic snapshots of the operator-run etcd cluster to an NFS volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SnapshotsSpec {

    public static final String DEFAULT_SCHEDULE = "*/30 * * * *";
    public static final int DEFAULT_RETAIN = 5;

    @Default("false")
    @JsonPropertyDescription(
            "Take snapshots with a CronJob. Disabling it deletes the CronJob, the snapshot volume's"
                + " PersistentVolumeClaim and PersistentVolume and the bundled NFS server; files on"
                + " an external NFS export stay.")
    private Boolean enabled = false;

    // quoted: the default is parsed as YAML, where a leading '*' would be an alias
    @Default("\"" + DEFAULT_SCHEDULE + "\"")
    @Pattern("^\\S+(\\s+\\S+){4}$")
    @JsonPropertyDescription("When to take a snapshot, in cron syntax (five fields, UTC).")
    private String schedule = DEFAULT_SCHEDULE;

    @Min(1)
    @Default("5")
    @JsonPropertyDescription("How many scheduled snapshots to keep; older ones are deleted.")
    private Integer retain = DEFAULT_RETAIN;

    @JsonPropertyDescription(
            "External NFS export for the snapshots. When unset, the operator runs a small NFS"
                + " server (a privileged pod) with a volume of its own.")
    private NfsSpec nfs;

    @Default("{}")
    @JsonPropertyDescription(
            "Volume of the bundled NFS server (unused with an external nfs); also the nominal"
                + " capacity of the snapshot PersistentVolume.")
    private StorageSpec storage = new StorageSpec();

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public Integer getRetain() {
        return retain;
    }

    public void setRetain(Integer retain) {
        this.retain = retain;
    }

    public NfsSpec getNfs() {
        return nfs;
    }

    public void setNfs(NfsSpec nfs) {
        this.nfs = nfs;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }
}
