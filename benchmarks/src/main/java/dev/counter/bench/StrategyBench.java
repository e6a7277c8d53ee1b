package dev.counter.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code make bench}, part 1: JMH over the three memory strategies at 1, 2, 4 and 8 threads, with
 * the bare AtomicLong baseline of the same run, printed as one table of ns per increment.
 */
public final class StrategyBench {
    /** counter-fasthttp's published BenchmarkStatusHandlerAtomicParallel (20 threads, i9-7900X). */
    private static final double GO_SEED_PARALLEL_NS = 236.1;

    private StrategyBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] threadCounts = {1, 2, 4, 8};
        List<String[]> rows = new ArrayList<>();
        for (int threads : threadCounts) {
            Options options = new OptionsBuilder()
                    .include(StrategyBenchmark.class.getName())
                    .threads(threads)
                    .forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                    .shouldFailOnError(true)
                    .build();
            Collection<RunResult> results = new Runner(options).run();
            double baselineNs = 0;
            List<double[]> strategyNs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (RunResult r : results) {
                double opsPerSecond = r.getPrimaryResult().getScore();
                double ns = 1e9 / opsPerSecond;
                String method = r.getParams().getBenchmark();
                if (method.endsWith("baselineAtomicLong")) {
                    baselineNs = ns; // same across strategy params; the last one wins
                } else {
                    names.add(r.getParams().getParam("strategy"));
                    strategyNs.add(new double[] {ns});
                }
            }
            for (int i = 0; i < names.size(); i++) {
                double ns = strategyNs.get(i)[0];
                rows.add(new String[] {
                    Integer.toString(threads), names.get(i), fmt(ns), fmt(baselineNs), fmt(ns / baselineNs) + "x",
                });
            }
        }
        System.out.println();
        System.out.println("Memory strategies, ns per /status increment (wall time per op across all threads;"
                + " lower is better)");
        System.out.printf(Locale.ROOT, "%-8s %-8s %12s %16s %10s%n", "threads", "strategy", "ns/op",
                "AtomicLong ns/op", "ratio");
        for (String[] row : rows) {
            System.out.printf(Locale.ROOT, "%-8s %-8s %12s %16s %10s%n", (Object[]) row);
        }
        System.out.printf(Locale.ROOT, "reference: Go seed BenchmarkStatusHandlerAtomicParallel %.1f ns/op"
                + " (20 threads, i9-7900X, whole HTTP handler)%n", GO_SEED_PARALLEL_NS);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }
}
