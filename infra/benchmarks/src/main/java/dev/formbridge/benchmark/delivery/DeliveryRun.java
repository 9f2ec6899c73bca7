package dev.formbridge.benchmark.delivery;

import dev.formbridge.benchmark.BenchSite;
import dev.formbridge.benchmark.Cpu;
import dev.formbridge.benchmark.Options;
import dev.formbridge.connector.ConnectorId;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.local.LocalConfig;
import dev.formbridge.local.LocalRuntime;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The local runtime in this JVM (rate limits out of the way, private targets allowed), one tenant with eight webhook
 * connectors, each to its own local receiver; three runs in the same runtime, each awaited until its deliveries are in:
 * a warm-up at the steady rate on the fresh runtime, the steady run, and a saturated one. Options: {@code --rate},
 * {@code --warmup}, {@code --seconds}, {@code --senders}, {@code --saturated-seconds}, {@code --drain-seconds}
 * ({@link Plan}).
 */
public final class DeliveryRun {
    private final LocalRuntime runtime;
    private final Receivers receivers;
    private final Plan plan;
    private final TenantId tenant;
    private final List<ConnectorId> connectors;

    private DeliveryRun(LocalRuntime runtime, Receivers receivers, Plan plan, BenchSite site) {
        this.runtime = runtime;
        this.receivers = receivers;
        this.plan = plan;
        this.tenant = new TenantId(site.tenantId());
        this.connectors = createConnectors();
    }

    public static String run(Options options) throws Exception {
        Plan plan = Plan.of(options);
        Path dir = Files.createTempDirectory("formbridge-delivery-");
        try (Receivers receivers = Receivers.start(plan.connectors());
                LocalRuntime runtime = LocalRuntime.start(LocalConfig.forTests(dir, environment()))) {
            BenchSite site = BenchSite.create(runtime.storage(), runtime.cipher(), "delivery");
            DeliveryRun bench = new DeliveryRun(runtime, receivers, plan, site);
            Senders senders = new Senders(runtime.ingestUrl(), site);
            int rate = plan.rate();
            RunResult warmup = bench.measure(() -> senders.steady("warm-up, " + rate + "/s", rate, plan.warmup()));
            RunResult steady = bench.measure(() -> senders.steady("steady, " + rate + "/s", rate, plan.measured()));
            RunResult saturated = bench.measure(() ->
                    senders.saturated("saturated, " + plan.senders() + " senders", plan.senders(), plan.saturated()));
            return DeliveryReport.format(warmup, steady, saturated, plan);
        }
    }

    private static Map<String, String> environment() {
        return Map.of(
                "FORMBRIDGE_ALLOW_PRIVATE_TARGETS", "true",
                "FORMBRIDGE_CONNECTOR_CACHE_MILLIS", "5000",
                "FORMBRIDGE_SITE_RATE_PER_SECOND", "1000000",
                "FORMBRIDGE_SITE_BURST", "1000000",
                "FORMBRIDGE_TENANT_RATE_PER_SECOND", "1000000",
                "FORMBRIDGE_TENANT_BURST", "1000000");
    }

    /** Webhook connectors with the defaults a tenant admin gets (template, retry policy, 10 s timeout), no filter. */
    private List<ConnectorId> createConnectors() {
        ConnectorService service = new ConnectorService(
                runtime.storage(), runtime.cipher(), OutboundPolicy.allowLocal(), Clock.systemUTC());
        List<ConnectorId> ids = new ArrayList<>();
        for (int i = 0; i < plan.connectors(); i++) {
            var spec = ConnectorService.Spec.webhook("c" + i, receivers.url(i));
            ids.add(service.create(tenant, spec).connector().id());
        }
        return ids;
    }

    /** Sends, awaits the deliveries, then reads what the product recorded and what is left in its queue. */
    private RunResult measure(Callable<Sent> sending) throws Exception {
        Arrivals arrivals = new Arrivals();
        receivers.recordInto(arrivals);
        Instant since = Instant.now().minusSeconds(1);
        Cpu before = Cpu.now(runtime.dynalite().pid());
        Sent sent = sending.call();
        System.err.println("delivery: " + sent.name() + ": " + sent.accepted().size() + " accepted; awaiting them");
        awaitDeliveries(arrivals, sent);
        Cpu used = Cpu.now(runtime.dynalite().pid()).since(before); // before reading the records back
        Recorded recorded = Recorded.read(runtime.storage(), tenant, connectors, since, sent.accepted());
        return RunResult.of(
                sent,
                connectors.size(),
                arrivals.all(),
                recorded,
                used,
                runtime.deliveryQueue().depth(),
                runtime.deliveryQueue().deadCount());
    }

    /** Until every delivery arrived, none arrived for {@code quiet}, or {@code drainCap} passed since sending stopped. */
    private void awaitDeliveries(Arrivals arrivals, Sent sent) throws InterruptedException {
        long deadline = sent.toNanos() + plan.drainCap().toNanos();
        while (!arrivals.allArrived(sent.accepted(), plan.connectors())) {
            long now = System.nanoTime();
            long quietFor = now - Math.max(arrivals.lastNanos(), sent.toNanos());
            if (now > deadline || quietFor > plan.quiet().toNanos()) {
                return;
            }
            Thread.sleep(500);
        }
    }
}
