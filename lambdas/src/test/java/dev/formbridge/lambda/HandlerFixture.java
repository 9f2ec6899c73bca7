package dev.formbridge.lambda;

import dev.formbridge.event.EventPublisher;
import dev.formbridge.ingest.IngestService;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.ingest.SiteAuthorizer;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.site.SiteDirectory;
import dev.formbridge.site.SiteRepository;
import dev.formbridge.site.SiteService;
import dev.formbridge.site.SiteService.NewSecret;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantRepository;
import dev.formbridge.tenant.TenantService;
import dev.formbridge.testutils.LocalDynamo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Real handlers over a real dynalite table, the way the no-arg constructors would build them in AWS. */
final class HandlerFixture {
    final Storage storage = LocalDynamo.newStorage();
    final SecretCipher cipher;
    final Clock clock = Clock.systemUTC();
    final IngestSettings settings = IngestSettings.fromEnvironment(Map.of("FORMBRIDGE_SITE_CACHE_MILLIS", "0"));
    final SiteService sites;
    final NewSecret site;

    HandlerFixture(Path keyDir) {
        cipher = LocalKeyFileCipher.fromKeyFile(keyDir.resolve("master.key"));
        sites = new SiteService(storage, cipher, clock);
        site = sites.register(new TenantService(storage, clock).create("Acme").id(), "Shop", "https://shop.example");
    }

    SiteDirectory directory() {
        return new SiteDirectory(new SiteRepository(storage), new TenantRepository(storage), clock, Duration.ZERO);
    }

    IngestHandler ingest(EventPublisher publisher) {
        return new IngestHandler(
                new IngestService(directory(), storage, cipher, publisher, clock, settings), Environment.metrics());
    }

    AuthorizerHandler authorizer() {
        return new AuthorizerHandler(new SiteAuthorizer(directory(), storage, clock, settings), Environment.metrics());
    }
}
