package dev.counter.app.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatcherMetricsTest {
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static final class Req extends Batcher.Item<Integer> {
        Req() {
            super(System.nanoTime() + Duration.ofSeconds(5).toNanos());
        }
    }

    @AfterEach
    void stop() {
        rounds.shutdownNow();
    }

    @Test
    void batchSizesQueueAndRefusalsAreMeteredPerBatcher() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Void> firstRound = new CompletableFuture<>();
        Batcher<Req> b = new Batcher<>("increments", 4, 5, rounds, batch -> {
            firstRound.complete(null);
            return release.thenRun(() -> batch.forEach(r -> r.complete(1)));
        });
        BatcherMetrics.bind(registry, List.of(b));
        List<Req> reqs = List.of(new Req(), new Req(), new Req(), new Req(), new Req(), new Req(), new Req());
        b.submit(reqs.get(0));
        firstRound.get(5, TimeUnit.SECONDS); // the first goes at once and holds the round
        reqs.subList(1, 7).forEach(b::submit); // five wait, the seventh finds the queue full
        assertEquals(5.0, registry.get("counter.queue.depth").gauge().value());
        assertEquals(1.0, registry.get("counter.backpressure.rejections").tag("batch", "increments")
                .functionCounter().count());
        release.complete(null);
        for (Req r : reqs.subList(0, 6)) {
            r.result().get(5, TimeUnit.SECONDS);
        }
        DistributionSummary sizes = registry.get("counter.batch.size").tag("batch", "increments").summary();
        assertEquals(3, sizes.count(), "rounds of 1, then 4, then 1");
        assertEquals(6.0, sizes.totalAmount());
        assertEquals(4.0, sizes.max());
        assertEquals(0.0, registry.get("counter.queue.depth").gauge().value());
    }
}
