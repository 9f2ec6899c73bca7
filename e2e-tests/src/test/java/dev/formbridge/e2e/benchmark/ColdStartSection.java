package dev.formbridge.e2e.benchmark;

import static dev.formbridge.testutils.BenchmarkDoc.number;
import static dev.formbridge.testutils.BenchmarkDoc.ratio;

import dev.formbridge.e2e.benchmark.ColdStartBenchmark.Run;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Section 5 of docs/benchmarks.md: the portal's cold start, run by run. */
final class ColdStartSection {
    private ColdStartSection() {}

    static String format(String provenance, List<Run> starts) {
        double bare = median(starts, Run::bareJvm);
        double signIn = median(starts, Run::signInPage);
        double runtime = median(starts, Run::runtimeReady);
        StringBuilder md = new StringBuilder("## 5. Portal cold start (run command → first sign-in page)\n\n")
                .append(provenance)
                .append("""

                        Each run starts a fresh system with the end-to-end tests' `LocalSystem`: the local runtime's \
                        jar and the portal's jar spawned together on a fresh `FORMBRIDGE_HOME` and free ports, as \
                        `scripts/run-local` starts them (the portal waits for the runtime's `runtime.properties`); \
                        both with `-XX:TieredStopAtLevel=1`, which `LocalSystem` gives both and the run command only \
                        the runtime. From the spawn, other threads poll every 50 ms: *runtime answers* when its \
                        `runtime.properties` names the ingest URL and something answers there; *sign-in page* when \
                        `GET <portal>/`, redirects followed (portal → the provider's authorize endpoint → its login \
                        page), returns 200 with the sign-in form; the last row is how long that one request took (the \
                        portal's server takes requests before its context has finished starting, and answers them \
                        once it has). The portal's jar runs two Spring contexts, the local OpenID Connect provider's, \
                        then the portal's; the portal's row is the portal JVM's uptime in its `Started \
                        PortalApplication` log line (the provider logs none: the run command waits for that line). \
                        Baseline: `java \
                        -XX:TieredStopAtLevel=1 -version` of the same JDK, spawn to exit, %d times before each \
                        system; the row shows their median. %d systems, one after the other, none discarded.

                        """.formatted(ColdStartBenchmark.BARE_RUNS_PER_START, starts.size()));
        md.append("| ms from spawn |");
        for (int i = 1; i <= starts.size(); i++) {
            md.append(" run ").append(i).append(" |");
        }
        md.append(" median | × bare JVM |\n|---|")
                .append("---:|".repeat(starts.size() + 2))
                .append("\n");
        row(md, "baseline: bare JVM (`java -version`)", starts, Run::bareJvm, "1.00×");
        row(md, "local runtime answers", starts, Run::runtimeReady, ratio(runtime / bare));
        row(md, "portal's context started (portal JVM's clock)", starts, Run::portalStarted, "");
        row(md, "**portal shows the sign-in page**", starts, Run::signInPage, ratio(signIn / bare));
        row(md, "… of which the successful `GET /` itself", starts, Run::signInRequest, "");
        md.append("\nReading: the run command's system shows its first sign-in page ")
                .append(number(signIn / 1000, 1))
                .append(" s after its two JVMs are spawned (median), ")
                .append(ratio(signIn / bare))
                .append(" a bare JVM start of the same JDK. The local runtime answers after ")
                .append(number(runtime / 1000, 1))
                .append(" s. The portal's JVM has both its contexts (the provider's, then the portal's) up after ")
                .append(number(median(starts, Run::portalStarted) / 1000, 1))
                .append(" s of its uptime")
                .append("; the first `GET /` that reached the sign-in page took ")
                .append(number(median(starts, Run::signInRequest) / 1000, 1))
                .append(" s of the total.\n");
        return md.toString();
    }

    private static void row(
            StringBuilder md, String name, List<Run> starts, ToDoubleFunction<Run> value, String ratio) {
        md.append("| ").append(name).append(" |");
        starts.forEach(run ->
                md.append(" ").append(number(value.applyAsDouble(run), 0)).append(" |"));
        md.append(" ")
                .append(number(median(starts, value), 0))
                .append(" | ")
                .append(ratio)
                .append(" |\n");
    }

    private static double median(List<Run> starts, ToDoubleFunction<Run> value) {
        List<Double> values = starts.stream()
                .mapToDouble(value)
                .filter(v -> !Double.isNaN(v))
                .boxed()
                .toList();
        return values.isEmpty() ? Double.NaN : new Timings(values).median();
    }
}
