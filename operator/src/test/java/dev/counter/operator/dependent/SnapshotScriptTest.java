package dev.counter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.testing.CounterApps;
import dev.counter.testkit.Binaries;
import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.EtcdCluster;
import dev.counter.testkit.TempDirs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The snapshot CronJob's script, taken from the operator's desired CronJob and run as the Job's
 * container would run it, against a real etcd on loopback, with a temporary directory as the
 * snapshot volume.
 */
class SnapshotScriptTest {

    private static final int RETAIN = 3;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private static EtcdCluster etcd;
    private static Path volume;

    @BeforeAll
    static void startEtcd() throws IOException {
        etcd = EtcdCluster.start(1);
        etcd.etcdctl("put", "counters/hits", "41");
        volume = Files.createTempDirectory("snapshot-volume-");
    }

    @AfterAll
    static void stopEtcd() throws IOException {
        etcd.close();
        Files.deleteIfExists(terminationLog());
        TempDirs.delete(volume);
    }

    @Test
    void eachRunSavesAVerifiableSnapshotAndOnlyTheNewestRetainedOnesStay() throws IOException {
        Container container = snapshotContainer();
        assertThat(env(container)).containsEntry("RETAIN", String.valueOf(RETAIN));
        String prefix = env(container).get("SNAPSHOT_PREFIX");
        // a snapshot taken by hand (kubectl create job --from=cronjob/...) is never pruned
        Files.writeString(volume.resolve("before-the-upgrade.db"), "kept as it is");

        List<String> jobs =
                Stream.iterate(29_410_000, minute -> minute + 30)
                        .limit(RETAIN + 2)
                        .map(minute -> prefix + "-" + minute)
                        .toList();
        for (String job : jobs) {
            etcd.etcdctl("put", "counters/hits", job);
            ChildProcess run = runScript(container, job);
            assertThat(run.awaitExit(RUN_TIMEOUT)).as("script output:%n%s", run.output()).isZero();
            assertThat(run.output()).contains("saved " + volume.resolve(job + ".db"));
            run.close();
        }

        List<String> expected =
                jobs.subList(jobs.size() - RETAIN, jobs.size()).stream()
                        .map(job -> job + ".db")
                        .toList();
        try (Stream<Path> files = Files.list(volume)) {
            // each kept snapshot with the checksum that marks it verified
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(
                            Stream.concat(
                                            expected.stream()
                                                    .flatMap(f -> Stream.of(f, f + ".sha256")),
                                            Stream.of("before-the-upgrade.db"))
                                    .toList());
        }
        for (String file : expected) {
            String status = etcd.etcdctl("snapshot", "status", volume.resolve(file).toString());
            assertThat(status).as("etcdctl snapshot status %s", file).isNotBlank();
        }
    }

    @Test
    void aFailedSnapshotFailsTheJobAndLeavesNoFile() throws IOException {
        Container container = snapshotContainer();
        Map<String, String> env = new HashMap<>(env(container));
        Path empty = Files.createTempDirectory("snapshot-volume-");
        try {
            env.put("ETCD_ENDPOINT", "http://127.0.0.1:1");
            env.put("SNAPSHOT_DIR", empty.toString());
            env.put("SNAPSHOT_NAME", env.get("SNAPSHOT_PREFIX") + "-29410000");
            try (ChildProcess run = run(container, env)) {
                assertThat(run.awaitExit(RUN_TIMEOUT)).isNotZero();
            }
            try (Stream<Path> files = Files.list(empty)) {
                assertThat(files).isEmpty();
            }
        } finally {
            TempDirs.delete(empty);
        }
    }

    private static Container snapshotContainer() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        var etcdSpec = new EtcdSpec();
        etcdSpec.getSnapshots().setEnabled(true);
        etcdSpec.getSnapshots().setRetain(RETAIN);
        app.getSpec().setEtcd(etcdSpec);
        return new SnapshotCronJobDependent()
                .desired(app, null)
                .getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
    }

    /** Beside the volume, so the volume holds only what the script leaves there. */
    private static Path terminationLog() {
        return volume.resolveSibling(volume.getFileName() + ".termination-log");
    }

    /** As the Job's pod would run it, with the test's etcd, volume and Job name. */
    private static ChildProcess runScript(Container container, String jobName) {
        Map<String, String> env = new HashMap<>(env(container));
        env.put("ETCD_ENDPOINT", etcd.endpoints());
        env.put("SNAPSHOT_DIR", volume.toString());
        env.put("SNAPSHOT_NAME", jobName);
        return run(container, env);
    }

    /**
     * Runs the container's script with this machine's sh and etcdctl; the pod's PATH points at the
     * image's binaries and the installed busybox, which do not exist here.
     */
    private static ChildProcess run(Container container, Map<String, String> env) {
        // the pod's /dev/termination-log is no place to write on the test's machine
        env.putIfAbsent("TERMINATION_LOG", terminationLog().toString());
        Binaries.require("etcdctl", "etcd-client");
        List<String> command = container.getCommand();
        assertThat(command).hasSize(3);
        env.put("PATH", System.getenv("PATH"));
        return ChildProcess.start(
                "snapshot-script",
                List.of(Binaries.require("sh", "dash"), command.get(1), command.get(2)),
                env);
    }

    /** The container's literal variables; those from the downward API are the test's to set. */
    private static Map<String, String> env(Container container) {
        var env = new HashMap<String, String>();
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null) {
                env.put(variable.getName(), variable.getValue());
            }
        }
        return env;
    }
}
