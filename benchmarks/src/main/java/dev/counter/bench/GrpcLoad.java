package dev.counter.bench;

import dev.counter.app.grpc.proto.incrementBy;
import dev.counter.app.grpc.proto.incrementCounterGrpc;
import dev.counter.app.grpc.proto.status;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop gRPC load generator, the Java counterpart of the original's k6 script: {@code calls}
 * virtual users each keep one {@code increment} in flight (async stubs, the next call sent from the
 * previous one's answer) for a fixed duration, spread over a few HTTP/2 connections.
 */
final class GrpcLoad {
    /** Calls answered OK per second, latency percentiles of those, and every call that was not OK. */
    record Result(double callsPerSecond, double p50Millis, double p99Millis, long failures) {
    }

    private static final incrementBy ONE = incrementBy.newBuilder().setValue(1).build();
    /** Room for the latencies of a 10 s run at well over 500k calls/s; later ones are counted only. */
    private static final int MAX_SAMPLES = 8_000_000;

    private GrpcLoad() {
    }

    static Result run(int port, int calls, int connections, Duration duration) throws InterruptedException {
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            // answers handled on the transport thread: the loop only records and sends the next call
            channels.add(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build());
        }
        try {
            Run run = new Run(System.nanoTime() + duration.toNanos(), calls);
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                run.next(incrementCounterGrpc.newStub(channels.get(i % connections)));
            }
            if (!run.stopped.await(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("calls still in flight 30 s after the end of the run");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = Arrays.copyOf(run.latencies, Math.min(run.samples.get(), MAX_SAMPLES));
            Arrays.sort(sorted);
            return new Result(run.ok.sum() / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99),
                    run.failed.sum());
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)] / 1e6;
    }

    /** The shared state of one run's virtual users. */
    private static final class Run {
        final long endNanos;
        final long[] latencies = new long[MAX_SAMPLES];
        final AtomicInteger samples = new AtomicInteger();
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final CountDownLatch stopped;

        Run(long endNanos, int calls) {
            this.endNanos = endNanos;
            this.stopped = new CountDownLatch(calls);
        }

        void next(incrementCounterGrpc.incrementCounterStub stub) {
            long sent = System.nanoTime();
            if (sent - endNanos >= 0) {
                stopped.countDown();
                return;
            }
            stub.withDeadlineAfter(10, TimeUnit.SECONDS).increment(ONE, new StreamObserver<status>() {
                @Override
                public void onNext(status value) {
                    ok.increment();
                    int i = samples.getAndIncrement();
                    if (i < MAX_SAMPLES) {
                        latencies[i] = System.nanoTime() - sent;
                    }
                }

                @Override
                public void onError(Throwable t) {
                    failed.increment();
                    // off this stack: a call refused at once fails inline, and would recurse
                    CompletableFuture.runAsync(() -> next(stub));
                }

                @Override
                public void onCompleted() {
                    next(stub);
                }
            });
        }
    }
}
