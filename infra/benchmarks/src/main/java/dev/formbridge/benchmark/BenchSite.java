package dev.formbridge.benchmark;

import dev.formbridge.secret.SecretCipher;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.site.SiteService;
import dev.formbridge.site.SiteService.NewSecret;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.tenant.TenantService;
import java.time.Clock;

/** A tenant with one active site, created through the real services, as the portal (or LocalAdmin) would. */
public record BenchSite(String tenantId, String siteId, String siteKey, SigningSecret secret) {

    public static BenchSite create(Storage storage, SecretCipher cipher, String name) {
        Clock clock = Clock.systemUTC();
        Tenant tenant = new TenantService(storage, clock).create(name + " tenant");
        NewSecret site = new SiteService(storage, cipher, clock)
                .register(tenant.id(), name + " site", "https://" + name + ".example");
        return new BenchSite(
                tenant.id().value(), site.site().id().value(), site.site().key().value(), site.secret());
    }
}
