package dev.formbridge.benchmark.delivery;

import static dev.formbridge.testutils.BenchmarkDoc.number;
import static dev.formbridge.testutils.BenchmarkDoc.verdict;

import dev.formbridge.benchmark.Stats;
import dev.formbridge.testutils.BenchmarkDoc;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The delivery section of {@code docs/benchmarks.md}: the setup, four tables, and the targets. */
final class DeliveryReport {
    static final double TARGET_P50_MS = 50;
    static final double TARGET_P99_MS = 250;

    private DeliveryReport() {}

    static String format(RunResult warmup, RunResult steady, RunResult saturated, Plan plan) {
        List<RunResult> runs = List.of(warmup, steady, saturated);
        StringBuilder md = new StringBuilder(
                        "## 4. Accepted → delivered, " + plan.connectors() + " webhook connectors\n\n")
                .append(BenchmarkDoc.provenance());
        describe(md, plan);
        flow(md, runs);
        latencies(md, runs);
        exactlyOnce(md, runs);
        targets(md, steady, plan);
        return md.toString();
    }

    private static void describe(StringBuilder md, Plan plan) {
        md.append("""

                The local runtime in the benchmark's JVM (dynalite in memory, the file-backed local delivery queue \
                with its 64 workers, rate limits set to 10⁶/s, connector cache 5 s, private targets allowed), one \
                tenant with one site and %d webhook connectors as a tenant admin creates them (default JSON body, \
                default retry policy, 10 s timeout, no filter). Each connector posts to its own receiver: a JDK \
                `HttpServer` on its own port of 127.0.0.1, on virtual threads, answering 200 without a body at once \
                (separate servers, because the delivery HTTP client pools connections per host and port — Apache's \
                defaults, 5 per route and 25 in all — and separate destinations are separate routes). Signed %d-byte \
                submissions over HTTP, each with a new webhook-id, in three runs on the same runtime: *warm-up* sends \
                %d per second open loop (each on its own virtual thread, so a slow answer never delays the next) for \
                %d s on the fresh runtime (class loading, JIT, first connections; shown, not judged); *steady* the \
                same for %d s, starting with warm code and an empty queue; *saturated* %d senders back to back for \
                %d s. After each run the benchmark waits until every delivery arrived, %d s passed without one, or \
                %d s passed since the senders stopped.

                *Latency* is the receiver's arrival time (noted before it reads the request) minus the submission's \
                `receivedAt` from the delivered body: the instant ingest stamps just before it stores the submission, \
                the instant the worker's `latency_le_*` counters start from, and one that does not depend on when a \
                sender's thread gets round to reading its 202 (on busy cores that lags). Both instants are \
                `Clock.systemUTC()` of this one JVM. It includes ingest's own store and publish; the row from the \
                moment the sender had its 202 (`System.nanoTime()`, same JVM) leaves them out.

                """.formatted(
                        plan.connectors(),
                        Senders.BODY_BYTES,
                        plan.rate(),
                        plan.warmup().toSeconds(),
                        plan.measured().toSeconds(),
                        plan.senders(),
                        plan.saturated().toSeconds(),
                        plan.quiet().toSeconds(),
                        plan.drainCap().toSeconds()));
    }

    private static void flow(StringBuilder md, List<RunResult> runs) {
        md.append("| run | submissions/s | deliveries/s | … while sending | last delivery after the senders ")
                .append("stopped, s | JVM cores busy | dynalite cores busy | CPU ms per delivery |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : runs) {
            row(
                    md,
                    r.sent().name(),
                    number(r.sent().perSecond(), 1),
                    number(r.deliveriesPerSecond(), 0),
                    number(r.inWindowPerSecond(), 0),
                    number(r.drainSeconds(), 1),
                    number(r.cpu().jvmCores(), 2),
                    number(r.cpu().dynaliteCores(), 2),
                    number(r.cpuMillisPerDelivery(), 1));
        }
        md.append("""

                *deliveries/s*: deliveries from the run's start to its last delivery; *… while sending*: those that \
                arrived before the senders stopped, per second sending. *Cores busy*: CPU time over the run (sending \
                and waiting for the deliveries) ÷ wall time, of %d; the JVM holds the senders, the runtime and the \
                receivers. *CPU ms per delivery*: both processes' CPU time over the run ÷ deliveries received.

                """.formatted(Runtime.getRuntime().availableProcessors()));
    }

    private static void latencies(StringBuilder md, List<RunResult> runs) {
        row(md, "run", "from → to", "p50 ms", "p95 ms", "p99 ms", "max ms");
        md.append("|---|---|---:|---:|---:|---:|\n");
        for (RunResult r : runs) {
            String run = r.sent().name();
            latencyRow(md, run, "**`receivedAt` → receiver**", r.sinceReceivedAt());
            latencyRow(md, run, "sender's 202 → receiver", r.sinceAccepted());
            latencyRow(md, run, "stage 1: `receivedAt` → created", r.stages().routed());
            latencyRow(md, run, "stage 2: created → POST starts", r.stages().queued());
            latencyRow(md, run, "stage 3: POST starts → receiver", r.stages().posted());
        }
        md.append("""

                The stages use the instants the product records on each delivery (`createdAt` by the router; the first \
                attempt's end minus its duration for the POST's start), matched by webhook-id = delivery id. Stage 1 \
                is ingest's store and publish, the bus hop, the router's connector lookup and submission read, and \
                the writes of the connectors created before this one; stage 2 the router's remaining writes, the local \
                queue (job file, poller, claim) and the worker's reads; stage 3 a pooled connection and the request. \
                Percentiles of stages do not add up. Deliveries that arrived before their sender had its 202, by run: \
                %s.

                """.formatted(
                runs.stream().map(r -> String.valueOf(r.beforeAccepted())).collect(Collectors.joining(" / "))));
    }

    private static void latencyRow(StringBuilder md, String run, String fromTo, long[] sorted) {
        row(md, run, fromTo, millis(sorted, 50), millis(sorted, 95), millis(sorted, 99), millis(sorted, 100));
    }

    /** What the receivers counted next to what the product recorded, and what was left in the local queue. */
    private static void exactlyOnce(StringBuilder md, List<RunResult> runs) {
        md.append("| run | expected | received | duplicates | missing | sender errors | created | delivered | pending ")
                .append("| failed | > 1 attempt | left queued | dead jobs |\n")
                .append("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : runs) {
            Recorded d = r.recorded();
            row(
                    md,
                    r.sent().name(),
                    number(r.expected(), 0),
                    number(r.received(), 0),
                    r.duplicates(),
                    r.missing(),
                    errors(r.sent().failures()),
                    number(d.created(), 0),
                    number(d.delivered(), 0),
                    d.pending(),
                    d.failed(),
                    d.retried(),
                    r.queued(),
                    r.dead());
        }
        md.append("""

                *Expected*: accepted submissions × connectors; *received*: distinct (submission, connector) pairs at \
                the receivers; a *duplicate* is a further arrival of a pair. From *created* on, the product's own \
                records of the run's submissions (router and worker), then the local queue's `ready/` + `inflight/` \
                and `dead/` when the run ended.

                """);
    }

    /** The targets, judged on the steady run (not saturated, no retry when nothing failed). */
    private static void targets(StringBuilder md, RunResult steady, Plan plan) {
        long[] latencies = steady.sinceReceivedAt();
        double p50 = latencies.length == 0 ? Double.NaN : Stats.percentile(latencies, 50) / 1e6;
        double p99 = latencies.length == 0 ? Double.NaN : Stats.percentile(latencies, 99) / 1e6;
        double perSubmission =
                steady.received() / (double) steady.sent().accepted().size();
        boolean exact = steady.missing() == 0 && steady.duplicates() == 0;
        int retried = steady.recorded().retried();
        md.append("""
                Targets, on the steady run from `receivedAt`: p50 **%s ms** (≤ %s ms: %s), p99 **%s ms** (≤ %s ms: \
                %s); %s deliveries per accepted submission (%d expected); every submission to every connector exactly \
                once: %s; %s.
                """.formatted(
                        number(p50, 1),
                        number(TARGET_P50_MS, 0),
                        verdict(p50 <= TARGET_P50_MS),
                        number(p99, 1),
                        number(TARGET_P99_MS, 0),
                        verdict(p99 <= TARGET_P99_MS),
                        number(perSubmission, 2),
                        plan.connectors(),
                        exact ? "yes" : "**no**",
                        retried == 0 ? "no delivery needed a retry" : "**" + retried + " deliveries retried**"));
    }

    private static void row(StringBuilder md, Object... cells) {
        md.append(Stream.of(cells).map(String::valueOf).collect(Collectors.joining(" | ", "| ", " |\n")));
    }

    private static String errors(Map<String, Integer> failures) {
        int total = failures.values().stream().mapToInt(Integer::intValue).sum();
        return total == 0 ? "0" : total + " " + failures;
    }

    private static String millis(long[] sortedNanos, double percent) {
        return sortedNanos.length == 0 ? "–" : number(Stats.percentile(sortedNanos, percent) / 1e6, 1);
    }
}
