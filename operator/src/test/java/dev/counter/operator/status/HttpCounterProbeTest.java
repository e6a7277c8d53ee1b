package dev.counter.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import dev.counter.operator.status.PodReadiness.CounterState;
import dev.counter.operator.testing.CounterPod;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class HttpCounterProbeTest {

    private final HttpCounterProbe probe = new HttpCounterProbe();

    @Test
    void readsCounterAppsReadinessBodies() {
        try (CounterPod ready = CounterPod.serve("etcd", "ready", 41);
                CounterPod lost = CounterPod.serve("etcd", "lost", 41);
                CounterPod garbage = CounterPod.serve("etcd", "garbage", 7)) {
            lost.lost(41, 41);
            garbage.unusable(7);

            List<PodReadiness> answers = probe.probe(List.of(pod(ready), pod(lost), pod(garbage)));

            assertThat(answers)
                    .extracting(
                            PodReadiness::pod,
                            PodReadiness::counterState,
                            PodReadiness::highWaterMark)
                    .containsExactly(
                            tuple("ready", CounterState.INTACT, OptionalLong.of(41)),
                            tuple("lost", CounterState.LOST, OptionalLong.of(41)),
                            tuple("garbage", CounterState.UNUSABLE, OptionalLong.of(7)));
            assertThat(answers.get(2).reason())
                    .contains(
                            "stored value unusable: counter/base holds \"garbage\", not a number");
        }
    }

    @Test
    void aHangingPodCostsAtMostTheDeadlineAndTheOthersStillCount() throws IOException {
        var release = new CountDownLatch(1);
        HttpServer hanging =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hanging.createContext(
                "/ready",
                exchange -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                });
        hanging.start();
        try (CounterPod ready = CounterPod.serve("redis", "ready", 3)) {
            long start = System.nanoTime();
            List<PodReadiness> answers =
                    probe.probe(
                            List.of(
                                    CounterPod.pod(
                                            "app",
                                            "hanging",
                                            "127.0.0.1",
                                            hanging.getAddress().getPort()),
                                    pod(ready),
                                    CounterPod.pod("app", "no-ip", null, 8080)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(answers).extracting(PodReadiness::pod).containsExactly("ready");
            assertThat(took).isLessThan(HttpCounterProbe.DEADLINE.plusMillis(500));
        } finally {
            release.countDown();
            hanging.stop(0);
        }
    }

    private static Pod pod(CounterPod pod) {
        return CounterPod.pod("app", pod.name(), "127.0.0.1", pod.port());
    }
}
