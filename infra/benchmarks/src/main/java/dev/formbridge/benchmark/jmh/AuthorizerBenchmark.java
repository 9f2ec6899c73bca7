package dev.formbridge.benchmark.jmh;

import dev.formbridge.benchmark.BenchSite;
import dev.formbridge.benchmark.LocalStore;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.ingest.SiteAuthorizer;
import dev.formbridge.ingest.SiteAuthorizer.Decision;
import dev.formbridge.site.SiteDirectory;
import dev.formbridge.site.SiteRepository;
import dev.formbridge.tenant.TenantRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The authorizer's decision for a real site with a warm cache: a site directory over a real dynalite, a one-hour TTL,
 * one call before measuring. Every measured call is a cache hit, which is what almost every request sees in AWS.
 */
@State(Scope.Benchmark)
public class AuthorizerBenchmark {
    private LocalStore store;
    private SiteAuthorizer authorizer;
    private String siteKey;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("formbridge-jmh-");
        store = LocalStore.start(dir);
        BenchSite site = store.createSite("jmh");
        siteKey = site.siteKey();
        IngestSettings settings = IngestSettings.fromEnvironment(Map.of("FORMBRIDGE_SITE_CACHE_MILLIS", "3600000"));
        Clock clock = Clock.systemUTC();
        SiteDirectory directory = new SiteDirectory(
                new SiteRepository(store.storage()),
                new TenantRepository(store.storage()),
                clock,
                settings.siteCacheTtl());
        authorizer = new SiteAuthorizer(directory, store.storage(), clock, settings);
        Decision warm = authorizer.decide(siteKey);
        if (!warm.allowed()) {
            throw new IllegalStateException("the benchmark site was not authorized: " + warm);
        }
    }

    @Benchmark
    public Decision decideWarmCache() {
        return authorizer.decide(siteKey);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }
}
