package dev.formbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.ingest.IngestResult.Accepted;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.site.SiteDirectory;
import dev.formbridge.site.SiteRepository;
import dev.formbridge.site.SiteService;
import dev.formbridge.site.SiteService.NewSecret;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantRepository;
import dev.formbridge.tenant.TenantService;
import dev.formbridge.testutils.CountingDynamo;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import dev.formbridge.testutils.RecordingPublisher;
import dev.formbridge.testutils.SignedRequests;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * SnapStart priming (the functions' {@code Priming}): the warm-ups take the real read path through the store, and
 * leave no trace a restored function could trip on — nothing written, published or cached.
 */
class WarmUpTest {
    @TempDir
    Path keys;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    final RecordingPublisher bus = new RecordingPublisher();
    CountingDynamo calls;
    Storage storage;
    SecretCipher cipher;
    NewSecret site;
    IngestSettings settings;

    @BeforeEach
    void setUp() {
        Storage real = LocalDynamo.newStorage();
        calls = new CountingDynamo(real.dynamo());
        storage = calls.storage(real);
        cipher = LocalKeyFileCipher.fromKeyFile(keys.resolve("master.key"));
        var tenant = new TenantService(storage, clock).create("Acme");
        site = new SiteService(storage, cipher, clock).register(tenant.id(), "Shop", "https://shop.example");
        // the functions' default: a found (or missing) site is cached, so a second read would show a cache entry
        settings = IngestSettings.fromEnvironment(Map.of("FORMBRIDGE_SITE_CACHE_MILLIS", "60000"));
    }

    /** What the store was asked while {@code action} ran. */
    List<Object> requestsDuring(Runnable action) {
        int before = calls.count();
        action.run();
        return calls.seen().subList(before, calls.count());
    }

    @Test
    void ingest_warm_up_reads_through_the_store_every_time_and_writes_publishes_nothing() {
        IngestService ingest = new IngestService(storage, cipher, bus, clock, settings);

        List<Object> first = requestsDuring(ingest::warmUp);
        List<Object> second = requestsDuring(ingest::warmUp);

        // one site lookup each time, and only reads: the second is not answered from a cache
        assertThat(first).hasSize(1).allMatch(GetItemRequest.class::isInstance);
        assertThat(second).hasSize(1).allMatch(GetItemRequest.class::isInstance);
        assertThat(bus.published()).isEmpty();
        // and the real site is accepted afterwards as if nothing had happened
        IngestResult result = ingest.ingest(SignedRequests.request(
                site.site().key(),
                site.secret(),
                "msg_after_warm_up",
                clock.instant(),
                SignedRequests.body("contact", "a@b.example")));
        assertThat(result).isInstanceOf(Accepted.class);
    }

    @Test
    void authorizer_warm_up_reads_only_and_leaves_decisions_unchanged() {
        SiteDirectory directory = new SiteDirectory(
                new SiteRepository(storage), new TenantRepository(storage), clock, Duration.ofMinutes(1));
        SiteAuthorizer authorizer = new SiteAuthorizer(directory, storage, clock, settings);

        List<Object> during = requestsDuring(authorizer::warmUp);

        assertThat(during).hasSize(1).allMatch(GetItemRequest.class::isInstance);
        assertThat(authorizer.decide(site.site().key().value()).allowed()).isTrue();
    }
}
