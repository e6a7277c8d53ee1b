package dev.counter.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.config.OperatorConfig;
import dev.counter.operator.model.Backend;
import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppStatus;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.status.ConditionTypes;
import dev.counter.operator.status.Reasons;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.CounterPod;
import dev.counter.operator.testing.DeploymentStatuses;
import dev.counter.operator.testing.Events;
import dev.counter.operator.testing.OperatorExtension;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator asks the counter pods of Redis and etcd CounterApps for their {@code /ready} and
 * records the high-water mark and the CounterState condition.
 */
class CounterStateReportingTest {

    @RegisterExtension
    static final OperatorExtension operator =
            new OperatorExtension(Map.of(OperatorConfig.COUNTER_STATE_REFRESH_SECONDS, "1"));

    private final List<CounterPod> pods = new ArrayList<>();

    @AfterEach
    void stopPods() {
        pods.forEach(CounterPod::close);
    }

    @Test
    void theMarkIsTheHighestValueEverReportedAndIsRefreshedWithoutAnyChange() {
        create(redis("marks"));
        CounterPod first = pod("marks", "redis", "marks-a", 41);
        pod("marks", "redis", "marks-b", 7);

        Await.until("mark 41", () -> mark("marks").equals(Optional.of(41L)));
        assertThat(condition("marks", ConditionTypes.COUNTER_STATE))
                .satisfies(
                        c -> {
                            assertThat(c.isTrue()).isTrue();
                            assertThat(c.getReason()).isEqualTo(Reasons.INTACT);
                        });

        // nothing changes in the API: only the periodic refresh can see it
        first.ready(45);
        Await.until("mark 45", () -> mark("marks").equals(Optional.of(45L)));

        // the pod restarted and knows less: the mark stays
        first.ready(3);
        awaitTwoMoreProbes(first);
        assertThat(mark("marks")).contains(45L);
    }

    @Test
    void aLostCounterIsReportedWithTheValueToResumeAboveAndRecovers() {
        create(etcd("lost"));
        CounterPod a = pod("lost", "etcd", "lost-a", 60);
        CounterPod b = pod("lost", "etcd", "lost-b", 12);
        Await.until("mark 60", () -> mark("lost").equals(Optional.of(60L)));
        DeploymentStatuses.write(
                operator.client(), "lost", g -> DeploymentStatuses.podsFailing(g, 2, 0));

        // a pod restarted on an emptied store knows only 41; the operator recorded 60
        a.lost(41, 41);
        b.lost(41, 12);
        Await.until(
                "counter state lost",
                () ->
                        Reasons.COUNTER_STATE_LOST.equals(
                                condition("lost", ConditionTypes.COUNTER_STATE).getReason()));
        Condition lost = condition("lost", ConditionTypes.COUNTER_STATE);
        assertThat(lost.isTrue()).isFalse();
        assertThat(lost.getMessage())
                .startsWith(
                        "pod lost-a: counter state lost: the store has no counter, but 41 was"
                                + " handed out; resume above 41")
                .contains("resume above 60, the highest value the operator recorded")
                .contains(
                        "docs/fault-tolerance.md#recovery-resume-above-the-last-value-handed-out");
        Await.untilAsserted(
                () -> {
                    Condition degraded = condition("lost", ConditionTypes.DEGRADED);
                    assertThat(degraded.isTrue()).isTrue();
                    assertThat(degraded.getReason()).isEqualTo(Reasons.COUNTER_STATE_LOST);
                    assertThat(degraded.getMessage())
                            .isEqualTo(
                                    condition("lost", ConditionTypes.COUNTER_STATE).getMessage());
                });
        assertThat(mark("lost")).contains(60L);
        Await.until(
                "lost event",
                () ->
                        Events.exists(
                                operator.client(), "lost", "Warning", Reasons.COUNTER_STATE_LOST));

        // the recovery step: the store resumed at 60, the pods count on
        a.ready(61);
        b.ready(61);
        DeploymentStatuses.write(
                operator.client(), "lost", g -> DeploymentStatuses.rolledOut(g, 2));
        Await.until("intact again", () -> condition("lost", ConditionTypes.COUNTER_STATE).isTrue());
        Await.until("mark 61", () -> mark("lost").equals(Optional.of(61L)));
        Await.until(
                "intact event",
                () -> Events.exists(operator.client(), "lost", "Normal", Reasons.INTACT));
        Await.until("not degraded", () -> !condition("lost", ConditionTypes.DEGRADED).isTrue());
    }

    @Test
    void anUnusableStoredValueIsReportedAsThePodsSayIt() {
        create(etcd("garbage"));
        CounterPod pod = pod("garbage", "etcd", "garbage-a", 7);
        Await.until("mark 7", () -> mark("garbage").equals(Optional.of(7L)));

        pod.unusable(7);
        Await.until(
                "unusable",
                () ->
                        Reasons.STORED_VALUE_UNUSABLE.equals(
                                condition("garbage", ConditionTypes.COUNTER_STATE).getReason()));
        assertThat(condition("garbage", ConditionTypes.COUNTER_STATE).getMessage())
                .startsWith(
                        "pod garbage-a: stored value unusable: counter/base holds \"garbage\", not"
                                + " a number");
        Await.until(
                "unusable event",
                () ->
                        Events.exists(
                                operator.client(),
                                "garbage",
                                "Warning",
                                Reasons.STORED_VALUE_UNUSABLE));

        // the store going down is no news of the counter: the verdict stands
        pod.backendUnavailable(7);
        awaitTwoMoreProbes(pod);
        assertThat(condition("garbage", ConditionTypes.COUNTER_STATE).getReason())
                .isEqualTo(Reasons.STORED_VALUE_UNUSABLE);
    }

    @Test
    void podsThatCannotBeAskedAreLeftOut() throws Exception {
        create(redis("partly"));
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        operator.client()
                .resource(CounterPod.pod("partly", "partly-gone", "127.0.0.1", closedPort))
                .create();
        operator.client()
                .resource(CounterPod.pod("partly", "partly-starting", null, 8080))
                .create();
        pod("partly", "redis", "partly-ok", 5);

        Await.until("mark 5", () -> mark("partly").equals(Optional.of(5L)));
        assertThat(condition("partly", ConditionTypes.COUNTER_STATE).isTrue()).isTrue();
        assertThat(condition("partly", ConditionTypes.DEGRADED).isTrue()).isFalse();
    }

    @Test
    void memoryCounterPodsAreNotAsked() {
        create(CounterApps.newApp("local", Backend.MEMORY));
        CounterPod pod = pod("local", "memory", "local-a", 9);
        Await.until("status", () -> status("local") != null);
        // a pod event reconciles the CounterApp
        double before = operator.harness().reconciliations();
        operator.client()
                .pods()
                .inNamespace(CounterApps.NAMESPACE)
                .withName("local-a")
                .edit(
                        p -> {
                            p.getMetadata().getLabels().put("touched-by-test", "yes");
                            return p;
                        });
        Await.until(
                "reconciled",
                () -> operator.harness().reconciliations() > before && operator.harness().idle());

        assertThat(pod.requests()).isZero();
        assertThat(status("local").getCounter()).isNull();
        assertThat(status("local").condition(ConditionTypes.COUNTER_STATE)).isEmpty();
    }

    private CounterPod pod(String app, String backend, String name, long mark) {
        CounterPod pod = CounterPod.start(operator.client(), app, backend, name, mark);
        pods.add(pod);
        return pod;
    }

    /** Two more requests: at least one whole reconcile saw the answer set before. */
    private static void awaitTwoMoreProbes(CounterPod pod) {
        int seen = pod.requests();
        Await.until("two more probes of " + pod.name(), () -> pod.requests() >= seen + 2);
        Await.until("operator idle", operator.harness()::idle);
    }

    private static void create(CounterApp app) {
        operator.client().resource(app).create();
    }

    private static CounterApp redis(String name) {
        CounterApp app = CounterApps.newApp(name, Backend.REDIS);
        var redis = new RedisSpec();
        redis.setUrl("redis://redis.example:6379");
        app.getSpec().setRedis(redis);
        app.getSpec().setReplicas(2);
        return app;
    }

    private static CounterApp etcd(String name) {
        CounterApp app = CounterApps.newApp(name, Backend.ETCD);
        var etcd = new EtcdSpec();
        etcd.setEndpoints(List.of("http://etcd-0:2379"));
        app.getSpec().setEtcd(etcd);
        app.getSpec().setReplicas(2);
        return app;
    }

    private static CounterAppStatus status(String name) {
        CounterApp app = CounterApps.get(operator.client(), name);
        return app == null ? null : app.getStatus();
    }

    private static Optional<Long> mark(String name) {
        return Optional.ofNullable(status(name))
                .map(CounterAppStatus::getCounter)
                .map(counter -> counter.getHighWaterMark());
    }

    private static Condition condition(String name, String type) {
        return Optional.ofNullable(status(name))
                .flatMap(s -> s.condition(type))
                .orElse(new Condition(type, false, "Absent", "no such condition yet"));
    }
}
