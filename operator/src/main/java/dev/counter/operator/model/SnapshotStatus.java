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

    @JsonPropertyDescription("Size in bytes of the snapshot file, as the Job measured it.")
    private Long size;

    @JsonPropertyDescription(
            "SHA-256 of the snapshot file, also written beside it as <file>.sha256; restore refuses"
                    + " a file that does not match.")
    private String sha256;

    @JsonPropertyDescription("The etcd revision the snapshot holds, from snapshot status.")
    private Long revision;

    @JsonPropertyDescription("Number of keys in the snapshot, from snapshot status.")
    private Long totalKeys;

    @JsonPropertyDescription("Size of the etcd database in the snapshot, from snapshot status.")
    private Long totalSize;

    @JsonPropertyDescription(
            "The hash etcd computes over the snapshot database, from snapshot status.")
    private Long etcdHash;

    @JsonPropertyDescription(
            "Why a Job that completed did not prove its snapshot; absent when it did.")
    private String verification;

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

    public Long getSize() {
        return size;
    }

    public void setSize(Long size) {
        this.size = size;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public Long getRevision() {
        return revision;
    }

    public void setRevision(Long revision) {
        this.revision = revision;
    }

    public Long getTotalKeys() {
        return totalKeys;
    }

    public void setTotalKeys(Long totalKeys) {
        this.totalKeys = totalKeys;
    }

    public Long getTotalSize() {
        return totalSize;
    }

    public void setTotalSize(Long totalSize) {
        this.totalSize = totalSize;
    }

    public Long getEtcdHash() {
        return etcdHash;
    }

    public void setEtcdHash(Long etcdHash) {
        this.etcdHash = etcdHash;
    }

    public String getVerification() {
        return verification;
    }

    public void setVerification(String verification) {
        this.verification = verification;
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
                && Objects.equals(job, other.job)
                && Objects.equals(size, other.size)
                && Objects.equals(sha256, other.sha256)
                && Objects.equals(revision, other.revision)
                && Objects.equals(totalKeys, other.totalKeys)
                && Objects.equals(totalSize, other.totalSize)
                && Objects.equals(etcdHash, other.etcdHash)
                && Objects.equals(verification, other.verification);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                time, file, succeeded, job, size, sha256, revision, totalKeys, totalSize, etcdHash,
                verification);
    }
}
