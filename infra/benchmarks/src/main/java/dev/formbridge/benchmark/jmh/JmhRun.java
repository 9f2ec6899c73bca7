package dev.formbridge.benchmark.jmh;

import static dev.formbridge.testutils.BenchmarkDoc.number;
import static dev.formbridge.testutils.BenchmarkDoc.ratio;

import dev.formbridge.benchmark.Options;
import dev.formbridge.testutils.BenchmarkDoc;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks (short: one fork, 3 × 1 s warm-up, 5 × 1 s measured) and formats their section. */
public final class JmhRun {
    private JmhRun() {}

    /** A measured benchmark: mean ns per call, its 99.9 % confidence half-width, bytes allocated per call. */
    record Score(double nanos, double error, double bytes) {}

    public static String run(Options options) throws RunnerException {
        int forks = options.number("forks", 1);
        int warmups = options.number("warmups", 3);
        int iterations = options.number("iterations", 5);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(SignatureBenchmark.class.getName())
                        .include(AuthorizerBenchmark.class.getName())
                        .forks(forks)
                        .warmupIterations(warmups)
                        .warmupTime(TimeValue.seconds(1))
                        .measurementIterations(iterations)
                        .measurementTime(TimeValue.seconds(1))
                        .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                        .timeUnit(TimeUnit.NANOSECONDS)
                        .addProfiler(GCProfiler.class)
                        .build())
                .run();
        Map<String, Score> scores = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            Result<?> alloc = result.getSecondaryResults().entrySet().stream()
                    .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            scores.put(
                    name.substring(name.lastIndexOf('.') + 1),
                    new Score(
                            result.getPrimaryResult().getScore(),
                            result.getPrimaryResult().getScoreError(),
                            alloc == null ? Double.NaN : alloc.getScore()));
        }
        return format(scores, forks, warmups, iterations);
    }

    private static String format(Map<String, Score> s, int forks, int warmups, int iterations) {
        Score verify = s.get("verifyAny");
        Score hmac = s.get("hmacBaseline");
        Score floor = s.get("hmacReusedMacBaseline");
        Score authorizer = s.get("decideWarmCache");
        StringBuilder md = new StringBuilder("## 1. Hot paths (JMH)\n\n").append(BenchmarkDoc.provenance());
        md.append("\n")
                .append(forks)
                .append(" fork, ")
                .append(warmups)
                .append(" × 1 s warm-up, ")
                .append(iterations)
                .append(" × 1 s measured; mean time per call with its 99.9 % confidence interval, and bytes ")
                .append("allocated per call (`-prof gc`). Ratios divide by a baseline of the same run.\n\n");
        md.append("| benchmark | ns/call | ± | B/call | ratio |\n|---|---:|---:|---:|---|\n");
        row(
                md,
                "`WebhookSignature.verifyAny`, 2 KiB body, one secret",
                verify,
                ratio(verify.nanos() / hmac.nanos()) + " of bare HMAC, " + ratio(verify.nanos() / floor.nanos())
                        + " of reused Mac");
        row(md, "baseline: bare HMAC-SHA256 of the same bytes, new `Mac` per call", hmac, "1×");
        row(md, "floor: HMAC-SHA256 of the same bytes, one keyed `Mac` reused", floor, "");
        row(
                md,
                "`SiteAuthorizer.decide`, warm cache (1 h TTL, real dynalite behind)",
                authorizer,
                ratio(authorizer.nanos() / hmac.nanos()) + " of bare HMAC");
        md.append("\nReading: verification costs ")
                .append(ratio(verify.nanos() / hmac.nanos()))
                .append(
                        " a bare HMAC over the same bytes (header parsing, base64, the message prefix, the constant-time ")
                .append("comparison); a cached authorizer decision costs ")
                .append(number(authorizer.nanos(), 0))
                .append(" ns: with a warm cache the authorizer's own work is negligible next to a network hop.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String label, Score score, String ratio) {
        md.append("| ")
                .append(label)
                .append(" | ")
                .append(number(score.nanos(), 0))
                .append(" | ")
                .append(number(score.error(), 0))
                .append(" | ")
                .append(Double.isNaN(score.bytes()) ? "–" : number(score.bytes(), 0))
                .append(" | ")
                .append(ratio)
                .append(" |\n");
    }
}
