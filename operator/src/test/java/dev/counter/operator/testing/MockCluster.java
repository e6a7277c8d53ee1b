package dev.counter.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Queue;

/**
 * fabric8's mock API server in CRUD mode, with the committed CRD installed and every request
 * recorded.
 *
 * <p>What it cannot check, and a real API server (a later issue) must: CEL rules and schema
 * validation or defaulting of CounterApps, server-side apply (a PATCH of a missing object answers
 * 404, so tests run with SSA off), garbage collection through owner references, and any controller
 * (no Deployment ever gets a status unless a test writes one). Built-in kinds have no status
 * subresource here either: the operator's PUT of a changed Deployment drops the status a test
 * wrote, where a real API server would keep it.
 */
public final class MockCluster implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final RecordingDispatcher requests;

    private MockCluster(KubernetesMockServer server, RecordingDispatcher requests) {
        this.server = server;
        this.requests = requests;
        this.client = server.createClient();
    }

    public static MockCluster start() {
        var responses = new HashMap<ServerRequest, Queue<ServerResponse>>();
        var recording = new RecordingDispatcher(new KubernetesMixedDispatcher(responses));
        var server =
                new KubernetesMockServer(
                        new Context(Serialization.jsonMapper()),
                        new MockWebServer(),
                        responses,
                        recording,
                        false);
        server.init();
        var cluster = new MockCluster(server, recording);
        cluster.client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(committedCrd())
                .create();
        return cluster;
    }

    /**
     * Installs a CRD for a namespaced kind, as a cluster with that operator has it (monitoring.coreos
     * .com for the Prometheus Operator). The mock does not validate against schemas, so the schema
     * keeps every field; the e2e suite installs the real CRDs.
     */
    public void installCrdOf(Class<? extends HasMetadata> kind) {
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(
                        new CustomResourceDefinitionBuilder()
                                .withNewMetadata()
                                .withName(HasMetadata.getFullResourceName(kind))
                                .endMetadata()
                                .withNewSpec()
                                .withGroup(HasMetadata.getGroup(kind))
                                .withScope("Namespaced")
                                .withNewNames()
                                .withKind(HasMetadata.getKind(kind))
                                .withPlural(HasMetadata.getPlural(kind))
                                .withSingular(HasMetadata.getSingular(kind))
                                .endNames()
                                .addNewVersion()
                                .withName(HasMetadata.getVersion(kind))
                                .withServed(true)
                                .withStorage(true)
                                .withNewSchema()
                                .withNewOpenAPIV3Schema()
                                .withType("object")
                                .withXKubernetesPreserveUnknownFields(true)
                                .endOpenAPIV3Schema()
                                .endSchema()
                                .endVersion()
                                .endSpec()
                                .build())
                .create();
    }

    /** The CRD as committed in crds/, which is what users install. */
    public static CustomResourceDefinition committedCrd() {
        try (InputStream in = Files.newInputStream(committedCrdPath())) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the committed CRD", e);
        }
    }

    /** Set by the surefire configuration in operator/pom.xml. */
    public static Path committedCrdPath() {
        return Path.of(System.getProperty("counter.crd.committed"));
    }

    public static Path generatedCrdPath() {
        return Path.of(System.getProperty("counter.crd.generated"));
    }

    public KubernetesClient client() {
        return client;
    }

    /** Another client of the same mock API whose requests tell apart by their User-Agent. */
    public KubernetesClient clientWithUserAgent(String userAgent) {
        Config config = new ConfigBuilder(client.getConfiguration()).build();
        config.setUserAgent(userAgent);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    public RecordingDispatcher requests() {
        return requests;
    }

    public KubernetesMockServer server() {
        return server;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
