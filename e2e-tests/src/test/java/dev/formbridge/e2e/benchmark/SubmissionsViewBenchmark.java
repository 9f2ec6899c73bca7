package dev.formbridge.e2e.benchmark;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.formbridge.e2e.idp.SignInPage;
import dev.formbridge.e2e.testutils.Browser;
import dev.formbridge.e2e.testutils.LocalSystem;
import dev.formbridge.site.Site;
import dev.formbridge.site.SiteService;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.team.Membership;
import dev.formbridge.team.TeamService;
import dev.formbridge.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The Submissions view's first page for the demo admin's organisation with few submissions (the baseline), then with
 * many: one system, one signed-in browser, the submissions written straight into the runtime's table in between.
 */
final class SubmissionsViewBenchmark {
    static final String ADMIN = "admin@demo.formbridge.dev";
    static final int THREADS = 8;
    private static final Duration SEEDED_WITHIN = Duration.ofSeconds(60);

    private SubmissionsViewBenchmark() {}

    /** The measurements of one organisation size. */
    record Series(
            int submissions,
            double warmUpFirstRow,
            Timings firstRow,
            Timings wholePage,
            int rows,
            boolean sameIdsAsDirectRead,
            FirstPageRead.Result directRead) {}

    /** Both sizes, and how long writing their submissions took (ms). */
    record Result(Series baseline, Series large, double baselineSeeding, double largeSeeding) {}

    static Result run(int total, int baselineCount, int samples) {
        if (total % baselineCount != 0) {
            throw new IllegalArgumentException("the baseline count must divide the total");
        }
        try (LocalSystem system = LocalSystem.start();
                RuntimeStore store = RuntimeStore.open(system.home());
                Browser browser = Browser.launch();
                BrowserContext context = browser.newContext()) {
            Tenant demo = demoOrganisation(store);
            Site site = new SiteService(store.storage(), store.cipher(), Clock.systemUTC())
                    .register(demo.id(), "Benchmark site", "https://bench.example")
                    .site();
            SubmissionSeeder seeder = new SubmissionSeeder(
                    new SubmissionRepository(store.storage()),
                    demo.id(),
                    site.id(),
                    demo.retention(),
                    Instant.now(),
                    total);
            // every (total / baselineCount)-th submission: the baseline's are spread over the 30 days too
            int step = total / baselineCount;
            double baselineSeeding = timed(() -> seeder.write(
                    IntStream.range(0, baselineCount).map(i -> i * step).toArray(), THREADS));
            Page page = context.newPage();
            SignInPage.openPortal(page, system.portalUrl()).signIn(ADMIN, system.demoPassword(ADMIN));
            page.getByText(ADMIN).first().waitFor();
            Series baseline = measure(page, system, store, demo, baselineCount, samples);
            double largeSeeding = timed(() -> seeder.write(
                    IntStream.range(0, total).filter(i -> i % step != 0).toArray(), THREADS));
            System.out.printf(Locale.ROOT, "seeded %,d submissions in %.1f s%n", total, largeSeeding / 1000);
            Series large = measure(page, system, store, demo, total, samples);
            return new Result(baseline, large, baselineSeeding, largeSeeding);
        }
    }

    private static Series measure(
            Page page, LocalSystem system, RuntimeStore store, Tenant tenant, int submissions, int samples) {
        int rows = Math.min(submissions, FirstPageRead.PAGE_SIZE);
        FirstPageRead.Result direct = FirstPageRead.measure(store, tenant.id(), samples);
        SubmissionsPage.Visit warmUp = SubmissionsPage.visit(page, system.portalUrl(), rows);
        List<Double> firstRow = new ArrayList<>();
        List<Double> wholePage = new ArrayList<>();
        boolean sameIds = warmUp.ids().equals(direct.ids());
        for (int i = 0; i < samples; i++) {
            SubmissionsPage.Visit visit = SubmissionsPage.visit(page, system.portalUrl(), rows);
            firstRow.add(visit.firstRow());
            wholePage.add(visit.wholePage());
            sameIds &= visit.ids().equals(direct.ids());
        }
        Series series = new Series(
                submissions, warmUp.firstRow(), new Timings(firstRow), new Timings(wholePage), rows, sameIds, direct);
        System.out.printf(
                Locale.ROOT,
                "%,d submissions: first row %s ms, whole page %s ms, direct read %s ms%n",
                submissions,
                series.firstRow().values(),
                series.wholePage().values(),
                direct.millis().values());
        return series;
    }

    /** The organisation the portal seeds for the demo admin when it starts. */
    static Tenant demoOrganisation(RuntimeStore store) {
        TeamService team = new TeamService(store.storage(), Clock.systemUTC());
        Instant deadline = Instant.now().plus(SEEDED_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            List<Membership> memberships = team.memberships(ADMIN);
            if (!memberships.isEmpty()) {
                return memberships.getFirst().tenant();
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("the portal did not create the demo organisation within " + SEEDED_WITHIN);
    }

    private static double timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
