package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd of backend etcd: an external cluster ({@code endpoints}) or, without one, a cluster the
 * operator runs, optionally with snapshots to NFS and a restore at creation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value =
                "!has(self.endpoints) || size(self.endpoints) == 0 || (!(has(self.snapshots) &&"
                        + " has(self.snapshots.enabled) && self.snapshots.enabled) &&"
                        + " !has(self.restoreFrom))",
        message = EtcdSpec.MANAGED_ONLY_MESSAGE,
        fieldPath = ".snapshots",
        reason = "FieldValueForbidden")
@ValidationRule(
        value =
                "!has(self.restoreFrom) || (has(self.snapshots) && has(self.snapshots.enabled) &&"
                        + " self.snapshots.enabled)",
        message = EtcdSpec.RESTORE_NEEDS_SNAPSHOTS_MESSAGE,
        fieldPath = ".restoreFrom",
        reason = "FieldValueRequired")
@ValidationRule(
        value =
                "has(self.tls) || !has(self.endpoints) ||"
                        + " self.endpoints.all(e, !e.startsWith('https://'))",
        message = EtcdSpec.HTTPS_NEEDS_TLS_MESSAGE,
        fieldPath = ".endpoints",
        reason = "FieldValueInvalid")
@ValidationRule(
        value =
                "!has(self.tls) || !has(self.endpoints) ||"
                        + " self.endpoints.all(e, e.startsWith('https://'))",
        message = EtcdSpec.TLS_NEEDS_HTTPS_MESSAGE,
        fieldPath = ".endpoints",
        reason = "FieldValueInvalid")
@ValidationRule(
        value =
                "!has(self.tls) || !has(self.endpoints) || size(self.endpoints) == 0 ||"
                        + " has(self.tls.secretName)",
        message = EtcdSpec.TLS_EXTERNAL_NEEDS_SECRET_MESSAGE,
        fieldPath = ".tls",
        reason = "FieldValueRequired")
@ValidationRule(
        value =
                "!has(self.tls) || (has(self.endpoints) && size(self.endpoints) > 0) ||"
                        + " !has(self.tls.secretName)",
        message = EtcdSpec.TLS_MANAGED_SECRET_MESSAGE,
        fieldPath = ".tls",
        reason = "FieldValueForbidden")
@ValidationRule(
        value =
                "has(self.tls) == has(oldSelf.tls) || (has(self.endpoints) && size(self.endpoints) > 0)"
                        + " || (has(oldSelf.endpoints) && size(oldSelf.endpoints) > 0)",
        message = EtcdSpec.TLS_MANAGED_IMMUTABLE_MESSAGE,
        fieldPath = ".tls",
        reason = "FieldValueForbidden")
public class EtcdSpec {

    public static final int DEFAULT_MEMBERS = 3;

    /** The tag of the image the operator was built with; keep in step with BackendImages. */
    public static final String DEFAULT_VERSION = "3.5.21";

    public static final String VERSION_PATTERN = "^3\\.(4|5|6)\\.[0-9]+$";

    /**
     * etcd supports upgrading one minor at a time and no minor downgrade; patch releases move
     * freely. The pattern leaves three minors, so four pairs are refused. Only startsWith: no CEL
     * string extension is needed.
     */
    public static final String VERSION_PATH_RULE =
            "!(oldSelf.startsWith('3.4.') && self.startsWith('3.6.'))"
                    + " && !(oldSelf.startsWith('3.5.') && self.startsWith('3.4.'))"
                    + " && !(oldSelf.startsWith('3.6.') && !self.startsWith('3.6.'))";

    public static final String VERSION_PATH_MESSAGE =
            "etcd.version upgrades one minor at a time (3.4 to 3.5 to 3.6) and never lowers the"
                    + " minor; patch versions change freely";

    public static final String MEMBERS_MESSAGE = "etcd.members must be 1, 3 or 5";
    public static final String STORAGE_IMMUTABLE_MESSAGE =
            "etcd.storage cannot change once the cluster exists";

    /**
     * The shape of an endpoint the counter service takes (http, a host, a port), so {@code kubectl
     * apply} refuses what the service would exit on; the operator checks the rest with the
     * service's own parser.
     */
    public static final String ENDPOINT_PATTERN = "^https?://[^/\\s]+:[0-9]{1,5}(/.*)?$";

    /** Bounds that keep the CEL rules over the endpoints within the API server's cost budget. */
    public static final int MAX_ENDPOINTS = 16;

    public static final int MAX_ENDPOINT_LENGTH = 512;

    public static final String HTTPS_NEEDS_TLS_MESSAGE =
            "https etcd endpoints need etcd.tls.secretName (a Secret with ca.crt, tls.crt, tls.key)";
    public static final String TLS_NEEDS_HTTPS_MESSAGE =
            "with etcd.tls every etcd endpoint must be https://host:port";
    public static final String TLS_EXTERNAL_NEEDS_SECRET_MESSAGE =
            "with external etcd.endpoints, etcd.tls.secretName names the Secret with ca.crt,"
                    + " tls.crt and tls.key";
    public static final String TLS_MANAGED_SECRET_MESSAGE =
            "the operator makes the certificates of the etcd cluster it runs: leave"
                    + " etcd.tls.secretName out (it is for external etcd.endpoints)";

    /**
     * Switching a running cluster between http and https would change every member's peer URL at
     * once: the members could no longer reach each other and the quorum would be lost.
     */
    public static final String TLS_MANAGED_IMMUTABLE_MESSAGE =
            "etcd.tls of the cluster the operator runs is chosen at creation and cannot be added or"
                    + " removed later";

    public static final String MANAGED_ONLY_MESSAGE =
            "etcd.snapshots and etcd.restoreFrom apply to the cluster the operator runs, not to"
                    + " external endpoints";
    public static final String RESTORE_NEEDS_SNAPSHOTS_MESSAGE =
            "etcd.restoreFrom reads the file from the snapshot volume: enable etcd.snapshots";

    /** The CRD default of {@link #resources}; the operator applies the same when it is absent. */
    public static final String DEFAULT_RESOURCES_JSON =
            "{\"requests\":{\"cpu\":\"100m\",\"memory\":\"256Mi\"},"
                    + "\"limits\":{\"cpu\":\"1\",\"memory\":\"512Mi\"}}";

    @JsonPropertyDescription(
            "Client URLs of an external etcd cluster (http://host:2379, or https://host:2379 with"
                    + " tls), passed to the pods as ETCD_ENDPOINTS. When empty, the operator runs an"
                    + " etcd cluster itself.")
    @Size(max = MAX_ENDPOINTS)
    private List<@Pattern(ENDPOINT_PATTERN) @Size(max = MAX_ENDPOINT_LENGTH) String> endpoints =
            new ArrayList<>();

    @JsonPropertyDescription(
            "Mutual TLS to etcd. For the cluster the operator runs (no endpoints), set tls: {} at"
                    + " creation: the operator makes a CA and the member and client certificates in"
                    + " Secrets and renews them before they expire. For external endpoints (all"
                    + " https), secretName names the Secret with the CA and client certificate.")
    private EtcdTlsSpec tls;

    @Default("3")
    @ValidationRule(value = "self in [1, 3, 5]", message = MEMBERS_MESSAGE)
    @JsonPropertyDescription(
            "Members of the cluster the operator runs: 1, 3 or 5. A change is carried out one"
                    + " member at a time.")
    private Integer members = DEFAULT_MEMBERS;

    @Default("{}")
    @ValidationRule(value = "self == oldSelf", message = STORAGE_IMMUTABLE_MESSAGE)
    @JsonPropertyDescription(
            "Volume of each member (one PersistentVolumeClaim per member). Cannot change after"
                    + " creation.")
    private StorageSpec storage = new StorageSpec();

    @Default(DEFAULT_RESOURCES_JSON)
    @SchemaFrom(type = ResourcesSchema.class)
    @JsonPropertyDescription(
            "Compute resources of each member. Default: requests cpu 100m, memory 256Mi; limits cpu"
                    + " 1, memory 512Mi.")
    private ResourceRequirements resources;

    @Default("{}")
    @JsonPropertyDescription("Periodic snapshots of the cluster the operator runs, to NFS.")
    private SnapshotsSpec snapshots = new SnapshotsSpec();

    @Default(DEFAULT_VERSION)
    @Pattern(VERSION_PATTERN)
    @ValidationRule(value = VERSION_PATH_RULE, message = VERSION_PATH_MESSAGE)
    @JsonPropertyDescription(
            "etcd version of the cluster the operator runs: the tag of the quay.io/coreos/etcd"
                    + " image. Upgrade one minor at a time (3.4, 3.5, 3.6); the minor never goes"
                    + " down.")
    private String version = DEFAULT_VERSION;

    @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]*$")
    @JsonPropertyDescription(
            "Snapshot file on the snapshot volume (e.g. status.lastSnapshot.file) that new members"
                    + " restore from before they first start. Members that already have data ignore"
                    + " it.")
    private String restoreFrom;

    public List<String> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
        this.endpoints = endpoints;
    }

    public EtcdTlsSpec getTls() {
        return tls;
    }

    public void setTls(EtcdTlsSpec tls) {
        this.tls = tls;
    }

    public Integer getMembers() {
        return members;
    }

    public void setMembers(Integer members) {
        this.members = members;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public SnapshotsSpec getSnapshots() {
        return snapshots;
    }

    public void setSnapshots(SnapshotsSpec snapshots) {
        this.snapshots = snapshots;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getRestoreFrom() {
        return restoreFrom;
    }

    public void setRestoreFrom(String restoreFrom) {
        this.restoreFrom = restoreFrom;
    }
}
