package dev.counter.e2e;

import static org.awaitility.Awaitility.await;

import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.EtcdCluster;
import dev.counter.testkit.FreePort;
import dev.counter.testkit.TempDirs;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A Kubernetes control plane of real processes on free loopback ports: etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler and KWOK with one fake node whose pods KWOK marks running
 * and ready (no container ever runs). Closing stops every process it started, in reverse order,
 * also after a failed start.
 *
 * <p>Driven by testkit's child processes rather than io.fabric8:kube-api-test: that library starts
 * only etcd and the API server, writes into the binary cache, and its offline switches fail in 7.x;
 * the controller-manager, scheduler and KWOK would still need this code, so one lifecycle for all
 * six processes is simpler.
 */
public final class ControlPlane implements AutoCloseable {

    public static final String NODE = "kwok-node-0";

    /** Whose requests the audit log keeps: the operator's ServiceAccount. */
    public static final String OPERATOR_USER =
            "system:serviceaccount:counter-operator-system:counter-operator";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final ControlPlaneBinaries binaries;
    private final Path dir;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final String adminToken = randomToken();
    private int apiPort;
    private KubernetesClient client;
    private Kubectl kubectl;

    private ControlPlane(ControlPlaneBinaries binaries, Path dir) {
        this.binaries = binaries;
        this.dir = dir;
    }

    public static ControlPlane start(ControlPlaneBinaries binaries) {
        ControlPlane plane;
        try {
            plane = new ControlPlane(binaries, Files.createTempDirectory("control-plane-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            plane.startAll();
            return plane;
        } catch (RuntimeException | Error e) {
            plane.close();
            throw e;
        }
    }

    private void startAll() {
        EtcdCluster etcd = EtcdCluster.start(1);
        started.push(etcd);
        writeFiles();
        apiPort = FreePort.pick();
        ChildProcess apiServer = process("kube-apiserver", apiServerCommand(etcd.endpoints()));
        await("kube-apiserver /readyz").atMost(START_TIMEOUT).ignoreExceptions()
                .until(() -> ready(apiServer));
        Path kubeconfig = dir.resolve("admin.kubeconfig");
        Kubeconfigs.write(kubeconfig, serverUrl(), adminToken);
        kubectl = new Kubectl(binaries.kubectl(), kubeconfig);
        client =
                new KubernetesClientBuilder()
                        .withConfig(
                                new ConfigBuilder(Config.empty())
                                        .withMasterUrl(serverUrl())
                                        .withOauthToken(adminToken)
                                        .withTrustCerts(true)
                                        .build())
                        .build();
        started.push(client);

        process(
                "kube-controller-manager",
                List.of(
                        binaries.kubeControllerManager(),
                        "--kubeconfig=" + kubeconfig,
                        "--bind-address=127.0.0.1",
                        "--secure-port=" + FreePort.pick(),
                        "--cert-dir=" + dir.resolve("kcm-certs"),
                        "--leader-elect=false",
                        // no cloud, no pod network, no kubelets: the controllers for those stay off
                        "--controllers=*,-nodeipam,-nodelifecycle,-route,-cloud-node-lifecycle,-service",
                        "--service-account-private-key-file=" + dir.resolve("sa.key"),
                        "--root-ca-file=" + dir.resolve("certs/apiserver.crt")));
        process(
                "kube-scheduler",
                List.of(
                        binaries.kubeScheduler(),
                        "--kubeconfig=" + kubeconfig,
                        "--bind-address=127.0.0.1",
                        "--secure-port=" + FreePort.pick(),
                        "--leader-elect=false"));
        process(
                "kwok",
                List.of(
                        binaries.kwok(),
                        "--kubeconfig=" + kubeconfig,
                        "--config=" + binaries.kwokStages(),
                        "--manage-all-nodes=false",
                        "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                        "--cidr=10.0.0.1/24",
                        "--node-ip=10.0.0.1"));
        addNode();
        // pods of a namespace are refused until its default ServiceAccount exists
        await("the default ServiceAccount").atMost(START_TIMEOUT).ignoreExceptions().until(() ->
                        client.serviceAccounts().inNamespace("default").withName("default").get()
                                != null);
    }

    /**
     * The fake node. With the node-lifecycle controller off, nothing removes the not-ready taint
     * that admission puts on a new node, so it is removed here once KWOK reports the node Ready.
     */
    private void addNode() {
        Map<String, Quantity> capacity =
                Map.of(
                        "cpu", new Quantity("64"),
                        "memory", new Quantity("256Gi"),
                        "pods", new Quantity("500"));
        client.nodes()
                .resource(
                        new NodeBuilder()
                                .withNewMetadata()
                                .withName(NODE)
                                .addToAnnotations("kwok.x-k8s.io/node", "fake")
                                .addToLabels("kubernetes.io/hostname", NODE)
                                .addToLabels("kubernetes.io/os", "linux")
                                .addToLabels("kubernetes.io/arch", "amd64")
                                .addToLabels("type", "kwok")
                                .endMetadata()
                                .withNewStatus()
                                .withCapacity(capacity)
                                .withAllocatable(capacity)
                                .endStatus()
                                .build())
                .create();
        await("KWOK to report node " + NODE + " Ready").atMost(START_TIMEOUT).ignoreExceptions()
                .until(() ->
                        client.nodes().withName(NODE).get().getStatus().getConditions().stream()
                                .anyMatch(
                                        c ->
                                                c.getType().equals("Ready")
                                                        && c.getStatus().equals("True")));
        // a merge patch carries no resourceVersion: KWOK's and the node controller's concurrent
        // status updates cannot make it fail with 409 Conflict, as a read-modify-write edit did
        client.nodes()
                .withName(NODE)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"taints\":null}}");
    }

    private List<String> apiServerCommand(String etcdEndpoints) {
        return List.of(
                binaries.kubeApiserver(),
                "--etcd-servers=" + etcdEndpoints,
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + apiPort,
                "--cert-dir=" + dir.resolve("certs"),
                "--service-cluster-ip-range=10.96.0.0/16",
                "--service-account-issuer=https://kubernetes.default.svc",
                "--service-account-key-file=" + dir.resolve("sa.key"),
                "--service-account-signing-key-file=" + dir.resolve("sa.key"),
                "--token-auth-file=" + dir.resolve("tokens.csv"),
                "--authorization-mode=Node,RBAC",
                // the bundled NFS server is privileged; Pod Security admission still applies
                "--allow-privileged=true",
                "--audit-policy-file=" + dir.resolve("audit-policy.yaml"),
                "--audit-log-path=" + auditLog(),
                "--audit-log-format=json");
    }

    private void writeFiles() {
        try {
            Files.writeString(dir.resolve("sa.key"), serviceAccountKey());
            Files.writeString(
                    dir.resolve("tokens.csv"), adminToken + ",admin,admin,\"system:masters\"\n");
            // only the operator's requests: the suite reads who wrote what, and what was refused
            Files.writeString(
                    dir.resolve("audit-policy.yaml"),
                    """
                    apiVersion: audit.k8s.io/v1
                    kind: Policy
                    omitStages: ["RequestReceived"]
                    rules:
                      - level: Metadata
                        users: ["%s"]
                      - level: None
                    """
                            .formatted(OPERATOR_USER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key that signs ServiceAccount tokens (TokenRequest) and verifies them. */
    private static String serviceAccountKey() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ChildProcess process(String name, List<String> command) {
        ChildProcess process = ChildProcess.start(name, command, Map.of());
        started.push(process);
        return process;
    }

    private boolean ready(ChildProcess apiServer) {
        if (!apiServer.isAlive()) {
            throw new IllegalStateException("kube-apiserver exited:\n" + tail(apiServer.output()));
        }
        try {
            HttpResponse<String> response =
                    insecureHttp()
                            .send(
                                    HttpRequest.newBuilder(URI.create(serverUrl() + "/readyz"))
                                            .header("Authorization", "Bearer " + adminToken)
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The API server's certificate is self-signed for 127.0.0.1; nothing but loopback is asked. */
    private static HttpClient insecureHttp() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(X509Certificate[] chain, String auth) {}

                            @Override
                            public void checkServerTrusted(X509Certificate[] chain, String auth) {}

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    new SecureRandom());
            return HttpClient.newBuilder()
                    .sslContext(context)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public String serverUrl() {
        return "https://127.0.0.1:" + apiPort;
    }

    /** A cluster-admin client. */
    public KubernetesClient client() {
        return client;
    }

    /** kubectl as cluster-admin. */
    public Kubectl kubectl() {
        return kubectl;
    }

    public ControlPlaneBinaries binaries() {
        return binaries;
    }

    /** The API server's audit log: the operator's requests, one JSON object a line. */
    public Path auditLog() {
        return dir.resolve("audit.log");
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
        TempDirs.delete(dir);
    }
}
