package dev.counter.e2e;

import static org.awaitility.Awaitility.await;

import dev.counter.operator.OperatorMain;
import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The operator process in its production configuration (server-side apply, leader election, all
 * namespaces) with the ServiceAccount's token, as {@code operator/deploy}'s Deployment runs it. Its
 * name is its pod name: the Lease identity and the User-Agent in the audit log.
 */
public final class OperatorProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final ChildProcess process;

    private OperatorProcess(String name, int port, ChildProcess process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    public static OperatorProcess start(Installation installation, String name) {
        int port = FreePort.pick();
        ChildProcess process =
                ChildProcess.java(
                        name,
                        OperatorMain.class.getName(),
                        Map.of(
                                "KUBECONFIG",
                                installation.operatorKubeconfig().toString(),
                                "HOSTNAME",
                                name,
                                "LEADER_ELECTION",
                                "true",
                                "POD_NAMESPACE",
                                Installation.OPERATOR_NAMESPACE,
                                "OPERATOR_HTTP_PORT",
                                String.valueOf(port)),
                        "-Xmx384m",
                        "-XX:TieredStopAtLevel=1",
                        "-Dkubernetes.auth.tryServiceAccount=false",
                        "-Dkubernetes.user.agent=" + name);
        var operator = new OperatorProcess(name, port, process);
        try {
            // ready once started: after the CRD check and JOSDK's permission checks
            await(name + " /readyz").atMost(Duration.ofMinutes(1)).ignoreExceptions()
                    .until(operator::ready);
        } catch (AssertionError e) {
            String output = process.output();
            process.close();
            throw new AssertionError(e.getMessage() + "; its output:\n" + output, e);
        }
        return operator;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited:\n" + process.output());
        }
        try {
            return get("/readyz").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The operator's Prometheus exposition, as its metrics Service serves it. */
    public String metrics() {
        try {
            HttpResponse<String> response = get("/metrics");
            if (response.statusCode() != 200) {
                throw new IllegalStateException(name + " /metrics: " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(name + " /metrics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " /metrics interrupted", e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        return process.output();
    }

    /** SIGKILL: a node lost, no chance to release the Lease. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
