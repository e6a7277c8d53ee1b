package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

/**
 * The desired state of a {@link CounterApp}.
 *
 * <p>Field initialisers repeat the CRD defaults: the API server applies the schema defaults, but
 * objects stored under an older CRD (and the mock API in tests) may lack them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self.backend != 'memory' || !has(self.replicas) || self.replicas <= 1",
        message = CounterAppSpec.MEMORY_REPLICAS_MESSAGE,
        fieldPath = ".replicas",
        reason = "FieldValueForbidden")
public class CounterAppSpec {

    public static final String MEMORY_REPLICAS_MESSAGE =
            "the memory backend keeps the counter inside one pod; use backend redis or etcd for"
                    + " more replicas";

    /** The CRD default of {@link #resources}; the operator applies the same when it is absent. */
    public static final String DEFAULT_RESOURCES_JSON =
            "{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},"
                    + "\"limits\":{\"cpu\":\"1\",\"memory\":\"256Mi\"}}";

    @Required
    @JsonPropertyDescription(
            "Where the counter value is kept: memory (inside the pod, at most one replica), redis"
                    + " or etcd.")
    private Backend backend;

    @Min(0)
    @Default("1")
    @SpecReplicas
    @JsonPropertyDescription(
            "Desired number of counter pods. The memory backend allows at most 1. Also settable"
                    + " through the scale subresource (kubectl scale).")
    private Integer replicas = 1;

    @JsonPropertyDescription(
            "Counter service image. Defaults to the counter-app image released with the running"
                    + " operator (ghcr.io/counter-operator/counter-app:<operator version>).")
    private String image;

    @JsonPropertyDescription(
            "Image pull policy of the counter container. Kubernetes chooses when unset (Always for"
                    + " :latest, IfNotPresent otherwise).")
    private ImagePullPolicy imagePullPolicy;

    @Default("atomic")
    @JsonPropertyDescription(
            "How the memory backend serialises concurrent increments: atomic (compare-and-set),"
                    + " lock (mutex) or queue (single writer). Passed to every backend as"
                    + " COUNTER_STRATEGY.")
    private Strategy strategy = Strategy.ATOMIC;

    @Default(DEFAULT_RESOURCES_JSON)
    @SchemaFrom(type = ResourcesSchema.class)
    @JsonPropertyDescription(
            "Compute resources of the counter container. Default: requests cpu 100m, memory 128Mi;"
                    + " limits cpu 1, memory 256Mi. Requests must not exceed limits.")
    private ResourceRequirements resources;

    @Default("{}")
    @JsonPropertyDescription("How the counter is exposed inside the cluster.")
    private ServiceSpec service = new ServiceSpec();

    @Default("{}")
    @JsonPropertyDescription("Optional Ingress in front of the Service.")
    private IngressSpec ingress = new IngressSpec();

    @JsonPropertyDescription(
            "Redis of backend redis: an external server (url), or, when url is unset, one the"
                    + " operator runs. Ignored by the other backends.")
    private RedisSpec redis;

    @JsonPropertyDescription(
            "etcd of backend etcd: an external cluster (endpoints), or, when endpoints is empty,"
                + " one the operator runs, with optional snapshots. Ignored by the other backends.")
    private EtcdSpec etcd;

    @Default("{}")
    @JsonPropertyDescription(
            "Prometheus Operator objects for the counter (ServiceMonitor, PrometheusRule), made"
                + " only where their CRDs are installed.")
    private MonitoringSpec monitoring = new MonitoringSpec();

    public Backend getBackend() {
        return backend;
    }

    public void setBackend(Backend backend) {
        this.backend = backend;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public ImagePullPolicy getImagePullPolicy() {
        return imagePullPolicy;
    }

    public void setImagePullPolicy(ImagePullPolicy imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
    }

    public Strategy getStrategy() {
        return strategy;
    }

    public void setStrategy(Strategy strategy) {
        this.strategy = strategy;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public ServiceSpec getService() {
        return service;
    }

    public void setService(ServiceSpec service) {
        this.service = service;
    }

    public IngressSpec getIngress() {
        return ingress;
    }

    public void setIngress(IngressSpec ingress) {
        this.ingress = ingress;
    }

    public RedisSpec getRedis() {
        return redis;
    }

    public void setRedis(RedisSpec redis) {
        this.redis = redis;
    }

    public EtcdSpec getEtcd() {
        return etcd;
    }

    public void setEtcd(EtcdSpec etcd) {
        this.etcd = etcd;
    }

    public MonitoringSpec getMonitoring() {
        return monitoring;
    }

    public void setMonitoring(MonitoringSpec monitoring) {
        this.monitoring = monitoring;
    }
}
