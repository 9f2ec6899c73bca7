package dev.formbridge.benchmark.coldstart.child;

import java.lang.management.ManagementFactory;

/** What every cold-start child prints and reads: its one {@code COLDSTART} line, and its {@code BENCH_*} inputs. */
final class Answer {
    private Answer() {}

    /**
     * Prints the line the parent parses (times since the JVM started, the constructor's and the first call's share)
     * and exits. {@code mainAt} is wall-clock millis at {@code main}; the rest are {@link System#nanoTime()} readings.
     */
    static void print(long mainAt, long start, long constructed, String answer) {
        long answered = System.nanoTime();
        long now = System.currentTimeMillis();
        long vmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("COLDSTART total=" + (now - vmStart) + " main=" + (mainAt - vmStart) + " init="
                + (constructed - start) / 1_000_000 + " invoke=" + (answered - constructed) / 1_000_000 + " answer="
                + answer);
        System.exit(0);
    }

    /** A variable the parent must have set. */
    static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
