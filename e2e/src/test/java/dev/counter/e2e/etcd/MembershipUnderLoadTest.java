package dev.counter.e2e.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.operator.etcd.GatewayEtcdAdmin;
import dev.counter.operator.etcd.MembershipRounds;
import dev.counter.operator.etcd.ProcessWorkload;
import dev.counter.operator.testing.OperatorCertificates;
import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.EtcdCluster;
import dev.counter.testkit.FreePort;
import dev.counter.testkit.Http;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The counter service (as its jar in a child process: its Netty is not the operator's) stays exact
 * while the planner grows its etcd 3 -> 5, shrinks it back to 3 and repairs a wiped member; once
 * over plain http, once with {@code etcd.tls}: members, counter and the operator's admin client
 * with the certificates the operator issues, new members joining over peer TLS.
 */
class MembershipUnderLoadTest {
    private static final Pattern VALUE = Pattern.compile("count value = (\\d+)");
    private static final Path REPOSITORY = Path.of(System.getProperty("counter.repository")).normalize();

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void everyAcknowledgedIncrementSurvivesMembershipChangesAndARepair(boolean tls) throws Exception {
        Path jar = REPOSITORY.resolve("counter-app/target/counter-app.jar");
        assertThat(jar).as("build it: mvn -pl counter-app -am -DskipTests package").isRegularFile();
        try (OperatorCertificates certs = OperatorCertificates.issue("membership");
                EtcdCluster etcd = tls ? EtcdCluster.start(3, certs.members()) : EtcdCluster.start(3)) {
            ProcessWorkload workload = new ProcessWorkload(etcd, 3);
            List<URI> urls = IntStream.range(0, 5).mapToObj(i -> URI.create(workload.member(i).clientUrl())).toList();
            GatewayEtcdAdmin admin = new GatewayEtcdAdmin(urls,
                    tls ? Optional.of(certs.adminContext()) : Optional.empty(), Duration.ofSeconds(2));
            workload.admin(admin);
            MembershipRounds rounds = new MembershipRounds(admin, workload);
            int port = FreePort.pick();
            String endpoints = urls.stream().map(URI::toString).collect(Collectors.joining(","));
            String java = ProcessHandle.current().info().command().orElse("java");
            Map<String, String> env = new HashMap<>(Map.of(
                    "PORT", Integer.toString(port), "GRPC_PORT", Integer.toString(FreePort.pick()),
                    "COUNTER_BACKEND", "etcd", "ETCD_ENDPOINTS", endpoints,
                    "COUNTER_KEY", "membership-" + System.nanoTime()));
            if (tls) {
                env.putAll(certs.counterEnv());
            }
            try (ChildProcess app = ChildProcess.start("counter-app", List.of(java, "-jar", jar.toString()), env)) {
                Http http = new Http(port);
                await("counter-app ready").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> http.get("/ready").status() == 200);

                ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> load = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    Thread thread = new Thread(() -> {
                        Http client = new Http(port);
                        while (!stop.get()) {
                            try {
                                Http.Answer a = client.get("/increment");
                                Matcher m = VALUE.matcher(a.body());
                                if (a.status() == 200 && m.find()) {
                                    acknowledged.add(Long.parseLong(m.group(1)));
                                }
                            } catch (RuntimeException e) {
                                // A failed request may or may not have applied: it is not counted.
                            }
                        }
                    });
                    thread.start();
                    load.add(thread);
                }

                rounds.converge(5);
                assertThat(admin.members()).hasSize(5).noneMatch(m -> m.learner());
                rounds.converge(3);
                assertThat(admin.members()).hasSize(3);
                EtcdCluster.Member victim = workload.member(2);
                long oldId = admin.status(URI.create(victim.clientUrl())).memberId();
                etcd.kill(victim);
                etcd.wipe(victim);
                etcd.join(victim, etcd.members().get(0).name() + "=" + etcd.members().get(0).peerUrl() + ","
                        + victim.name() + "=" + victim.peerUrl());
                await("wiped member exits").atMost(Duration.ofSeconds(30)).until(() -> !etcd.running(victim));
                rounds.converge(3);
                assertThat(admin.members()).hasSize(3).noneMatch(m -> m.id() == oldId || m.learner());

                stop.set(true);
                for (Thread thread : load) {
                    thread.join(Duration.ofSeconds(30).toMillis());
                }
                // No request is in flight now, so the last value is the highest ever handed out.
                Matcher last = VALUE.matcher(http.get("/fetch").body());
                assertThat(last.find()).isTrue();
                long finalValue = Long.parseLong(last.group(1));
                Set<Long> unique = new HashSet<>(acknowledged);
                System.out.println("tls=" + tls + ": acknowledged " + acknowledged.size()
                        + " increments, final value " + finalValue + "; not applied: " + rounds.refusals());

                assertThat(acknowledged).isNotEmpty();
                assertThat(unique).as("every acknowledged value is unique").hasSameSizeAs(acknowledged);
                assertThat(acknowledged).allMatch(v -> v <= finalValue);
                assertThat((long) acknowledged.size()).isLessThanOrEqualTo(finalValue);
                assertThat(acknowledged.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(finalValue);
                assertThat(app.isAlive()).isTrue();
            } finally {
                admin.close();
            }
        }
    }
}
