package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.counter.testkit.EtcdCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot and restore scripts as the pods run them: /bin/sh, the real etcdctl and a real etcd
 * member, so what the operator reads from the termination message is what etcd reported.
 */
class EtcdSnapshotScriptTest {

    private static final String PREFIX = "app-etcd-snapshot";
    private static EtcdCluster etcd;

    @TempDir Path dir;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdCluster.start(1);
        etcd.etcdctl("put", "counter", "42");
    }

    @AfterAll
    static void stopEtcd() {
        etcd.close();
    }

    @Test
    void recordsSizeChecksumAndEtcdStatusOfTheSnapshot() throws Exception {
        Run run = snapshot(PREFIX + "-00000010", 3, Map.of());

        assertThat(run.exit).as(run.output).isZero();
        Path file = dir.resolve("snapshots/" + PREFIX + "-00000010.db");
        JsonNode proof = new ObjectMapper().readTree(run.terminationMessage);
        assertThat(run.terminationMessage.strip()).doesNotContain("\n");
        assertThat(proof.get("file").asText()).isEqualTo(PREFIX + "-00000010.db");
        assertThat(proof.get("size").asLong()).isEqualTo(Files.size(file));
        String sha256 = sha256sum(file);
        assertThat(proof.get("sha256").asText()).isEqualTo(sha256);
        assertThat(Files.readString(Path.of(file + ".sha256")))
                .isEqualTo(sha256 + "  " + PREFIX + "-00000010.db\n");
        assertThat(proof.get("revision").asLong()).isPositive();
        assertThat(proof.get("totalKeys").asLong()).isPositive();
        assertThat(proof.get("totalSize").asLong()).isPositive();
        assertThat(proof.get("hash").isIntegralNumber()).isTrue();
    }

    @Test
    void retentionKeepsTheNewestVerifiedSnapshotOverANewerPartialOne() throws Exception {
        assertThat(snapshot(PREFIX + "-00000002", 1, Map.of()).exit).isZero();
        Path snapshots = dir.resolve("snapshots");
        // a newer Job that died mid-way: its file never got a checksum
        Files.writeString(snapshots.resolve(PREFIX + "-00000009.db"), "partial");
        Files.writeString(snapshots.resolve("by-hand.db"), "kept");

        Run run = snapshot(PREFIX + "-00000005", 1, Map.of());

        assertThat(run.exit).as(run.output).isZero();
        assertThat(snapshots.resolve(PREFIX + "-00000005.db")).exists();
        assertThat(snapshots.resolve(PREFIX + "-00000005.db.sha256")).exists();
        assertThat(snapshots.resolve(PREFIX + "-00000002.db")).doesNotExist();
        assertThat(snapshots.resolve(PREFIX + "-00000002.db.sha256")).doesNotExist();
        assertThat(snapshots.resolve(PREFIX + "-00000009.db")).exists();
        assertThat(snapshots.resolve("by-hand.db")).exists();
    }

    @Test
    void retentionOfZeroStillKeepsTheNewestVerifiedSnapshot() throws Exception {
        Run run = snapshot(PREFIX + "-00000003", 0, Map.of());

        assertThat(run.exit).as(run.output).isZero();
        assertThat(dir.resolve("snapshots/" + PREFIX + "-00000003.db")).exists();
        assertThat(dir.resolve("snapshots/" + PREFIX + "-00000003.db.sha256")).exists();
    }

    @Test
    void aTruncatedSnapshotFailsTheJobAndIsRemoved() throws Exception {
        // the fault: the saved file loses its tail, as on a full or flaky snapshot volume
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path wrapper = bin.resolve("etcdctl");
        Files.writeString(
                wrapper,
                "#!/bin/sh\n"
                        + "/usr/bin/etcdctl \"$@\" || exit $?\n"
                        + "for last; do :; done\n"
                        + "case \"$*\" in *'snapshot save'*) truncate -s 100 \"$last\";; esac\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run run =
                snapshot(
                        PREFIX + "-00000004",
                        3,
                        Map.of("PATH", bin + ":" + System.getenv("PATH")));

        assertThat(run.exit).as(run.output).isNotZero();
        assertThat(dir.resolve("snapshots/" + PREFIX + "-00000004.db")).doesNotExist();
        assertThat(dir.resolve("snapshots/" + PREFIX + "-00000004.db.sha256")).doesNotExist();
        assertThat(run.terminationMessage).contains("failed verification");
    }

    @Test
    void restoreRefusesASnapshotWhoseChecksumDoesNotMatch() throws Exception {
        assertThat(snapshot(PREFIX + "-00000006", 3, Map.of()).exit).isZero();
        Path file = dir.resolve("snapshots/" + PREFIX + "-00000006.db");
        Files.write(file, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);

        Run run = restore(file);

        assertThat(run.exit).as(run.output).isNotZero();
        assertThat(run.terminationMessage).contains("its checksum file says");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void restoreRefusesASnapshotWithoutChecksum() throws Exception {
        assertThat(snapshot(PREFIX + "-00000007", 3, Map.of()).exit).isZero();
        Path file = dir.resolve("snapshots/" + PREFIX + "-00000007.db");
        Files.delete(Path.of(file + ".sha256"));

        Run run = restore(file);

        assertThat(run.exit).as(run.output).isNotZero();
        assertThat(run.terminationMessage).contains("has no checksum file");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void restoreStartsFromAVerifiedSnapshot() throws Exception {
        assertThat(snapshot(PREFIX + "-00000008", 3, Map.of()).exit).isZero();

        Run run = restore(dir.resolve("snapshots/" + PREFIX + "-00000008.db"));

        assertThat(run.exit).as(run.output).isZero();
        assertThat(dir.resolve("data/member")).isDirectory();
    }

    private Run snapshot(String name, int retain, Map<String, String> extra) throws Exception {
        Files.createDirectories(dir.resolve("snapshots"));
        Map<String, String> env = new HashMap<>();
        env.put("ETCD_ENDPOINT", etcd.members().get(0).clientUrl());
        env.put("SNAPSHOT_DIR", dir.resolve("snapshots").toString());
        env.put("SNAPSHOT_NAME", name);
        env.put("SNAPSHOT_PREFIX", PREFIX);
        env.put("RETAIN", Integer.toString(retain));
        env.putAll(extra);
        return run(Scripts.ETCD_SNAPSHOT, env);
    }

    private Run restore(Path file) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("SNAPSHOT_FILE", file.toString());
        env.put("MEMBER_NAME", "restored");
        Path members = Files.createDirectories(dir.resolve("members"));
        Files.writeString(members.resolve("bootstrap"), "restored=http://127.0.0.1:2380");
        env.put("MEMBERS_DIR", members.toString());
        env.put("CLUSTER_TOKEN", "restore-test");
        env.put("PEER_URL", "http://127.0.0.1:2380");
        return run(Scripts.ETCD_RESTORE, env);
    }

    private Run run(String script, Map<String, String> env) throws Exception {
        Path log = dir.resolve("termination-log");
        Files.deleteIfExists(log);
        Path output = dir.resolve("output");
        ProcessBuilder builder =
                new ProcessBuilder("/bin/sh", "-c", script)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        builder.environment().put("TERMINATION_LOG", log.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the script hung: " + Files.readString(output));
        }
        String message = Files.exists(log) ? Files.readString(log) : "";
        return new Run(process.exitValue(), Files.readString(output), message);
    }

    private static String sha256sum(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sha256sum", file.toString()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        return out.split(" ")[0];
    }

    private record Run(int exit, String output, String terminationMessage) {}
}
