package dev.formbridge.tenant;

import dev.formbridge.storage.Storage;
import java.time.Clock;
import java.util.NoSuchElementException;

/** Creates tenants and changes their status. */
public final class TenantService {
    private final TenantRepository tenants;
    private final Clock clock;

    public TenantService(Storage storage, Clock clock) {
        this.tenants = new TenantRepository(storage);
        this.clock = clock;
    }

    public Tenant create(String name) {
        return tenants.save(Tenant.create(name, clock.instant()));
    }

    public Tenant get(TenantId id) {
        return tenants.find(id).orElseThrow(() -> new NoSuchElementException("no tenant " + id));
    }

    public Tenant setStatus(TenantId id, TenantStatus status) {
        return tenants.save(get(id).withStatus(status));
    }
}
