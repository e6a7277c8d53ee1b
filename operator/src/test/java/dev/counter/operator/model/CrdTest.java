package dev.counter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.MockCluster;
import dev.counter.operator.workload.BackendImages;
import dev.counter.operator.workload.Backends;
import dev.counter.urls.BackendUrls;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CRD generated from the model during this build, and the committed copy users install. */
class CrdTest {

    private static CustomResourceDefinitionVersion version;
    private static JSONSchemaProps spec;

    @BeforeAll
    static void readGeneratedCrd() throws IOException {
        CustomResourceDefinition crd =
                Serialization.unmarshal(
                        Files.readString(MockCluster.generatedCrdPath()),
                        CustomResourceDefinition.class);
        version = crd.getSpec().getVersions().get(0);
        spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }

    @Test
    void committedCrdIsTheGeneratedOne() throws IOException {
        Path committed = MockCluster.committedCrdPath();
        Path generated = MockCluster.generatedCrdPath();
        assertThat(Files.readString(committed))
                .as(
                        "crds/%s is out of date with the Java model; refresh it with"
                                + " `mvn -pl operator -Pupdate-crd process-classes` and commit it",
                        committed.getFileName())
                .isEqualTo(Files.readString(generated));
    }

    @Test
    void namesAndScopeAreTheDocumentedOnes() throws IOException {
        CustomResourceDefinition crd =
                Serialization.unmarshal(
                        Files.readString(MockCluster.generatedCrdPath()),
                        CustomResourceDefinition.class);
        assertThat(crd.getMetadata().getName()).isEqualTo("counterapps.counter.dev");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("counterapps");
        assertThat(crd.getSpec().getNames().getSingular()).isEqualTo("counterapp");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("cnt");
        assertThat(version.getName()).isEqualTo("v1alpha1");
    }

    @Test
    void celRulesCarryTheirMessages() {
        assertThat(spec.getXKubernetesValidations())
                .extracting(ValidationRule::getMessage)
                .containsExactly(
                        "the memory backend keeps the counter inside one pod; use backend redis or"
                                + " etcd for more replicas");
        assertThat(spec.getXKubernetesValidations().get(0).getRule())
                .contains("self.backend != 'memory'");
        assertThat(property("service").getXKubernetesValidations())
                .extracting(ValidationRule::getMessage)
                .containsExactlyInAnyOrder(
                        "nodePort can only be set with type NodePort", "grpcPort must differ from port");
        assertThat(property("ingress").getXKubernetesValidations())
                .extracting(ValidationRule::getMessage)
                .containsExactly("ingress.host is required when ingress is enabled");
    }

    @Test
    void etcdVersionDefaultsToTheImageTagAndUpgradesOneMinorAtATime() {
        JSONSchemaProps version = property("etcd").getProperties().get("version");
        assertThat(version.getDefault().asText()).isEqualTo(EtcdSpec.DEFAULT_VERSION);
        assertThat(BackendImages.ETCD).endsWith(":v" + version.getDefault().asText());
        assertThat(version.getPattern()).isEqualTo("^3\\.(4|5|6)\\.[0-9]+$");
        assertThat(version.getXKubernetesValidations())
                .extracting(ValidationRule::getRule, ValidationRule::getMessage)
                .containsExactly(
                        tuple(
                                "!(oldSelf.startsWith('3.4.') && self.startsWith('3.6.'))"
                                        + " && !(oldSelf.startsWith('3.5.') &&"
                                        + " self.startsWith('3.4.'))"
                                        + " && !(oldSelf.startsWith('3.6.') &&"
                                        + " !self.startsWith('3.6.'))",
                                EtcdSpec.VERSION_PATH_MESSAGE));
    }

    @Test
    void etcdMembersAreOneThreeOrFiveAndChangeableWhileTheStorageIsImmutable() {
        JSONSchemaProps etcd = property("etcd");
        JSONSchemaProps members = etcd.getProperties().get("members");
        assertThat(members.getDefault().asInt()).isEqualTo(3);
        assertThat(members.getXKubernetesValidations())
                .extracting(ValidationRule::getRule, ValidationRule::getMessage)
                .containsExactly(tuple("self in [1, 3, 5]", EtcdSpec.MEMBERS_MESSAGE));
        assertThat(etcd.getProperties().get("storage").getXKubernetesValidations())
                .extracting(ValidationRule::getRule)
                .containsExactly("self == oldSelf");
        assertThat(etcd.getXKubernetesValidations())
                .extracting(ValidationRule::getMessage)
                .containsExactlyInAnyOrder(
                        EtcdSpec.MANAGED_ONLY_MESSAGE,
                        EtcdSpec.RESTORE_NEEDS_SNAPSHOTS_MESSAGE,
                        EtcdSpec.HTTPS_NEEDS_TLS_MESSAGE,
                        EtcdSpec.TLS_NEEDS_HTTPS_MESSAGE,
                        EtcdSpec.TLS_EXTERNAL_NEEDS_SECRET_MESSAGE,
                        EtcdSpec.TLS_MANAGED_SECRET_MESSAGE,
                        EtcdSpec.TLS_MANAGED_IMMUTABLE_MESSAGE);
        JSONSchemaProps snapshots = etcd.getProperties().get("snapshots");
        assertThat(snapshots.getProperties().get("schedule").getDefault().asText())
                .isEqualTo("*/30 * * * *");
        assertThat(snapshots.getProperties().get("retain").getDefault().asInt()).isEqualTo(5);
        assertThat(snapshots.getProperties().get("enabled").getDefault().asBoolean()).isFalse();
        assertThat(property("redis").getXKubernetesValidations())
                .extracting(ValidationRule::getMessage)
                .containsExactlyInAnyOrder(
                        RedisSpec.SECRET_REF_NEEDS_URL_MESSAGE,
                        RedisSpec.PERSISTENCE_NEEDS_MANAGED_MESSAGE);
        assertThat(
                        property("redis")
                                .getProperties()
                                .get("persistence")
                                .getProperties()
                                .get("size")
                                .getDefault()
                                .asText())
                .isEqualTo("1Gi");
    }

    /**
     * https only with etcd.tls, then only https; a Secret for external endpoints, none for the
     * cluster the operator runs, whose TLS is fixed at creation; bounded
     * so that the API server accepts the rules' cost. The operator refuses the same (SpecValidatorTest)
     * for CounterApps stored before these rules.
     */
    @Test
    void etcdTlsRulesTieHttpsEndpointsToTlsAndTheSecretToExternalEndpoints() {
        JSONSchemaProps etcd = property("etcd");
        assertThat(etcd.getXKubernetesValidations())
                .extracting(ValidationRule::getRule, ValidationRule::getMessage, ValidationRule::getFieldPath)
                .contains(
                        tuple(
                                "has(self.tls) || !has(self.endpoints) ||"
                                        + " self.endpoints.all(e, !e.startsWith('https://'))",
                                EtcdSpec.HTTPS_NEEDS_TLS_MESSAGE,
                                ".endpoints"),
                        tuple(
                                "!has(self.tls) || !has(self.endpoints) ||"
                                        + " self.endpoints.all(e, e.startsWith('https://'))",
                                EtcdSpec.TLS_NEEDS_HTTPS_MESSAGE,
                                ".endpoints"),
                        tuple(
                                "!has(self.tls) || !has(self.endpoints) || size(self.endpoints) == 0 ||"
                                        + " has(self.tls.secretName)",
                                EtcdSpec.TLS_EXTERNAL_NEEDS_SECRET_MESSAGE,
                                ".tls"),
                        tuple(
                                "!has(self.tls) || (has(self.endpoints) && size(self.endpoints) > 0) ||"
                                        + " !has(self.tls.secretName)",
                                EtcdSpec.TLS_MANAGED_SECRET_MESSAGE,
                                ".tls"),
                        tuple(
                                "has(self.tls) == has(oldSelf.tls) || (has(self.endpoints) &&"
                                        + " size(self.endpoints) > 0) || (has(oldSelf.endpoints) &&"
                                        + " size(oldSelf.endpoints) > 0)",
                                EtcdSpec.TLS_MANAGED_IMMUTABLE_MESSAGE,
                                ".tls"));
        JSONSchemaProps endpoints = etcd.getProperties().get("endpoints");
        assertThat(endpoints.getMaxItems()).isEqualTo((long) EtcdSpec.MAX_ENDPOINTS);
        assertThat(endpoints.getItems().getSchema().getMaxLength())
                .isEqualTo((long) EtcdSpec.MAX_ENDPOINT_LENGTH);
        JSONSchemaProps tls = etcd.getProperties().get("tls");
        assertThat(tls.getRequired()).isNullOrEmpty();
        assertThat(tls.getProperties()).containsOnlyKeys("secretName");
    }

    @Test
    void statusAndScaleSubresourcesAreDeclared() {
        assertThat(version.getSubresources().getStatus()).isNotNull();
        var scale = version.getSubresources().getScale();
        assertThat(scale.getSpecReplicasPath()).isEqualTo(".spec.replicas");
        assertThat(scale.getStatusReplicasPath()).isEqualTo(".status.replicas");
        assertThat(scale.getLabelSelectorPath()).isEqualTo(".status.selector");
    }

    /** The generator sorts columns by path; CrdLayout must have put them in kubectl's order. */
    @Test
    void printerColumnsComeInTheOrderUsersKnowWithAgeLastAndEndpointWhenWide() {
        assertThat(version.getAdditionalPrinterColumns())
                .extracting(
                        CustomResourceColumnDefinition::getName,
                        CustomResourceColumnDefinition::getJsonPath,
                        CustomResourceColumnDefinition::getPriority)
                .containsExactly(
                        tuple("BACKEND", ".spec.backend", 0),
                        tuple("REPLICAS", ".spec.replicas", 0),
                        tuple("READY", ".status.readyReplicas", 0),
                        tuple("PHASE", ".status.phase", 0),
                        tuple("REASON", ".status.reason", 0),
                        tuple("AGE", ".metadata.creationTimestamp", 0),
                        tuple("ENDPOINT", ".status.endpoint", 1));
    }

    @Test
    void kubectlExplainHasATopLevelDescriptionAndGetHasACategory() throws IOException {
        assertThat(version.getSchema().getOpenAPIV3Schema().getDescription())
                .isEqualTo(CounterApp.DESCRIPTION);
        CustomResourceDefinition crd =
                Serialization.unmarshal(
                        Files.readString(MockCluster.generatedCrdPath()),
                        CustomResourceDefinition.class);
        assertThat(crd.getSpec().getNames().getCategories()).containsExactly("counter");
    }

    /**
     * The schema's pattern on etcd.endpoints[] refuses at kubectl apply what the service's parser
     * refuses for its shape; it lets through only what the parser may still refuse for its values
     * (port 0), which the operator reports as Valid=False with the parser's message.
     */
    @ParameterizedTest
    @CsvSource({
        "http://etcd-0.etcd.ns.svc:2379, true, true",
        "http://10.0.0.1:2379/, true, true",
        "http://[::1]:2379, true, true",
        "http://etcd, false, false",
        "https://etcd:2379, true, false",
        "HTTPS://etcd:2379, false, false",
        "etcd:2379, false, false",
        "http://:2379, false, false",
        "http://etcd:0, true, false",
    })
    void theEndpointPatternAgreesWithTheServicesParser(
            String endpoint, boolean patternAccepts, boolean serviceAccepts) {
        String pattern =
                property("etcd")
                        .getProperties()
                        .get("endpoints")
                        .getItems()
                        .getSchema()
                        .getPattern();
        assertThat(pattern).isEqualTo(EtcdSpec.ENDPOINT_PATTERN);
        assertThat(Pattern.compile(pattern).matcher(endpoint).find()).isEqualTo(patternAccepts);
        boolean accepted;
        try {
            BackendUrls.etcdEndpoint(endpoint);
            accepted = true;
        } catch (IllegalArgumentException e) {
            accepted = false;
        }
        assertThat(accepted).isEqualTo(serviceAccepts);
    }

    @Test
    void monitoringIsOnByDefaultAndRefusesTheOperatorsLabels() {
        JSONSchemaProps monitoring = property("monitoring");
        assertThat(monitoring.getDefault())
                .isEqualTo(
                        Serialization.unmarshal(
                                "{\"enabled\":true,\"interval\":\"30s\",\"alerts\":true}",
                                JsonNode.class));
        assertThat(monitoring.getProperties().get("labels").getXKubernetesValidations())
                .extracting(ValidationRule::getRule, ValidationRule::getMessage)
                .containsExactly(
                        tuple(
                                "self.all(k, !k.startsWith('app.kubernetes.io/'))",
                                MonitoringSpec.RESERVED_LABELS_MESSAGE));
    }

    /**
     * What the interval's pattern and minimum length accept is what the ServiceMonitor CRD of the
     * e2e suite accepts, minus its bare "0".
     */
    @ParameterizedTest
    @CsvSource({
        "30s, true",
        "1m30s, true",
        "500ms, true",
        "1h, true",
        "'', false",
        "0, false",
        "30, false",
        "1.5m, false",
        "30s1m, false",
        "-5s, false",
    })
    void theIntervalPatternAgreesWithTheServiceMonitorCrd(String interval, boolean accepted)
            throws IOException {
        JSONSchemaProps schema = property("monitoring").getProperties().get("interval");
        boolean ours =
                interval.length() >= schema.getMinLength()
                        && Pattern.compile(schema.getPattern()).matcher(interval).find();
        assertThat(ours).as("spec.monitoring.interval accepts %s", interval).isEqualTo(accepted);
        if (accepted) {
            assertThat(Pattern.compile(serviceMonitorIntervalPattern()).matcher(interval).find())
                    .as("the ServiceMonitor CRD accepts %s", interval)
                    .isTrue();
        }
    }

    private static String serviceMonitorIntervalPattern() throws IOException {
        Path file =
                MockCluster.committedCrdPath()
                        .resolveSibling(
                                "../e2e/src/main/resources/prometheus-operator-crds/"
                                        + "monitoring.coreos.com_servicemonitors.yaml")
                        .normalize();
        CustomResourceDefinition crd =
                Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
        return crd.getSpec()
                .getVersions()
                .get(0)
                .getSchema()
                .getOpenAPIV3Schema()
                .getProperties()
                .get("spec")
                .getProperties()
                .get("endpoints")
                .getItems()
                .getSchema()
                .getProperties()
                .get("interval")
                .getPattern();
    }

    @Test
    void typesEnumsMinimumsAndDefaults() {
        assertThat(spec.getRequired()).containsExactly("backend");
        assertThat(enumValues(property("backend")))
                .containsExactlyInAnyOrder("memory", "redis", "etcd");
        assertThat(enumValues(property("strategy")))
                .containsExactlyInAnyOrder("atomic", "lock", "queue");
        assertThat(property("strategy").getDefault().asText()).isEqualTo("atomic");
        assertThat(property("replicas").getType()).isEqualTo("integer");
        assertThat(property("replicas").getMinimum()).isZero();
        assertThat(property("replicas").getDefault().asInt()).isEqualTo(1);
        JSONSchemaProps service = property("service");
        assertThat(enumValues(service.getProperties().get("type")))
                .containsExactlyInAnyOrder("ClusterIP", "NodePort", "LoadBalancer");
        assertThat(service.getProperties().get("type").getDefault().asText())
                .isEqualTo("ClusterIP");
        assertThat(service.getProperties().get("port").getDefault().asInt()).isEqualTo(80);
        assertThat(property("ingress").getProperties().get("enabled").getDefault().asBoolean())
                .isFalse();
        assertThat(property("resources").getDefault())
                .isEqualTo(
                        Serialization.unmarshal(
                                CounterAppSpec.DEFAULT_RESOURCES_JSON, JsonNode.class));
    }

    @Test
    void everyFieldIsDescribedForKubectlExplain() {
        var undocumented = new ArrayList<String>();
        JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
        collectUndocumented("spec", root.getProperties().get("spec"), undocumented);
        collectUndocumented("status", root.getProperties().get("status"), undocumented);
        assertThat(undocumented).isEmpty();
    }

    private static void collectUndocumented(
            String path, JSONSchemaProps schema, List<String> undocumented) {
        if (schema.getDescription() == null || schema.getDescription().isBlank()) {
            undocumented.add(path);
        }
        if (schema.getProperties() != null) {
            schema.getProperties()
                    .forEach(
                            (name, child) ->
                                    collectUndocumented(path + "." + name, child, undocumented));
        }
        if (schema.getItems() != null
                && schema.getItems().getSchema() != null
                && schema.getItems().getSchema().getProperties() != null) {
            schema.getItems()
                    .getSchema()
                    .getProperties()
                    .forEach(
                            (name, child) ->
                                    collectUndocumented(path + "[]." + name, child, undocumented));
        }
    }

    /**
     * The API server fills schema defaults in before CEL runs: a default of true here would make
     * the rule against persistence beside an external redis.url refuse every external Redis (the
     * real API server of the e2e suite did). Unset means on, in the operator.
     */
    @Test
    void redisPersistenceIsOnByDefaultWithoutASchemaDefault() {
        JSONSchemaProps enabled =
                property("redis").getProperties().get("persistence").getProperties().get("enabled");
        assertThat(enabled.getDefault()).isNull();
        assertThat(enabled.getDescription()).contains("Unset means true");
        assertThat(Backends.redisPersistence(CounterApps.newApp("cache", Backend.REDIS).getSpec()))
                .isTrue();
    }

    private static JSONSchemaProps property(String name) {
        return spec.getProperties().get(name);
    }

    private static List<String> enumValues(JSONSchemaProps schema) {
        return schema.getEnum().stream().map(node -> node.asText()).toList();
    }
}
