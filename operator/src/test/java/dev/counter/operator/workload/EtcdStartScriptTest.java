package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.testkit.Binaries;
import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.FreePort;
import dev.counter.testkit.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The etcd container's start script run by /bin/sh against the members ConfigMap as mounted
 * files: an {@code etcd} on PATH that records its arguments shows which way the member starts;
 * one case runs the real etcd.
 */
class EtcdStartScriptTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String BOOTSTRAP = "m0=http://127.0.0.1:1";

    private Path dir;
    private Path dataDir;
    private Path membersDir;
    private Path terminationLog;
    private Path recordedArgs;
    private Path fakeBin;

    @BeforeEach
    void createDirs() throws IOException {
        dir = Files.createTempDirectory("etcd-start-");
        dataDir = dir.resolve("data");
        membersDir = Files.createDirectories(dir.resolve("members"));
        terminationLog = dir.resolve("termination-log");
        recordedArgs = dir.resolve("args");
        fakeBin = Files.createDirectories(dir.resolve("bin"));
        Path etcd = fakeBin.resolve("etcd");
        Files.writeString(etcd, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + recordedArgs + "\"\n");
        Files.setPosixFilePermissions(etcd, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(membersDir.resolve("bootstrap"), BOOTSTRAP);
    }

    @AfterEach
    void removeFiles() {
        TempDirs.delete(dir);
    }

    @Test
    void aNeverBootstrappedClusterStartsStaticallyAsNew() throws IOException {
        assertThat(runWithFakeEtcd()).isZero();
        assertThat(Files.readAllLines(recordedArgs))
                .containsExactly(
                        "--name=m0",
                        "--initial-cluster=" + BOOTSTRAP,
                        "--initial-cluster-state=new");
    }

    @Test
    void aMemberWithItsOwnDataStartsWithoutBootstrapFlags() throws IOException {
        Files.createDirectories(dataDir.resolve("member"));
        Files.writeString(membersDir.resolve("bootstrapped"), "true");
        assertThat(runWithFakeEtcd()).isZero();
        assertThat(Files.readAllLines(recordedArgs)).containsExactly("--name=m0");
        assertThat(dataDir.resolve("member")).isDirectory();
    }

    @Test
    void aNewJoinIdWipesStaleDataAndJoinsTheExistingCluster() throws IOException {
        Files.createDirectories(dataDir.resolve("member"));
        Files.writeString(dataDir.resolve("member").resolve("stale"), "old membership");
        Files.writeString(membersDir.resolve("bootstrapped"), "true");
        Files.writeString(membersDir.resolve("join.m0.id"), "join-7");
        Files.writeString(
                membersDir.resolve("join.m0.cluster"), "m1=http://a:2380,m0=http://b:2380");

        assertThat(runWithFakeEtcd()).isZero();
        assertThat(Files.readAllLines(recordedArgs))
                .containsExactly(
                        "--name=m0",
                        "--initial-cluster=m1=http://a:2380,m0=http://b:2380",
                        "--initial-cluster-state=existing");
        assertThat(dataDir.resolve("member")).doesNotExist();
        assertThat(Files.readString(dir.resolve("data.join-id")).strip()).isEqualTo("join-7");

        // the learner wrote its data under this join id: a restart keeps it
        Files.createDirectories(dataDir.resolve("member"));
        Files.writeString(dataDir.resolve("member").resolve("joined"), "new membership");
        assertThat(runWithFakeEtcd()).isZero();
        assertThat(Files.readAllLines(recordedArgs)).containsExactly("--name=m0");
        assertThat(dataDir.resolve("member").resolve("joined")).exists();
    }

    @Test
    void anEmptyDataDirInABootstrappedClusterWithoutAJoinFailsWithTheDataLostMessage()
            throws IOException {
        Files.writeString(membersDir.resolve("bootstrapped"), "true");
        assertThat(runWithFakeEtcd()).isEqualTo(1);
        assertThat(recordedArgs).doesNotExist();
        assertThat(Files.readString(terminationLog))
                .isEqualTo("member m0 has no data for a bootstrapped cluster\n");
    }

    @Test
    void theRealEtcdBootstrapsAsNewFromTheScript() {
        int clientPort = FreePort.pick();
        int peerPort = FreePort.pick();
        String peer = "http://127.0.0.1:" + peerPort;
        String client = "http://127.0.0.1:" + clientPort;
        String etcd = Binaries.require("etcd", "etcd-server");
        String etcdctl = Binaries.require("etcdctl", "etcd-client");
        write(membersDir.resolve("bootstrap"), "m0=" + peer);
        var env = environment(Path.of(etcd).getParent().toString());
        try (ChildProcess member =
                ChildProcess.start(
                        "etcd-start-real",
                        command(
                                "--name=m0",
                                "--data-dir=" + dataDir,
                                "--listen-client-urls=" + client,
                                "--advertise-client-urls=" + client,
                                "--listen-peer-urls=" + peer,
                                "--initial-advertise-peer-urls=" + peer),
                        env)) {
            await("the bootstrapped member to serve")
                    .atMost(TIMEOUT)
                    .ignoreExceptions()
                    .until(
                            () -> {
                                try (ChildProcess health =
                                        ChildProcess.start(
                                                "etcdctl-health",
                                                List.of(
                                                        etcdctl,
                                                        "--endpoints",
                                                        client,
                                                        "endpoint",
                                                        "health"),
                                                Map.of("ETCDCTL_API", "3"))) {
                                    return health.awaitExit(TIMEOUT) == 0;
                                }
                            });
            assertThat(member.isAlive()).as("output:%n%s", member.output()).isTrue();
        }
        assertThat(dataDir.resolve("member")).isDirectory();
    }

    private int runWithFakeEtcd() {
        try (ChildProcess start =
                ChildProcess.start(
                        "etcd-start",
                        command("--name=m0"),
                        environment(fakeBin + ":" + System.getenv("PATH")))) {
            return start.awaitExit(TIMEOUT);
        }
    }

    private List<String> command(String... etcdArgs) {
        Path script = dir.resolve("etcd-start.sh");
        write(script, Scripts.ETCD_START);
        var command = new ArrayList<String>();
        command.add(Binaries.require("sh", "dash"));
        command.add(script.toString());
        command.addAll(List.of(etcdArgs));
        return command;
    }

    private Map<String, String> environment(String path) {
        return Map.of(
                "PATH", path,
                "MEMBER_NAME", "m0",
                "DATA_DIR", dataDir.toString(),
                "MEMBERS_DIR", membersDir.toString(),
                "TERMINATION_LOG", terminationLog.toString());
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
