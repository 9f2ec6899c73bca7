package dev.formbridge.site;

import dev.formbridge.tenant.Tenant;
import dev.formbridge.tenant.TenantRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a site key to its site and tenant, caching answers (including "unknown") for a short time so the
 * authorizer and ingest read storage about once per site per container per TTL, and a flood of requests with made-up
 * keys does not become a flood of reads.
 */
public final class SiteDirectory {
    private static final int MAX_ENTRIES = 50_000;

    private final SiteRepository sites;
    private final TenantRepository tenants;
    private final Clock clock;
    private final long ttlMillis;
    private final ConcurrentHashMap<SiteKey, Cached> cache = new ConcurrentHashMap<>();

    public SiteDirectory(SiteRepository sites, TenantRepository tenants, Clock clock, Duration ttl) {
        this.sites = sites;
        this.tenants = tenants;
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
    }

    /** A site with its tenant, both as stored. */
    public record Entry(Site site, Tenant tenant) {
        public boolean isActive() {
            return site.isActive() && tenant.isActive();
        }
    }

    /** The site and tenant for {@code key}, empty if either does not exist. */
    public Optional<Entry> find(SiteKey key) {
        long now = clock.millis();
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresAt > now) {
            return cached.entry;
        }
        return reload(key, now);
    }

    /**
     * The site and tenant re-read from storage unless the cached entry was read less than {@code minAge} ago: after a
     * secret rotation the new secret works at once, and a flood of bad signatures costs at most one read per site
     * and {@code minAge} in each container.
     */
    public Optional<Entry> refresh(SiteKey key, Duration minAge) {
        long now = clock.millis();
        Cached cached = cache.get(key);
        if (cached != null && now - cached.loadedAt < minAge.toMillis()) {
            return cached.entry;
        }
        return reload(key, now);
    }

    private Optional<Entry> reload(SiteKey key, long now) {
        Optional<Entry> entry = load(key);
        if (cache.size() > MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key, new Cached(entry, now + ttlMillis, now));
        return entry;
    }

    /**
     * Reads a site that cannot exist, through the same path as {@link #find}, and keeps nothing: SnapStart priming,
     * which runs this before the snapshot so a restored function has the read path's classes loaded and linked. It
     * writes nothing and caches nothing; a store that cannot answer throws as {@link #find} does.
     */
    public void warmUp() {
        load(NEVER_ISSUED);
    }

    /** Well-formed, but of ULIDs no clock or random source hands out (time zero, randomness zero). */
    static final SiteKey NEVER_ISSUED = SiteKey.parse(SiteKey.PREFIX + "0".repeat(26) + "_" + "0".repeat(26))
            .orElseThrow();

    /** Forgets what is cached for {@code key}, so the next lookup reads storage. */
    public void invalidate(SiteKey key) {
        cache.remove(key);
    }

    private Optional<Entry> load(SiteKey key) {
        return sites.find(key.tenantId(), key.siteId())
                .flatMap(site -> tenants.find(site.tenantId()).map(tenant -> new Entry(site, tenant)));
    }

    private record Cached(Optional<Entry> entry, long expiresAt, long loadedAt) {}
}
