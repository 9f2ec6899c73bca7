package dev.formbridge.cdk.cost;

import dev.formbridge.cdk.IngestApi;
import dev.formbridge.cdk.LambdaJars;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.storage.TableDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one submission costs along the whole path — authorizer, ingest, bus, router, queue, connector — per million
 * submissions. The counts of DynamoDB requests, bus events, queue requests and log bytes come from reading the code
 * (each line says where); cache hit ratios from the {@link Traffic} shape and the caches' lifetimes in the code;
 * memory and architecture of each function from the synthesized template; durations are estimated from the CPU the
 * local benchmarks measured plus typical in-region latencies of the AWS calls each function makes.
 */
public final class CostModel {
    /** Typical in-region latencies (p50) of the calls a function waits for, in ms. */
    static final double DYNAMODB_MS = 5, EVENTBRIDGE_MS = 20, SQS_MS = 10, KMS_MS = 8, WEBHOOK_MS = 100;
    /** Memory at which Lambda gives a function one full vCPU. */
    static final double FULL_VCPU_MB = 1769;

    static final String GSI1 = TableDefinition.GSI1.name(), GSI2 = TableDefinition.GSI2.name();

    /** The caches of the code, by their lifetimes. */
    static final Duration SITE_CACHE = IngestSettings.defaults().siteCacheTtl();

    static final Duration COUNTER_FLUSH = IngestSettings.defaults().metricsFlushInterval();
    static final Duration CONNECTOR_CACHE = Duration.ofSeconds(30); // RouterHandler
    /** The primary secret's last-use sampling (SecretUseRecorder.PRIMARY_EVERY): it carries the site's traffic. */
    static final Duration SECRET_USE_INTERVAL = Duration.ofHours(1);

    /** Estimated item sizes in bytes (attribute names and values; see docs/deploy.md). */
    static final int SUBMISSION_OVERHEAD_BYTES = 580, DELIVERY_BYTES = 620, ATTEMPT_BYTES = 150, EVENT_BYTES = 520;

    private final Map<String, Object> template;
    private final Prices prices;
    private final Traffic traffic;
    private final SynthesizedFunctions functions;
    private final IndexWrites indexes;
    private final LogBytes logs;
    private final List<Line> lines = new ArrayList<>();
    private final List<FunctionLine> functionLines = new ArrayList<>();

    public CostModel(Map<String, Object> template, Prices prices, Traffic traffic) {
        this.template = template;
        this.prices = prices;
        this.traffic = traffic;
        this.functions = SynthesizedFunctions.of(template);
        this.indexes = new IndexWrites(SynthesizedFunctions.indexProjections(template));
        this.logs = LogBytes.of(functions);
        price();
    }

    /** One line of the path: a quantity per submission, its unit price, what it costs per million submissions. */
    public record Line(String service, String what, double perSubmission, String unit, double dollarsPerMillion) {}

    /** One function: its synthesized memory and architecture, the estimated duration, its cost per million. */
    public record FunctionLine(
            String name,
            int memoryMb,
            String architecture,
            double invocations,
            double durationMs,
            String durationWhy,
            double dollarsPerMillion,
            double x86DollarsPerMillion) {}

    private void price() {
        double authorizerCalls = traffic.missRatio(IngestApi.AUTHORIZER_CACHE);
        double siteMiss = traffic.missRatio(SITE_CACHE);
        double counterMiss = traffic.missRatio(COUNTER_FLUSH);
        double connectorMiss = traffic.missRatio(CONNECTOR_CACHE);
        double secretUseMiss = traffic.missRatio(SECRET_USE_INTERVAL);
        double decryptMiss = traffic.missRatio(traffic.containerLifetime());

        line("API Gateway", "HTTP API request (1 KB < 512 KB)", 1, "request", prices.httpApiPerMillion());

        // Lambda: every function of the template, with the calls it waits for
        function(
                LambdaJars.AUTHORIZER_HANDLER,
                authorizerCalls,
                0.5,
                siteMiss * 2 * DYNAMODB_MS,
                "site cache miss " + pct(siteMiss) + " × 2 GetItem");
        function(
                LambdaJars.INGEST_HANDLER,
                1,
                1.7,
                siteMiss * 2 * DYNAMODB_MS
                        + DYNAMODB_MS
                        + EVENTBRIDGE_MS
                        + secretUseMiss * DYNAMODB_MS
                        + counterMiss * 2 * DYNAMODB_MS
                        + decryptMiss * KMS_MS,
                "2 GetItem × " + pct(siteMiss) + ", PutItem, PutEvents, last-used PutItem × " + pct(secretUseMiss)
                        + ", 2 counter ADDs × " + pct(counterMiss) + ", KMS Decrypt × " + pct(decryptMiss));
        function(
                LambdaJars.ROUTER_HANDLER,
                1,
                1.0,
                connectorMiss * DYNAMODB_MS + 2 * DYNAMODB_MS + SQS_MS,
                "Query connectors × " + pct(connectorMiss) + ", GetItem, PutItem, SendMessageBatch");
        function(
                LambdaJars.CONNECTOR_HANDLER,
                1,
                1.5,
                4 * DYNAMODB_MS + WEBHOOK_MS + counterMiss * 2 * DYNAMODB_MS + decryptMiss * KMS_MS,
                "3 GetItem, the webhook POST (" + (int) WEBHOOK_MS + " ms), UpdateItem, 2 counter ADDs × "
                        + pct(counterMiss) + ", KMS Decrypt × " + pct(decryptMiss));
        double invocations =
                functionLines.stream().mapToDouble(FunctionLine::invocations).sum();
        line(
                "Lambda",
                "invocations (authorizer on a cache miss only)",
                invocations,
                "request",
                prices.lambdaRequestsPerMillion());
        for (FunctionLine f : functionLines) {
            double gbSeconds = f.invocations() * f.durationMs() / 1000 * f.memoryMb() / 1024.0;
            lines.add(new Line(
                    "Lambda",
                    f.name() + ": " + fmt(f.invocations()) + " × " + fmt(f.durationMs()) + " ms × " + f.memoryMb()
                            + " MB, " + f.architecture(),
                    gbSeconds,
                    "GB-s",
                    f.dollarsPerMillion()));
        }

        line("EventBridge", "PutEvents: one SubmissionAccepted (< 64 KB)", 1, "event", prices.eventBridgePerMillion());
        lines.add(new Line(
                "EventBridge",
                "archive: " + EVENT_BYTES + " B per event",
                EVENT_BYTES / 1e9,
                "GB",
                EVENT_BYTES / 1e9 * prices.eventArchivePerGb() * 1e6));
        line(
                "SQS",
                "SendMessageBatch (router), ReceiveMessage and DeleteMessageBatch (event source)",
                3,
                "request",
                prices.sqsPerMillion());

        int submissionWrites = (int) Math.ceil((traffic.bodyBytes() + SUBMISSION_OVERHEAD_BYTES) / 1024.0);
        int deliveryWrites = (int) Math.ceil(DELIVERY_BYTES / 1024.0);
        int attemptWrites = (int) Math.ceil((DELIVERY_BYTES + ATTEMPT_BYTES) / 1024.0);
        // in the time index only: its id carries its received time, so the lookup by id uses it too (ADR 0023)
        double submissionInGsi1 = indexes.put(GSI1, submissionWrites);
        write(
                "submission PutItem: " + submissionWrites + " WRU, " + entry(GSI1, submissionInGsi1),
                submissionWrites + submissionInGsi1);
        write(
                "secret last-used PutItem (primary: once an hour per site and container) × " + pct(secretUseMiss),
                secretUseMiss);
        double dayEntries = dayBucketsPerSubmission();
        write(
                "ingest counters per site: hour (holding the minute) and day ADD × " + pct(counterMiss)
                        + ", the day bucket's " + GSI2 + " entry once a day (" + fmt(dayEntries) + ")",
                2 * counterMiss + dayEntries);
        double deliveryInGsi2 = indexes.put(GSI2, deliveryWrites);
        write(
                "delivery PutItem (conditional): " + deliveryWrites + " WRU, " + entry(GSI2, deliveryInGsi2),
                deliveryWrites + deliveryInGsi2);
        double attemptInGsi2 = indexes.quietUpdate(GSI2, attemptWrites);
        write(
                "attempt UpdateItem: " + attemptWrites + " WRU, " + entry(GSI2, attemptInGsi2)
                        + " (no indexed attribute changes)",
                attemptWrites + attemptInGsi2);
        write(
                "delivery counters per connector: hour (holding the minute) and day ADD × " + pct(counterMiss)
                        + ", the day bucket's " + GSI2 + " entry once a day (" + fmt(dayEntries) + ")",
                2 * counterMiss + dayEntries);

        read(
                "authorizer: site + tenant GetItem × " + pct(siteMiss) + " of " + fmt(authorizerCalls) + " calls",
                authorizerCalls * siteMiss * 2);
        read("ingest: site + tenant GetItem × " + pct(siteMiss), siteMiss * 2);
        read("router: connectors Query × " + pct(connectorMiss) + ", submission GetItem", connectorMiss + 1);
        read("connector: delivery, connector, submission GetItem", 3);

        line(
                "KMS",
                "Decrypt: site secret (ingest) and connector secret, once per container × " + pct(decryptMiss),
                2 * decryptMiss,
                "request",
                prices.kmsPer10k() * 100);

        int logBytes = logs.perSubmission();
        lines.add(new Line(
                "CloudWatch Logs",
                "ingestion: " + logs.explain(),
                logBytes / 1e9,
                "GB",
                logBytes / 1e9 * prices.logsIngestionPerGb() * 1e6));
    }

    /** An index entry of an item write, e.g. "gsi1 (INCLUDE) 1". */
    private String entry(String index, double units) {
        return index + " (" + indexes.projection(index) + ") " + fmt(units);
    }

    /**
     * Day buckets a submission creates: each site's and connector's day bucket enters the platform index once, when the
     * day's first flush creates it; later ADDs leave its keys alone.
     */
    private double dayBucketsPerSubmission() {
        return Math.min(1, 1 / (traffic.perSiteRate() * 86_400));
    }

    private void function(String handler, double invocations, double localCpuMs, double waitMs, String why) {
        SynthesizedFunctions.Function f = functions.byHandler(handler);
        // the local benchmarks measured CPU on a full core; below 1,769 MB Lambda gives a share of one
        double cpuMs = localCpuMs * FULL_VCPU_MB / f.memoryMb();
        double durationMs = Math.ceil(cpuMs + waitMs); // billed per 1 ms
        double gbSeconds = invocations * durationMs / 1000 * f.memoryMb() / 1024.0;
        double arm = gbSeconds * prices.lambdaArmPerGbSecond() * 1e6;
        double x86 = gbSeconds * prices.lambdaX86PerGbSecond() * 1e6;
        functionLines.add(new FunctionLine(
                f.name(),
                f.memoryMb(),
                f.architecture(),
                invocations,
                durationMs,
                fmt(cpuMs) + " ms CPU + " + why,
                f.architecture().equals("arm64") ? arm : x86,
                x86));
    }

    private void line(String service, String what, double perSubmission, String unit, double pricePerMillion) {
        lines.add(new Line(service, what, perSubmission, unit, perSubmission * pricePerMillion));
    }

    private void write(String what, double units) {
        line("DynamoDB", "write: " + what, units, "WRU", prices.dynamoWritePerMillion());
    }

    private void read(String what, double units) {
        line("DynamoDB", "read: " + what, units, "RRU", prices.dynamoReadPerMillion());
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public List<FunctionLine> functions() {
        return List.copyOf(functionLines);
    }

    /** Dollars per million submissions, as deployed. */
    public double total() {
        return lines.stream().mapToDouble(Line::dollarsPerMillion).sum();
    }

    /** What the same path would cost with every function on x86_64. */
    public double totalOnX86() {
        double lambdaNow = functionLines.stream()
                .mapToDouble(FunctionLine::dollarsPerMillion)
                .sum();
        double lambdaX86 = functionLines.stream()
                .mapToDouble(FunctionLine::x86DollarsPerMillion)
                .sum();
        return total() - lambdaNow + lambdaX86;
    }

    /** Total quantity of a unit per submission (WRU, RRU, request, …) over the lines of a service. */
    public double perSubmission(String service, String unit) {
        return lines.stream()
                .filter(l -> l.service().equals(service) && l.unit().equals(unit))
                .mapToDouble(Line::perSubmission)
                .sum();
    }

    /** Log bytes one submission writes, as the template's log levels let them through. */
    public int logBytes() {
        return logs.perSubmission();
    }

    public Traffic traffic() {
        return traffic;
    }

    public Prices prices() {
        return prices;
    }

    /** The synthesized template the model was read from. */
    public Map<String, Object> template() {
        return template;
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }

    static String fmt(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e6) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, value < 0.01 ? "%.2g" : "%.2f", value);
    }
}
