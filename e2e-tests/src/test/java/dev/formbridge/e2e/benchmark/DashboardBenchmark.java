package dev.formbridge.e2e.benchmark;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.e2e.idp.SignInPage;
import dev.formbridge.e2e.testutils.Browser;
import dev.formbridge.e2e.testutils.LocalSystem;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounterRepository.Granularity;
import dev.formbridge.metrics.Range;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.site.Site;
import dev.formbridge.site.SiteService;
import dev.formbridge.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The dashboard of the demo admin's organisation with the counters of few submissions (the baseline), then of many, all
 * in the 30-day range: one system, one signed-in browser, the counters written straight into the runtime's table in
 * between.
 */
final class DashboardBenchmark {
    static final int THREADS = 8;

    private DashboardBenchmark() {}

    /**
     * One organisation size: the browser's visits (one discarded first; every visit waited for the expected accepted
     * totals), the direct reads, and whether those returned the expected totals too.
     */
    record Series(
            int submissions,
            DashboardPage.Visit warmUp,
            List<DashboardPage.Visit> visits,
            DashboardRead.Result direct,
            boolean directAsExpected) {

        Timings timings(Function<DashboardPage.Visit, Double> measure) {
            return new Timings(visits.stream().map(measure).toList());
        }
    }

    /** Both sizes, the large one's submissions a minute, and what writing their counters took. */
    record Result(
            Series baseline,
            Series large,
            double perMinute,
            CounterSeeder.Written baselineWritten,
            double baselineSeeding,
            CounterSeeder.Written largeWritten,
            double largeSeeding) {}

    static Result run(int total, int baselineCount, int samples) {
        if (total % baselineCount != 0) {
            throw new IllegalArgumentException("the baseline count must divide the total");
        }
        try (LocalSystem system = LocalSystem.start();
                RuntimeStore store = RuntimeStore.open(system.home());
                Browser browser = Browser.launch();
                BrowserContext context = browser.newContext()) {
            Tenant demo = SubmissionsViewBenchmark.demoOrganisation(store);
            CounterSeeder seeder = seeder(store, demo, total);
            int step = total / baselineCount;
            int[] baselineNumbers =
                    IntStream.range(0, baselineCount).map(i -> i * step).toArray();
            long start = System.nanoTime();
            CounterSeeder.Written baselineWritten = seeder.write(baselineNumbers, THREADS);
            double baselineSeeding = (System.nanoTime() - start) / 1e6;
            Page page = context.newPage();
            SignInPage.openPortal(page, system.portalUrl())
                    .signIn(SubmissionsViewBenchmark.ADMIN, system.demoPassword(SubmissionsViewBenchmark.ADMIN));
            page.getByText(SubmissionsViewBenchmark.ADMIN).first().waitFor();
            Series baseline = measure(page, system, store, demo, seeder, baselineNumbers, samples);
            start = System.nanoTime();
            CounterSeeder.Written largeWritten = seeder.write(
                    IntStream.range(0, total).filter(i -> i % step != 0).toArray(), THREADS);
            double largeSeeding = (System.nanoTime() - start) / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "wrote the counters of %,d submissions (%,d updates) in %.1f s%n",
                    total - baselineCount,
                    largeWritten.updates(),
                    largeSeeding / 1000);
            Series large = measure(
                    page, system, store, demo, seeder, IntStream.range(0, total).toArray(), samples);
            return new Result(
                    baseline, large, seeder.perMinute(), baselineWritten, baselineSeeding, largeWritten, largeSeeding);
        }
    }

    /** A site and two connectors for the organisation, and counters from the 30-day range's first bucket to now. */
    private static CounterSeeder seeder(RuntimeStore store, Tenant demo, int total) {
        Site site = new SiteService(store.storage(), store.cipher(), Clock.systemUTC())
                .register(demo.id(), "Benchmark site", "https://bench.example")
                .site();
        ConnectorService connectors =
                new ConnectorService(store.storage(), store.cipher(), OutboundPolicy.allowLocal(), Clock.systemUTC());
        // loopback targets: nothing is sent (no submission is routed), and creating them needs no DNS
        Connector allForms = connectors
                .create(demo.id(), Spec.webhook("CRM (all forms)", "http://127.0.0.1:9/crm"))
                .connector();
        Connector contact = connectors
                .create(
                        demo.id(),
                        Spec.webhook("Sales (contact form)", "http://127.0.0.1:9/sales")
                                .withFilter("{\"detail\":{\"formId\":[\"contact\"]}}"))
                .connector();
        Instant now = Instant.now();
        Instant first = Granularity.DAY.plus(Granularity.DAY.start(now), -(Range.LAST_30_DAYS.buckets() - 1));
        return new CounterSeeder(
                new MetricCounterRepository(store.storage()),
                demo.id(),
                site.id().value(),
                allForms.id().value(),
                contact.id().value(),
                first,
                now,
                total);
    }

    private static Series measure(
            Page page,
            LocalSystem system,
            RuntimeStore store,
            Tenant tenant,
            CounterSeeder seeder,
            int[] numbers,
            int samples) {
        Function<Range, List<Long>> expected = range -> expected(seeder, numbers, range);
        Map<Range, List<Long>> beforeDirect = new EnumMap<>(Range.class);
        for (Range range : Range.values()) {
            beforeDirect.put(range, expected.apply(range));
        }
        DashboardRead.Result direct = DashboardRead.measure(store, tenant.id(), samples);
        boolean directAsExpected = beforeDirect.entrySet().stream()
                .allMatch(e -> e.getValue().contains(direct.of(e.getKey()).accepted()));
        DashboardPage.Visit warmUp = DashboardPage.visit(page, system.portalUrl(), expected);
        List<DashboardPage.Visit> visits = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            visits.add(DashboardPage.visit(page, system.portalUrl(), expected));
        }
        Series series = new Series(numbers.length, warmUp, visits, direct, directAsExpected);
        System.out.printf(
                Locale.ROOT,
                "%,d submissions: navigation → first chart %s ms, click 30 days → chart %s ms, direct 30 days %s ms%n",
                numbers.length,
                series.timings(v -> v.of(Range.LAST_HOUR).chart()).values(),
                series.timings(v -> v.of(Range.LAST_30_DAYS).chart()).values(),
                direct.of(Range.LAST_30_DAYS).millis().values());
        return series;
    }

    /** The accepted totals a range may show now: the current buckets' and, near a boundary, the next ones'. */
    private static List<Long> expected(CounterSeeder seeder, int[] numbers, Range range) {
        Instant now = Instant.now();
        Instant next = range.granularity().plus(range.granularity().start(now), 1);
        return List.of(seeder.accepted(numbers, range, now), seeder.accepted(numbers, range, next));
    }
}
