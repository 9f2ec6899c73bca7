package dev.formbridge.benchmark.coldstart.child;

import java.lang.management.ManagementFactory;

/** The bare-JVM baseline: prints the same line as {@link FirstInvocation} having done nothing. */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) {
        long now = System.currentTimeMillis();
        long vmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println(
                "COLDSTART total=" + (now - vmStart) + " main=" + (now - vmStart) + " init=0 invoke=0 answer=hello");
        System.exit(0);
    }
}
