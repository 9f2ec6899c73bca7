package dev.formbridge.tenant;

import dev.formbridge.storage.Page;
import dev.formbridge.storage.Storage;
import java.time.Clock;
import java.util.NoSuchElementException;

/** Creates tenants, changes their status, and pages through all of them for support staff. */
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

    /**
     * One page of all tenants in order of name, for support staff (a query of the tenant directory, not a scan).
     * {@code cursor} is null for the first page, else the {@link Page<Tenant>#nextCursor()} of the page before;
     * {@code limit} is 1 to {@value TenantRepository#MAX_PAGE_SIZE}.
     */
    public Page<Tenant> list(String cursor, int limit) {
        return tenants.list(cursor, limit);
    }
}
