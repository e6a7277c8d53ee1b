package dev.counter.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Real {@code etcd} members on free loopback ports, forming one cluster. Members can be killed and
 * started again (with their data), which is how the fault tests run.
 */
public final class EtcdCluster implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String binary;
    private final Path dir;
    private final List<Member> members = new ArrayList<>();
    private final String initialCluster;

    /** One member's ports and process. */
    public static final class Member {
        final String name;
        final int clientPort;
        final int peerPort;
        ChildProcess process;

        Member(String name, int clientPort, int peerPort) {
            this.name = name;
            this.clientPort = clientPort;
            this.peerPort = peerPort;
        }

        public String clientUrl() {
            return "http://127.0.0.1:" + clientPort;
        }

        public int clientPort() {
            return clientPort;
        }

        String peerUrl() {
            return "http://127.0.0.1:" + peerPort;
        }
    }

    private EtcdCluster(String binary, Path dir, int size) {
        this.binary = binary;
        this.dir = dir;
        for (int i = 0; i < size; i++) {
            members.add(new Member("m" + i, FreePort.pick(), FreePort.pick()));
        }
        this.initialCluster = members.stream().map(m -> m.name + "=" + m.peerUrl()).collect(Collectors.joining(","));
    }

    public static EtcdCluster start(int size) {
        try {
            EtcdCluster cluster = new EtcdCluster(Binaries.require("etcd", "etcd-server"),
                    Files.createTempDirectory("etcd-"), size);
            for (Member m : cluster.members) {
                cluster.launch(m);
            }
            for (Member m : cluster.members) {
                cluster.awaitHealthy(m);
            }
            return cluster;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /** The comma-separated client URLs, as {@code ETCD_ENDPOINTS} takes them. */
    public String endpoints() {
        return members.stream().map(Member::clientUrl).collect(Collectors.joining(","));
    }

    private void launch(Member m) {
        // Short heartbeats and elections keep fault tests fast; loopback has no latency to absorb.
        m.process = ChildProcess.start("etcd:" + m.name, List.of(binary,
                "--name", m.name,
                "--data-dir", dir.resolve(m.name).toString(),
                "--listen-client-urls", m.clientUrl(),
                "--advertise-client-urls", m.clientUrl(),
                "--listen-peer-urls", m.peerUrl(),
                "--initial-advertise-peer-urls", m.peerUrl(),
                "--initial-cluster", initialCluster,
                "--initial-cluster-state", "new",
                "--initial-cluster-token", "test-" + dir.getFileName(),
                "--heartbeat-interval", "50",
                "--election-timeout", "500",
                "--logger", "zap",
                "--log-outputs", "stderr"), Map.of());
    }

    private void awaitHealthy(Member m) {
        Await.until("etcd member " + m.name + " to be healthy", Duration.ofSeconds(30), () -> healthy(m));
    }

    public boolean healthy(Member m) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(m.clientUrl() + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL one member. */
    public void kill(Member m) {
        m.process.kill();
    }

    /** Starts a killed member again with its data; waits until it is healthy. */
    public void restart(Member m) {
        launch(m);
        awaitHealthy(m);
    }

    /** Runs {@code etcdctl} against this cluster; its output (fails the test on a non-zero exit). */
    public String etcdctl(String... args) {
        List<String> command = new ArrayList<>(List.of(Binaries.require("etcdctl", "etcd-client"),
                "--endpoints", endpoints()));
        command.addAll(List.of(args));
        try (ChildProcess p = ChildProcess.start("etcdctl", command, Map.of("ETCDCTL_API", "3"))) {
            int status = p.awaitExit(Duration.ofSeconds(30));
            if (status != 0) {
                throw new AssertionError("etcdctl " + String.join(" ", args) + " exited " + status + ":\n" + p.output());
            }
            return p.output();
        }
    }

    @Override
    public void close() {
        for (Member m : members) {
            if (m.process != null) {
                m.process.close();
            }
        }
        TempDirs.delete(dir);
    }
}
