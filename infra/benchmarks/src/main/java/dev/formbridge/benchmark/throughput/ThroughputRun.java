package dev.formbridge.benchmark.throughput;

import static dev.formbridge.testutils.BenchmarkDoc.number;
import static dev.formbridge.testutils.BenchmarkDoc.ratio;
import static dev.formbridge.testutils.BenchmarkDoc.verdict;

import dev.formbridge.benchmark.BenchSite;
import dev.formbridge.benchmark.Options;
import dev.formbridge.benchmark.SampleBody;
import dev.formbridge.benchmark.Stats;
import dev.formbridge.local.LocalConfig;
import dev.formbridge.local.LocalRuntime;
import dev.formbridge.secret.WebhookSignature;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.DynamoClients;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.BenchmarkDoc;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local runtime in this JVM, with rate limits out of the way, under {@code threads} concurrent signed senders over
 * HTTP; around it, raw PutItem with as many threads against the same dynalite, the ceiling ingest works under.
 */
public final class ThroughputRun {
    static final int BODY_BYTES = 1024;
    private static final double TARGET_RATIO = 0.35;
    private static final double TARGET_P99_MS = 25;

    private ThroughputRun() {}

    public static String run(Options options) throws IOException, InterruptedException {
        int threads = options.number("threads", 8);
        Duration warmup = Duration.ofSeconds(options.number("warmup", 10));
        Duration measured = Duration.ofSeconds(options.number("seconds", 20));
        Path dir = Files.createTempDirectory("formbridge-throughput-");
        Map<String, String> unlimited = Map.of(
                "FORMBRIDGE_SITE_RATE_PER_SECOND", "1000000",
                "FORMBRIDGE_SITE_BURST", "1000000",
                "FORMBRIDGE_TENANT_RATE_PER_SECOND", "1000000",
                "FORMBRIDGE_TENANT_BURST", "1000000");
        try (LocalRuntime runtime = LocalRuntime.start(LocalConfig.forTests(dir, unlimited))) {
            BenchSite site = BenchSite.create(runtime.storage(), runtime.cipher(), "throughput");
            List<Load.Result> results = new ArrayList<>();
            try (DynamoDbClient dynamo = DynamoClients.local(runtime.dynalite().endpoint())) {
                String table = runtime.storage().tableName();
                long pid = runtime.dynalite().pid();
                results.add(rawPuts("raw PutItem, before", dynamo, table, pid, threads, warmup, measured));
                results.add(ingest(runtime.ingestUrl(), site, pid, threads, warmup, measured));
                results.add(rawPuts("raw PutItem, after", dynamo, table, pid, threads, warmup, measured));
                results.add(storeAlone(runtime.storage(), site, pid, threads, warmup, measured));
            }
            return format(results, threads, warmup, measured);
        }
    }

    private static Load.Result rawPuts(
            String name,
            DynamoDbClient dynamo,
            String table,
            long dynalitePid,
            int threads,
            Duration warmup,
            Duration measured)
            throws InterruptedException {
        System.err.println("throughput: " + name);
        AttributeValue data = AttributeValue.fromS(new String(SampleBody.ofSize(BODY_BYTES - 80)));
        String run = Long.toString(System.nanoTime(), 36);
        return Load.run(name, threads, warmup, measured, dynalitePid, (worker, n) -> {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "pk", AttributeValue.fromS("BENCH#" + run + "#" + worker + "#" + n),
                            "sk", AttributeValue.fromS("RAW"),
                            "receivedAt", AttributeValue.fromS(Instant.now().toString()),
                            "data", data)));
            return null;
        });
    }

    /**
     * Ingest's store alone: the submission item written by {@link SubmissionRepository#insertIfAbsent}, with its index
     * entries and condition, as ingest writes it for the same 1024-byte body, without HTTP, checks, event or log line.
     */
    private static Load.Result storeAlone(
            Storage storage, BenchSite site, long dynalitePid, int threads, Duration warmup, Duration measured)
            throws InterruptedException {
        String name = "diagnostic: ingest's store alone (`SubmissionRepository.insertIfAbsent`)";
        System.err.println("throughput: " + name);
        SubmissionRepository submissions = new SubmissionRepository(storage);
        String body = new String(SampleBody.ofSize(BODY_BYTES), StandardCharsets.UTF_8);
        String run = Long.toString(System.nanoTime(), 36);
        return Load.run(name, threads, warmup, measured, dynalitePid, (worker, n) -> {
            Instant now = Instant.now();
            boolean stored = submissions.insertIfAbsent(new Submission(
                    new TenantId(site.tenantId()),
                    new SiteId(site.siteId()),
                    SubmissionId.receivedAt(now),
                    "msg_store_" + run + "_" + worker + "_" + n,
                    "contact",
                    body,
                    BODY_BYTES,
                    now,
                    SubmissionStatus.ACCEPTED,
                    now.plus(Duration.ofDays(30))));
            return stored ? null : "not stored";
        });
    }

    private static Load.Result ingest(
            String url, BenchSite site, long dynalitePid, int threads, Duration warmup, Duration measured)
            throws InterruptedException {
        System.err.println("throughput: ingest over HTTP");
        byte[] body = SampleBody.ofSize(BODY_BYTES);
        String run = Long.toString(System.nanoTime(), 36);
        SocketSender[] senders = new SocketSender[threads];
        for (int w = 0; w < threads; w++) {
            senders[w] = new SocketSender(URI.create(url));
        }
        try {
            return Load.run("ingest over HTTP", threads, warmup, measured, dynalitePid, (worker, n) -> {
                String id = "msg_" + run + "_" + worker + "_" + n;
                long timestamp = Instant.now().getEpochSecond();
                int status = senders[worker].post(
                        Map.of(
                                "Content-Type", "application/json",
                                "X-FormBridge-Site", site.siteKey(),
                                "webhook-id", id,
                                "webhook-timestamp", Long.toString(timestamp),
                                "webhook-signature", WebhookSignature.sign(site.secret(), id, timestamp, body)),
                        body);
                return status == 202 ? null : "HTTP " + status;
            });
        } finally {
            for (SocketSender sender : senders) {
                sender.close();
            }
        }
    }

    private static String format(List<Load.Result> results, int threads, Duration warmup, Duration measured) {
        Load.Result before = results.get(0);
        Load.Result ingest = results.get(1);
        Load.Result after = results.get(2);
        double raw = (before.perSecond() + after.perSecond()) / 2;
        double share = ingest.perSecond() / raw;
        double p99 = Stats.percentile(ingest.latencies(), 99) / 1e6;
        StringBuilder md = new StringBuilder("## 3. Local ingest throughput\n\n").append(BenchmarkDoc.provenance());
        md.append("\nThe local runtime in the benchmark's JVM (dynalite in memory, rate limits set to 10⁶/s), ")
                .append(threads)
                .append(
                        " concurrent senders over HTTP (one keep-alive connection each, written by hand: `SocketSender`), ")
                .append("each request a distinct webhook-id, signed, with a ")
                .append(BODY_BYTES)
                .append("-byte contact form; ")
                .append("a warm-up of at least ")
                .append(warmup.toSeconds())
                .append(" s that lasts until the JIT is quiet (under ")
                .append(Load.QUIET_COMPILE_MILLIS)
                .append(" ms of compilation in each of ")
                .append(Load.QUIET_SECONDS)
                .append(" seconds in a row, at most ")
                .append(Load.MAX_WARMUP_SECONDS)
                .append(" s; each row shows how long it took), then ")
                .append(measured.toSeconds())
                .append(" s measured. Only 202 counts as success. The baseline is raw `PutItem` of ~1 KB items with ")
                .append("as many threads to the same dynalite (`DynamoClients.local`), before and after ingest; ")
                .append("senders, server and dynalite share the machine's cores.\n\n");
        md.append("| phase | warm-up s | requests/s | p50 ms | p95 ms | p99 ms | errors | JVM CPU µs/request "
                        + "| cores busy: JVM + dynalite |\n")
                .append("|---|---:|---:|---:|---:|---:|---|---:|---|\n");
        for (Load.Result r : results) {
            long[] l = r.latencies();
            md.append("| ")
                    .append(r.name())
                    .append(" | ")
                    .append(number(r.warmupSeconds(), 0))
                    .append(r.jitQuiet() ? "" : " (JIT still compiling)")
                    .append(" | ")
                    .append(number(r.perSecond(), 0))
                    .append(" | ")
                    .append(millis(l, 50))
                    .append(" | ")
                    .append(millis(l, 95))
                    .append(" | ")
                    .append(millis(l, 99))
                    .append(" | ")
                    .append(r.errors() == 0 ? "0" : r.errors() + " " + r.failures())
                    .append(" | ")
                    .append(number(r.cpuMicrosPerCall(), 0))
                    .append(" | ")
                    .append(number(r.used().jvmCores(), 2))
                    .append(" + ")
                    .append(number(r.used().dynaliteCores(), 2))
                    .append(" |\n");
        }
        Load.Result store = results.get(3);
        md.append("\nThe diagnostic row is not part of the ratio: it is what ingest writes per submission ")
                .append("(the item, its one index entry, the condition on a new key) and nothing else ingest does. ")
                .append("It shows what dynalite charges for that write against a raw PutItem (")
                .append(ratio(store.perSecond() / raw))
                .append(" of raw here), and the gap between it and ingest is ours (ingest reached ")
                .append(ratio(ingest.perSecond() / store.perSecond()))
                .append(" of it). *JVM CPU* is this whole process (senders and clients included, dynalite ")
                .append("excluded) per successful request. *Cores busy*: CPU time over the measured window ÷ its ")
                .append("wall time, of ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(".\n");
        md.append("\nIngest / raw PutItem (mean of before and after): **")
                // cut, not rounded, to the decimals shown: 0.3496 reads 0.349 beside its verdict, not 0.350
                .append(number(Math.floor(share * 1000) / 1000, 3))
                .append("×")
                .append("** (target ≥ ")
                .append(TARGET_RATIO)
                .append(": ")
                .append(verdict(share >= TARGET_RATIO))
                .append("); ingest p99 **")
                .append(number(p99, 1))
                .append(" ms** (target ≤ ")
                .append(number(TARGET_P99_MS, 0))
                .append(" ms: ")
                .append(verdict(p99 <= TARGET_P99_MS))
                .append(").\n");
        return md.toString();
    }

    private static String millis(long[] sortedNanos, double percent) {
        return sortedNanos.length == 0 ? "–" : number(Stats.percentile(sortedNanos, percent) / 1e6, 1);
    }
}
