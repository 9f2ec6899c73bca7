package dev.formbridge.benchmark.throughput;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A closed-loop load: {@code threads} workers call an operation back to back for a warm-up, then for a measured
 * window; calls that start inside the window count, with their latency.
 */
final class Load {
    /** One call of the operation by worker {@code worker}, its {@code n}th; returns null on success, else why not. */
    interface Operation {
        String call(int worker, long n) throws Exception;
    }

    /** The measured window: completed calls per second, sorted latencies in ns, failures by reason. */
    record Result(
            String name, double seconds, long[] latencies, Map<String, Integer> failures, double cpuMicrosPerCall) {
        double perSecond() {
            return (latencies.length) / seconds;
        }

        int errors() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private Load() {}

    static Result run(String name, int threads, Duration warmup, Duration measured, Operation operation)
            throws InterruptedException {
        long start = System.nanoTime();
        long from = start + warmup.toNanos();
        long to = from + measured.toNanos();
        List<long[]> perWorker = new ArrayList<>();
        int[] counts = new int[threads];
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            perWorker.add(new long[1 << 16]);
            workers.add(Thread.ofPlatform().name(name + "-" + w).start(() -> {
                long n = 0;
                for (long now = System.nanoTime(); now < to; now = System.nanoTime()) {
                    String failure;
                    try {
                        failure = operation.call(worker, n++);
                    } catch (Exception e) {
                        failure = e.getClass().getSimpleName();
                    }
                    long took = System.nanoTime() - now;
                    if (now >= from) {
                        if (failure == null) {
                            long[] mine = perWorker.get(worker);
                            if (counts[worker] == mine.length) {
                                perWorker.set(worker, mine = Arrays.copyOf(mine, mine.length * 2));
                            }
                            mine[counts[worker]++] = took;
                        } else {
                            failures.merge(failure, 1, Integer::sum);
                        }
                    }
                }
            }));
        }
        long cpuFrom;
        while (System.nanoTime() < from) {
            Thread.sleep(5);
        }
        cpuFrom = cpuNanos();
        while (System.nanoTime() < to) {
            Thread.sleep(5);
        }
        long cpu = cpuNanos() - cpuFrom;
        for (Thread worker : workers) {
            worker.join();
        }
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int w = 0; w < threads; w++) {
            System.arraycopy(perWorker.get(w), 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        return new Result(
                name,
                measured.toNanos() / 1e9,
                all,
                new TreeMap<>(failures),
                all.length == 0 ? 0 : cpu / 1e3 / all.length);
    }

    /** CPU time of this whole JVM (senders, server, handlers, clients), in ns. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
