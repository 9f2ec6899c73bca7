package dev.formbridge.e2e.benchmark;

import dev.formbridge.e2e.testutils.LocalSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal's cold start as the run command does it: a fresh system (local runtime and portal spawned together, the
 * portal waiting for the runtime) until {@code GET /} shows the provider's sign-in page. Each start is preceded by
 * bare-JVM starts of the same JDK, the baseline of the ratios.
 */
final class ColdStartBenchmark {
    static final int BARE_RUNS_PER_START = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Duration LOG_WAIT = Duration.ofSeconds(30);
    private static final Pattern STARTED =
            Pattern.compile("Started PortalApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private ColdStartBenchmark() {}

    /**
     * One start, in milliseconds: the bare JVM's median before it; from the spawn, the runtime's first answer and the
     * first sign-in page, and how long that successful request took; the portal JVM's uptime ("process running for")
     * when Spring Boot logged "Started PortalApplication" for the portal's context (NaN if it did not).
     */
    record Run(double bareJvm, double runtimeReady, double signInPage, double signInRequest, double portalStarted) {}

    static List<Run> run(int starts) {
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            List<Double> bare = new ArrayList<>();
            for (int j = 0; j < BARE_RUNS_PER_START; j++) {
                bare.add(BareJvm.versionMillis());
            }
            Run run = startOnce(new Timings(bare).median());
            System.out.printf(
                    Locale.ROOT,
                    "cold start %d/%d: bare JVM %.0f ms, runtime ready %.0f ms, sign-in page %.0f ms%n",
                    i,
                    starts,
                    run.bareJvm(),
                    run.runtimeReady(),
                    run.signInPage());
            runs.add(run);
        }
        return runs;
    }

    private static Run startOnce(double bareJvm) {
        long spawn = System.nanoTime();
        try (StartObserver observer = StartObserver.watch(spawn);
                LocalSystem system = LocalSystem.start()) {
            StartObserver.Times times = observer.await(TIMEOUT);
            List<Double> started = springStarted(system);
            return new Run(
                    bareJvm,
                    times.runtimeReady(),
                    times.signInPage(),
                    times.signInRequest(),
                    started.isEmpty() ? Double.NaN : started.getLast());
        }
    }

    /**
     * The portal JVM's uptime in ms each time Spring Boot logged "Started PortalApplication": once, for the portal's
     * context (the local provider's context, started first, logs no such line). The sign-in page can be served before
     * Spring Boot writes it (its web server takes requests while the context finishes), so this waits for it, up to
     * {@link #LOG_WAIT}, before the system is stopped.
     */
    private static List<Double> springStarted(LocalSystem system) {
        Path log = system.home().getParent().resolve("portal.log");
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        List<Double> uptimes = new ArrayList<>();
        while (true) {
            uptimes.clear();
            try {
                Matcher started = STARTED.matcher(Files.readString(log));
                while (started.find()) {
                    uptimes.add(Double.parseDouble(started.group(2)) * 1000);
                }
            } catch (IOException e) {
                // not written yet
            }
            if (!uptimes.isEmpty() || System.nanoTime() > deadline) {
                return List.copyOf(uptimes);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.copyOf(uptimes);
            }
        }
    }
}
