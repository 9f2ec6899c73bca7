package dev.formbridge.benchmark.throughput;

import dev.formbridge.benchmark.Cpu;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load: {@code threads} workers call an operation back to back for a warm-up, then for a measured
 * window; calls that start inside the window count, with their latency. The warm-up lasts at least its given time and
 * then until the JIT is quiet (under {@value #QUIET_COMPILE_MILLIS} ms of compilation in each of {@value #QUIET_SECONDS}
 * seconds in a row), at most {@value #MAX_WARMUP_SECONDS} s: the C2 compiler threads otherwise take a third of the CPU for the first half minute
 * of a path as large as ingest's, and the measured window would count them.
 */
final class Load {
    static final int QUIET_COMPILE_MILLIS = 20;
    static final int QUIET_SECONDS = 3;
    static final int MAX_WARMUP_SECONDS = 90;

    /** One call of the operation by worker {@code worker}, its {@code n}th; returns null on success, else why not. */
    interface Operation {
        String call(int worker, long n) throws Exception;
    }

    /** The measured window: completed calls per second, sorted latencies in ns, failures by reason. */
    record Result(
            String name,
            double warmupSeconds,
            boolean jitQuiet,
            double seconds,
            long[] latencies,
            Map<String, Integer> failures,
            double cpuMicrosPerCall,
            Cpu used) {
        double perSecond() {
            return (latencies.length) / seconds;
        }

        int errors() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private Load() {}

    /** Runs the load; {@code dynalitePid} is the process whose CPU the result reports beside this JVM's. */
    static Result run(
            String name, int threads, Duration warmup, Duration measured, long dynalitePid, Operation operation)
            throws InterruptedException {
        long start = System.nanoTime();
        AtomicLong from = new AtomicLong(Long.MAX_VALUE); // set when the warm-up ends
        AtomicLong to = new AtomicLong(Long.MAX_VALUE);
        List<long[]> perWorker = new ArrayList<>();
        int[] counts = new int[threads];
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            perWorker.add(new long[1 << 16]);
            workers.add(Thread.ofPlatform().name(name + "-" + w).start(() -> {
                long n = 0;
                for (long now = System.nanoTime(); now < to.get(); now = System.nanoTime()) {
                    String failure;
                    try {
                        failure = operation.call(worker, n++);
                    } catch (Exception e) {
                        failure = e.getClass().getSimpleName();
                    }
                    long took = System.nanoTime() - now;
                    if (now >= from.get()) {
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
        Thread.sleep(warmup.toMillis());
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long deadline = start + TimeUnit.SECONDS.toNanos(MAX_WARMUP_SECONDS);
        int quiet = 0;
        for (long compiled = jit.getTotalCompilationTime(); quiet < QUIET_SECONDS && System.nanoTime() < deadline; ) {
            Thread.sleep(1_000);
            long now = jit.getTotalCompilationTime();
            quiet = now - compiled < QUIET_COMPILE_MILLIS ? quiet + 1 : 0;
            compiled = now;
        }
        boolean jitQuiet = quiet == QUIET_SECONDS;
        // the window opens a little ahead, so no call that starts in it is missed while the bounds are being set
        long measuringFrom = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        to.set(measuringFrom + measured.toNanos());
        from.set(measuringFrom);
        while (System.nanoTime() < measuringFrom) {
            Thread.onSpinWait();
        }
        Cpu cpuFrom = Cpu.now(dynalitePid);
        while (System.nanoTime() < to.get()) {
            Thread.sleep(5);
        }
        Cpu used = Cpu.now(dynalitePid).since(cpuFrom);
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
                (measuringFrom - start) / 1e9,
                jitQuiet,
                measured.toNanos() / 1e9,
                all,
                new TreeMap<>(failures),
                all.length == 0 ? 0 : used.jvmNanos() / 1e3 / all.length,
                used);
    }
}
