package dev.counter.testkit;

import static org.awaitility.Awaitility.await;

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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Real {@code etcd} members on free loopback ports, forming one cluster. Members can be killed and
 * started again (with their data), which is how the fault tests run. With {@link Tls} the members
 * speak https to clients and peers and require client certificates, as the operator runs them.
 */
public final class EtcdCluster implements AutoCloseable {
    /**
     * PEM files for every member: {@code cert} serves clients and peers and, holding both key
     * usages, is also what members and etcdctl present as clients.
     */
    public record Tls(Path caCert, Path cert, Path key) {
        List<String> memberArgs() {
            return List.of("--cert-file", cert.toString(), "--key-file", key.toString(),
                    "--trusted-ca-file", caCert.toString(), "--client-cert-auth",
                    "--peer-cert-file", cert.toString(), "--peer-key-file", key.toString(),
                    "--peer-trusted-ca-file", caCert.toString(), "--peer-client-cert-auth");
        }

        List<String> etcdctlArgs() {
            return List.of("--cacert", caCert.toString(), "--cert", cert.toString(), "--key", key.toString());
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String binary;
    private final Path dir;
    private final List<Member> members = new ArrayList<>();
    private final List<Member> spares = new ArrayList<>();
    private final String initialCluster;
    private final Optional<Tls> tls;

    /** One member's ports and process. */
    public static final class Member {
        final String name;
        final int clientPort;
        final int peerPort;
        // health is read here, on plain http, as the pods' probes read it when clients need TLS
        final int metricsPort = FreePort.pick();
        final String scheme;
        ChildProcess process;

        Member(String name, int clientPort, int peerPort, String scheme) {
            this.name = name;
            this.clientPort = clientPort;
            this.peerPort = peerPort;
            this.scheme = scheme;
        }

        public String clientUrl() {
            return scheme + "://127.0.0.1:" + clientPort;
        }

        public int clientPort() {
            return clientPort;
        }

        public String name() {
            return name;
        }

        public String peerUrl() {
            return scheme + "://127.0.0.1:" + peerPort;
        }
    }

    private EtcdCluster(String binary, Path dir, int size, Optional<Tls> tls) {
        this.binary = binary;
        this.dir = dir;
        this.tls = tls;
        for (int i = 0; i < size; i++) {
            members.add(newMember("m" + i));
        }
        this.initialCluster = members.stream().map(m -> m.name + "=" + m.peerUrl()).collect(Collectors.joining(","));
    }

    public static EtcdCluster start(int size) {
        EtcdCluster cluster = prepare(size);
        cluster.startAll();
        return cluster;
    }

    /** {@link #start(int)} with https client and peer URLs and mutual TLS. */
    public static EtcdCluster start(int size, Tls tls) {
        EtcdCluster cluster = prepare(size, Optional.of(tls));
        cluster.startAll();
        return cluster;
    }

    /** Ports chosen, nothing started: for tests of a service started before etcd. */
    public static EtcdCluster prepare(int size) {
        return prepare(size, Optional.empty());
    }

    private static EtcdCluster prepare(int size, Optional<Tls> tls) {
        try {
            return new EtcdCluster(Binaries.require("etcd", "etcd-server"), Files.createTempDirectory("etcd-"), size,
                    tls);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Member newMember(String name) {
        return new Member(name, FreePort.pick(), FreePort.pick(), tls.isPresent() ? "https" : "http");
    }

    public void startAll() {
        for (Member m : members) {
            launch(m);
        }
        for (Member m : members) {
            awaitHealthy(m);
        }
    }

    /**
     * The current leader, as the members report it ({@code etcdctl endpoint status}): its name.
     * Killing the leader is the harder fault, with an election in the middle of the load.
     */
    public Member leader() {
        String status = etcdctl("endpoint", "status", "-w", "json");
        Matcher leader = Pattern.compile("\"leader\":(\\d+)").matcher(status);
        if (!leader.find()) {
            throw new AssertionError("no leader in: " + status);
        }
        String leaderId = leader.group(1);
        Matcher entry = Pattern.compile(
                "\"Endpoint\":\"([^\"]+)\".*?\"member_id\":(\\d+)").matcher(status);
        while (entry.find()) {
            if (entry.group(2).equals(leaderId)) {
                String endpoint = entry.group(1);
                return members.stream().filter(m -> m.clientUrl().equals(endpoint)).findFirst().orElseThrow();
            }
        }
        throw new AssertionError("leader " + leaderId + " is none of the members: " + status);
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /** The comma-separated client URLs, as {@code ETCD_ENDPOINTS} takes them. */
    public String endpoints() {
        return members.stream().map(Member::clientUrl).collect(Collectors.joining(","));
    }

    /**
     * Ports for a member that joins later (as a learner added through the member API), named
     * {@code name}. Not part of {@link #members()} or {@link #endpoints()}; closed with the cluster.
     */
    public Member spare(String name) {
        Member m = newMember(name);
        spares.add(m);
        return m;
    }

    /**
     * Starts {@code m} as a member of the running cluster ({@code --initial-cluster-state
     * existing}); it must have been added with the member API first. Does not wait: a learner
     * catches up on its own time.
     */
    public void join(Member m, String initialCluster) {
        launch(m, initialCluster, "existing");
    }

    /** Deletes a (stopped) member's data dir: the disk of its pod is gone. */
    public void wipe(Member m) {
        TempDirs.delete(dir.resolve(m.name));
    }

    /** Whether the member's process still runs (a member that cannot start exits). */
    public boolean running(Member m) {
        return m.process != null && m.process.isAlive();
    }

    private void launch(Member m) {
        launch(m, initialCluster, "new");
    }

    private void launch(Member m, String initialCluster, String state) {
        // Short heartbeats and elections keep fault tests fast; loopback has no latency to absorb.
        List<String> command = new ArrayList<>(List.of(binary,
                "--name", m.name,
                "--data-dir", dir.resolve(m.name).toString(),
                "--listen-client-urls", m.clientUrl(),
                "--advertise-client-urls", m.clientUrl(),
                "--listen-peer-urls", m.peerUrl(),
                "--initial-advertise-peer-urls", m.peerUrl(),
                "--initial-cluster", initialCluster,
                "--initial-cluster-state", state,
                "--initial-cluster-token", "test-" + dir.getFileName(),
                "--heartbeat-interval", "50",
                "--election-timeout", "500",
                "--logger", "zap",
                "--log-outputs", "stderr",
                "--listen-metrics-urls", "http://127.0.0.1:" + m.metricsPort));
        tls.ifPresent(t -> command.addAll(t.memberArgs()));
        m.process = ChildProcess.start("etcd:" + m.name, command, Map.of());
    }

    private void awaitHealthy(Member m) {
        await("etcd member " + m.name + " to be healthy").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> healthy(m));
    }

    public boolean healthy(Member m) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + m.metricsPort + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGSTOP one member: it stalls with its connections open. */
    public void pause(Member m) {
        m.process.pause();
    }

    public void resume(Member m) {
        m.process.resume();
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
        tls.ifPresent(t -> command.addAll(t.etcdctlArgs()));
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
        for (Member m : spares) {
            if (m.process != null) {
                m.process.close();
            }
        }
        TempDirs.delete(dir);
    }
}
