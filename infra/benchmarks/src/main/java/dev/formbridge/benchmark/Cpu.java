package dev.formbridge.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time of this JVM (senders, runtime, receivers) and of dynalite's process, with the wall time: a reading from
 * {@link #now}, or what a run used ({@link #since}). It tells a pipeline that waits from one out of cores.
 */
public record Cpu(long wallNanos, long jvmNanos, long dynaliteNanos) {

    public static Cpu now(long dynalitePid) {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long dynalite = ProcessHandle.of(dynalitePid)
                .flatMap(process -> process.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElse(0L);
        return new Cpu(System.nanoTime(), jvm, dynalite);
    }

    /** What was used between {@code earlier} and this reading. */
    public Cpu since(Cpu earlier) {
        return new Cpu(
                wallNanos - earlier.wallNanos, jvmNanos - earlier.jvmNanos, dynaliteNanos - earlier.dynaliteNanos);
    }

    /** Cores this JVM kept busy on average (of a {@link #since} result). */
    public double jvmCores() {
        return jvmNanos / (double) wallNanos;
    }

    /** Cores dynalite kept busy on average (of a {@link #since} result). */
    public double dynaliteCores() {
        return dynaliteNanos / (double) wallNanos;
    }
}
