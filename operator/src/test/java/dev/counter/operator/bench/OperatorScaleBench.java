package dev.counter.operator.bench;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.OperatorHarness;
import dev.counter.operator.testing.RecordingDispatcher.Request;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Operator scale on the mock API. Not a test: it asserts nothing about time. Two phases:
 *
 * <ol>
 *   <li>burst: N CounterApps are created while the operator runs; measured until every one has its
 *       ConfigMap, Deployment, Service and a status;
 *   <li>restart: a new operator starts on the N converged CounterApps (cache sync plus one
 *       reconcile each), which must write nothing.
 * </ol>
 *
 * <p>Run: {@code mvn -pl operator test-compile exec:exec@bench [-Dbench.apps=500]}. The mock API
 * runs in the same JVM: the RSS and heap figures cover operator and mock together, and on two cores
 * they share the CPU.
 */
public final class OperatorScaleBench {

    private static final String BENCH_AGENT = "counter-scale-bench";
    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);
    private static final List<String> WRITES = List.of("POST", "PUT", "PATCH", "DELETE");

    private final Map<String, String> rows = new LinkedHashMap<>();
    private final int apps;

    private OperatorScaleBench(int apps) {
        this.apps = apps;
    }

    public static void main(String[] args) throws Exception {
        int apps = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        quietLogging();
        new OperatorScaleBench(apps).run();
    }

    private void run() throws Exception {
        row("CounterApps", String.valueOf(apps));
        row("RSS at start (JVM only)", mib(rssKiB("VmRSS") * 1024));
        try (OperatorHarness harness = OperatorHarness.start();
                KubernetesClient bench = benchClient(harness)) {
            burst(harness, bench);
            restart(harness, bench);
            row("peak RSS (VmHWM)", mib(rssKiB("VmHWM") * 1024));
            row("peak heap used", mib(peakHeapBytes()));
            System.gc();
            row(
                    "live heap after GC",
                    mib(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()));
            row("max heap (-Xmx)", mib(Runtime.getRuntime().maxMemory()));
        }
        print();
    }

    private void burst(OperatorHarness harness, KubernetesClient bench)
            throws InterruptedException {
        int mark = harness.cluster().requests().count();
        long start = System.nanoTime();
        for (int i = 0; i < apps; i++) {
            bench.resource(CounterApps.newApp(String.format("bench-%04d", i), Backend.MEMORY))
                    .create();
        }
        long created = System.nanoTime();
        await(() -> converged(bench));
        long done = System.nanoTime();
        await(harness::idle);
        double reconciles = harness.reconciliations();
        List<Request> requests = operatorRequests(harness, mark);

        row("burst: all created after", seconds(created - start));
        row("burst: all converged after", seconds(done - start));
        row("burst: throughput", format("%.0f CounterApps/s", apps / ((done - start) / 1e9)));
        row(
                "burst: reconciles",
                format("%.0f (%.2f per CounterApp)", reconciles, reconciles / apps));
        row("burst: operator requests", format("%d %s", requests.size(), byKind(requests)));
        row("burst: requests per reconcile", format("%.2f", requests.size() / reconciles));
        row("burst: writes per CounterApp", format("%.2f", writes(requests) / (double) apps));
    }

    private void restart(OperatorHarness harness, KubernetesClient bench)
            throws InterruptedException {
        int mark = harness.cluster().requests().count();
        long start = System.nanoTime();
        harness.restartOperator();
        long synced = System.nanoTime();
        await(() -> harness.reconciliations() >= apps && harness.idle());
        long done = System.nanoTime();
        List<Request> requests = operatorRequests(harness, mark);

        row("restart: caches synced after", seconds(synced - start));
        row("restart: all reconciled after", seconds(done - start));
        row("restart: operator requests", format("%d %s", requests.size(), byKind(requests)));
        row("restart: writes", String.valueOf(writes(requests)));
        if (!converged(bench)) {
            throw new IllegalStateException("the restart lost the converged state");
        }
    }

    private boolean converged(KubernetesClient bench) {
        String ns = CounterApps.NAMESPACE;
        long withStatus =
                bench.resources(CounterApp.class).inNamespace(ns).list().getItems().stream()
                        .filter(
                                app ->
                                        app.getStatus() != null
                                                && app.getStatus().getObservedGeneration() != null)
                        .count();
        return withStatus == apps
                && bench.configMaps().inNamespace(ns).list().getItems().size() == apps
                && bench.apps().deployments().inNamespace(ns).list().getItems().size() == apps
                && bench.services().inNamespace(ns).list().getItems().size() == apps;
    }

    /** Polls rarely: the bench's own list requests load the same mock the operator uses. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + TIME_LIMIT);
            }
            Thread.sleep(200);
        }
    }

    private static List<Request> operatorRequests(OperatorHarness harness, int mark) {
        return harness.cluster().requests().since(mark).stream()
                .filter(request -> !BENCH_AGENT.equals(request.userAgent()))
                .toList();
    }

    /** A client whose requests the bench can tell apart from the operator's. */
    private static KubernetesClient benchClient(OperatorHarness harness) {
        return harness.cluster().clientWithUserAgent(BENCH_AGENT);
    }

    private static Map<String, Long> byKind(List<Request> requests) {
        return requests.stream()
                .collect(
                        Collectors.groupingBy(
                                r ->
                                        r.method().equals("GET") && r.path().contains("watch=true")
                                                ? "WATCH"
                                                : r.method(),
                                TreeMap::new,
                                Collectors.counting()));
    }

    private static long writes(List<Request> requests) {
        return requests.stream().filter(r -> WRITES.contains(r.method())).count();
    }

    private void row(String name, String value) {
        rows.put(name, value);
    }

    private void print() {
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(10);
        System.out.println();
        System.out.println(
                "Operator scale on the mock API (SSA off; operator and mock API in one JVM)");
        rows.forEach((name, value) -> System.out.printf("  %-" + width + "s  %s%n", name, value));
    }

    private static void quietLogging() {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.SEVERE);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(Level.SEVERE);
        }
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    private static String seconds(long nanos) {
        return format("%.2f s", nanos / 1e9);
    }

    private static String mib(long bytes) {
        return format("%d MiB", bytes / (1024 * 1024));
    }

    private static long rssKiB(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> line.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(field + " not in /proc/self/status"));
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(MemoryUsage::getUsed)
                .sum();
    }
}
