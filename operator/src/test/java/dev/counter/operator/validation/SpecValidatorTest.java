package dev.counter.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.model.ServiceType;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidatorTest {

  private final SpecValidator validator = SpecValidator.standard();

  @Test
  void aDefaultMemorySpecIsValid() {
    assertThat(validator.validate(spec(Backend.MEMORY))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void memoryAllowsAtMostOneReplica(int replicas) {
    CounterAppSpec spec = spec(Backend.MEMORY);
    spec.setReplicas(replicas);
    assertThat(validator.validate(spec)).isEmpty();
  }

  @Test
  void memoryWithThreeReplicasIsRefusedWithTheSchemaMessage() {
    CounterAppSpec spec = spec(Backend.MEMORY);
    spec.setReplicas(3);
    assertThat(validator.validate(spec))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.reason()).isEqualTo("MultiReplicaMemory");
              assertThat(v.field()).isEqualTo("spec.replicas");
              assertThat(v.message())
                  .startsWith(CounterAppSpec.MEMORY_REPLICAS_MESSAGE)
                  .contains("3");
            });
  }

  @Test
  void sharedBackendsAllowManyReplicas() {
    CounterAppSpec spec = redis("redis://redis:6379");
    spec.setReplicas(5);
    assertThat(validator.validate(spec)).isEmpty();
  }

  @Test
  void negativeReplicasAreRefused() {
    CounterAppSpec spec = spec(Backend.MEMORY);
    spec.setReplicas(-1);
    assertThat(reasons(spec)).containsExactly("NegativeReplicas");
  }

  @Test
  void backendIsRequired() {
    assertThat(reasons(spec(null))).containsExactly("MissingBackend");
    assertThat(validator.validate(null))
        .extracting(Violation::reason)
        .containsExactly("MissingSpec");
  }

  @Test
  void redisNeedsARedisUrl() {
    assertThat(reasons(spec(Backend.REDIS))).containsExactly("BackendNotConfigured");
    assertThat(reasons(redis("http://redis:6379"))).containsExactly("BackendNotConfigured");
    assertThat(validator.validate(redis("rediss://user:secret@redis.example:6380/0"))).isEmpty();
  }

  @Test
  void etcdNeedsHttpEndpoints() {
    assertThat(reasons(spec(Backend.ETCD))).containsExactly("BackendNotConfigured");
    CounterAppSpec spec = spec(Backend.ETCD);
    var etcd = new EtcdSpec();
    etcd.setEndpoints(List.of("http://etcd-0:2379", "etcd-1:2379"));
    spec.setEtcd(etcd);
    assertThat(validator.validate(spec))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("etcd-1:2379"));
    etcd.setEndpoints(List.of("http://etcd-0:2379", "https://etcd-1:2379"));
    assertThat(validator.validate(spec)).isEmpty();
  }

  @Test
  void nodePortOnlyWithTypeNodePort() {
    CounterAppSpec spec = spec(Backend.MEMORY);
    spec.getService().setNodePort(30080);
    assertThat(reasons(spec)).containsExactly("NodePortWithoutNodePortType");
    spec.getService().setType(ServiceType.NodePort);
    assertThat(validator.validate(spec)).isEmpty();
  }

  @Test
  void enabledIngressNeedsAHost() {
    CounterAppSpec spec = spec(Backend.MEMORY);
    spec.getIngress().setEnabled(true);
    assertThat(reasons(spec)).containsExactly("IngressHostMissing");
    spec.getIngress().setHost(" ");
    assertThat(reasons(spec)).containsExactly("IngressHostMissing");
    spec.getIngress().setHost("counter.example.com");
    assertThat(validator.validate(spec)).isEmpty();
    spec.getIngress().setEnabled(false);
    spec.getIngress().setHost(null);
    assertThat(validator.validate(spec)).isEmpty();
  }

  @Test
  void quantitiesMustParseAndRequestsMustNotExceedLimits() {
    CounterAppSpec spec = spec(Backend.MEMORY);
    spec.setResources(
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("2"))
            .addToRequests("memory", new Quantity("lots"))
            .addToLimits("cpu", new Quantity("1500m"))
            .build());
    assertThat(validator.validate(spec))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder("spec.resources.requests.memory", "spec.resources.requests.cpu");

    spec.setResources(
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("1000m"))
            .addToLimits("cpu", new Quantity("1"))
            .build());
    assertThat(validator.validate(spec)).isEmpty();
  }

  @Test
  void everyViolationIsReportedNotJustTheFirst() {
    CounterAppSpec spec = spec(Backend.MEMORY);
    spec.setReplicas(2);
    spec.getService().setNodePort(30080);
    spec.getIngress().setEnabled(true);
    assertThat(reasons(spec))
        .containsExactly("MultiReplicaMemory", "NodePortWithoutNodePortType", "IngressHostMissing");
  }

  @Test
  void customChecksCanBeAdded() {
    SpecCheck noLatest =
        spec ->
            spec.getImage() != null && spec.getImage().endsWith(":latest")
                ? List.of(new Violation("LatestImage", "spec.image", "pin a version"))
                : List.of();
    var custom = new SpecValidator(List.of(noLatest));
    CounterAppSpec spec = spec(Backend.MEMORY);
    spec.setImage("counter:latest");
    assertThat(custom.validate(spec)).extracting(Violation::reason).containsExactly("LatestImage");
  }

  private List<String> reasons(CounterAppSpec spec) {
    return validator.validate(spec).stream().map(Violation::reason).toList();
  }

  private static CounterAppSpec redis(String url) {
    CounterAppSpec spec = spec(Backend.REDIS);
    var redis = new RedisSpec();
    redis.setUrl(url);
    spec.setRedis(redis);
    return spec;
  }

  private static CounterAppSpec spec(Backend backend) {
    var spec = new CounterAppSpec();
    spec.setBackend(backend);
    return spec;
  }
}
