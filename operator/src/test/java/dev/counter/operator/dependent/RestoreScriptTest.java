package dev.counter.operator.dependent;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.testing.CounterApps;
import dev.counter.testkit.Binaries;
import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.EtcdCluster;
import dev.counter.testkit.FreePort;
import dev.counter.testkit.TempDirs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The restore init container's script, taken from the operator's desired etcd StatefulSet: a new
 * member restores the snapshot and starts with its data; a member with data is left alone.
 */
class RestoreScriptTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SNAPSHOT = "hits-etcd-snapshot-29410000.db";

    private Path dir;

    @BeforeEach
    void takeSnapshot() throws IOException {
        dir = Files.createTempDirectory("restore-");
        Files.createDirectories(dir.resolve("snapshots"));
        try (EtcdCluster source = EtcdCluster.start(1)) {
            source.etcdctl("put", "counters/hits", "1234");
            source.etcdctl(
                    "snapshot", "save", dir.resolve("snapshots").resolve(SNAPSHOT).toString());
        }
        // the checksum the snapshot Job writes once the snapshot passed its status check
        Path snapshot = dir.resolve("snapshots").resolve(SNAPSHOT);
        Files.writeString(
                dir.resolve("snapshots").resolve(SNAPSHOT + ".sha256"),
                sha256(snapshot) + "  " + SNAPSHOT + "\n");
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void removeFiles() {
        TempDirs.delete(dir);
    }

    @Test
    void aNewMemberRestoresTheSnapshotAndARestartedOneKeepsItsData() {
        int clientPort = FreePort.pick();
        int peerPort = FreePort.pick();
        Map<String, String> env = restoreEnvironment(peerPort);

        try (ChildProcess restore = runRestore(env)) {
            assertThat(restore.awaitExit(TIMEOUT)).as("output:%n%s", restore.output()).isZero();
            assertThat(restore.output()).contains("restored m0");
        }
        assertThat(dir.resolve("data").resolve("member")).isDirectory();

        try (ChildProcess member = startMember(env, clientPort, peerPort)) {
            String endpoint = "http://127.0.0.1:" + clientPort;
            await("restored member to serve").atMost(TIMEOUT).ignoreExceptions()
                    .until(() -> get(endpoint).contains("1234"));
        }

        // the pod restarts: its member data exists, so the snapshot must not be applied again
        try (ChildProcess again = runRestore(env)) {
            assertThat(again.awaitExit(TIMEOUT)).isZero();
            assertThat(again.output()).contains("holds member data already");
        }
    }

    /** A member without data in a cluster that formed: restoring would roll it back; it must join. */
    @Test
    void aMemberOfAFormedClusterIsNotRestoredButLeftToJoin() throws IOException {
        Map<String, String> env = restoreEnvironment(FreePort.pick());
        Files.writeString(Path.of(env.get("MEMBERS_DIR")).resolve("bootstrapped"), "true");
        try (ChildProcess restore = runRestore(env)) {
            assertThat(restore.awaitExit(TIMEOUT)).as("output:%n%s", restore.output()).isZero();
            assertThat(restore.output()).contains("the cluster formed already: m0 joins it");
        }
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aMissingSnapshotFailsTheInitContainerWithAClearMessage() {
        Map<String, String> env = restoreEnvironment(FreePort.pick());
        env.put("SNAPSHOT_FILE", dir.resolve("snapshots").resolve("nope.db").toString());
        try (ChildProcess restore = runRestore(env)) {
            assertThat(restore.awaitExit(TIMEOUT)).isNotZero();
            assertThat(restore.output()).contains("nope.db is not on the snapshot volume");
        }
        assertThat(dir.resolve("data")).doesNotExist();
    }

    /**
     * The init container's literal variables, with this machine's paths and a single loopback
     * member for the ones that refer to cluster DNS.
     */
    private Map<String, String> restoreEnvironment(int peerPort) {
        Container restore = restoreContainer();
        var env = new HashMap<String, String>();
        for (EnvVar variable : restore.getEnv()) {
            if (variable.getValue() != null) {
                env.put(variable.getName(), variable.getValue());
            }
        }
        assertThat(env.get("SNAPSHOT_FILE")).isEqualTo("/snapshots/" + SNAPSHOT);
        env.put("SNAPSHOT_FILE", dir.resolve("snapshots").resolve(SNAPSHOT).toString());
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("MEMBER_NAME", "m0");
        env.put("PEER_URL", "http://127.0.0.1:" + peerPort);
        assertThat(env).doesNotContainKey("INITIAL_CLUSTER").containsKey("MEMBERS_DIR");
        Path members = dir.resolve("members");
        try {
            Files.createDirectories(members);
            Files.writeString(members.resolve("bootstrap"), "m0=http://127.0.0.1:" + peerPort);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        env.put("MEMBERS_DIR", members.toString());
        env.put("PATH", System.getenv("PATH"));
        // the pod's /dev/termination-log is no place to write on the test's machine
        env.put("TERMINATION_LOG", dir.resolve("termination-log").toString());
        return env;
    }

    private static Container restoreContainer() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        var etcd = new EtcdSpec();
        etcd.getSnapshots().setEnabled(true);
        etcd.setRestoreFrom(SNAPSHOT);
        app.getSpec().setEtcd(etcd);
        List<Container> init =
                EtcdStatefulSetDependent.desired(app, Optional.empty())
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getInitContainers();
        return init.stream()
                .filter(c -> c.getName().equals(EtcdStatefulSetDependent.RESTORE_CONTAINER))
                .findFirst()
                .orElseThrow();
    }

    /** The init container's command, with this machine's sh and etcdctl. */
    private static ChildProcess runRestore(Map<String, String> env) {
        Binaries.require("etcdctl", "etcd-client");
        List<String> command = restoreContainer().getCommand();
        return ChildProcess.start(
                "restore-script",
                List.of(Binaries.require("sh", "dash"), command.get(1), command.get(2)),
                env);
    }

    private static ChildProcess startMember(Map<String, String> env, int clientPort, int peerPort) {
        String client = "http://127.0.0.1:" + clientPort;
        return ChildProcess.start(
                "etcd-restored",
                List.of(
                        Binaries.require("etcd", "etcd-server"),
                        "--name",
                        env.get("MEMBER_NAME"),
                        "--data-dir",
                        env.get("DATA_DIR"),
                        "--listen-client-urls",
                        client,
                        "--advertise-client-urls",
                        client,
                        "--listen-peer-urls",
                        env.get("PEER_URL"),
                        "--initial-advertise-peer-urls",
                        env.get("PEER_URL"),
                        "--initial-cluster",
                        "m0=" + env.get("PEER_URL"),
                        "--initial-cluster-token",
                        env.get("CLUSTER_TOKEN")),
                Map.of());
    }

    private static String get(String endpoint) {
        try (ChildProcess get =
                ChildProcess.start(
                        "etcdctl-get",
                        List.of(
                                Binaries.require("etcdctl", "etcd-client"),
                                "--endpoints",
                                endpoint,
                                "get",
                                "counters/hits",
                                "--print-value-only"),
                        Map.of("ETCDCTL_API", "3"))) {
            return get.awaitExit(TIMEOUT) == 0 ? get.output() : "";
        }
    }
}
