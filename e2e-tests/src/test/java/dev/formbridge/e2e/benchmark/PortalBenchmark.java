package dev.formbridge.e2e.benchmark;

import dev.formbridge.testutils.BenchmarkDoc;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PortalBenchmark [--section portal|dashboard] [--doc docs/benchmarks.md] [--cold-starts 3] [--submissions
 * 100000] [--baseline 10] [--samples 5]}: section {@code portal} (the default), the portal's cold start, then its
 * Submissions view with many submissions; section {@code dashboard}, its dashboard with the counters of many
 * submissions. Rewrites that section of the doc. Run by {@code scripts/benchmark portal} or {@code dashboard}, with the
 * end-to-end tests' class path and the system properties their failsafe configuration sets (the jars, the tools
 * directory).
 */
public final class PortalBenchmark {
    private PortalBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        Path doc = Path.of(options.getOrDefault("doc", "docs/benchmarks.md"));
        int coldStarts = Integer.parseInt(options.getOrDefault("cold-starts", "3"));
        int submissions = Integer.parseInt(options.getOrDefault("submissions", "100000"));
        int baseline = Integer.parseInt(options.getOrDefault("baseline", "10"));
        int samples = Integer.parseInt(options.getOrDefault("samples", "5"));

        String name = options.getOrDefault("section", "portal");
        String loadAtStart = BenchmarkDoc.loadAverage();
        String section = switch (name) {
            case "portal" -> portal(loadAtStart, coldStarts, submissions, baseline, samples);
            case "dashboard" -> dashboard(loadAtStart, submissions, baseline, samples);
            default -> throw new IllegalArgumentException("no section " + name + ": portal or dashboard");
        };
        BenchmarkDoc.write(doc, name, section);
        System.out.println(section);
        System.exit(0); // Playwright's driver and the HTTP clients leave non-daemon threads
    }

    private static String portal(String loadAtStart, int coldStarts, int submissions, int baseline, int samples) {
        List<ColdStartBenchmark.Run> starts = ColdStartBenchmark.run(coldStarts);
        SubmissionsViewBenchmark.Result view = SubmissionsViewBenchmark.run(submissions, baseline, samples);
        String provenance = BenchmarkDoc.provenance(loadAtStart);
        return ColdStartSection.format(provenance, starts) + "\n" + SubmissionsViewSection.format(provenance, view);
    }

    private static String dashboard(String loadAtStart, int submissions, int baseline, int samples) {
        DashboardBenchmark.Result dashboard = DashboardBenchmark.run(submissions, baseline, samples);
        return DashboardSection.format(BenchmarkDoc.provenance(loadAtStart), dashboard);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got: " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return values;
    }
}
