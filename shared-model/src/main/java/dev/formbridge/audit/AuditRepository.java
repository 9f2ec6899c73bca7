package dev.formbridge.audit;

import dev.formbridge.storage.Page;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.StorageUnavailableException;
import dev.formbridge.tenant.TenantId;
import java.time.LocalDate;

/**
 * The per-tenant, append-only, hash-chained audit log: appends events, lists them for the tenant (by time) and for
 * support (every tenant, by day), and verifies a tenant's chain.
 *
 * <p>An append reads the tenant's latest event (strongly consistent) and writes the next number with a condition that
 * the number is still free; when a concurrent append took it, it reads again and retries. There are no transactions:
 * the conditional put is the whole protocol, so a chain has no gaps and no forks. Appenders in one JVM take turns per
 * tenant, so only separate processes race.
 */
public final class AuditRepository {
    private final ChainAppender appender;
    private final AuditPager pager;
    private final ChainVerifier verifier;

    public AuditRepository(Storage storage) {
        this(storage, TenantTurns.JVM);
    }

    /** With its own turns: tests use one per simulated process. */
    AuditRepository(Storage storage, TenantTurns turns) {
        this.appender = new ChainAppender(storage, turns);
        this.pager = new AuditPager(storage);
        this.verifier = new ChainVerifier(storage);
    }

    /**
     * Appends a new event (built with {@link AuditEvent#of}) to its tenant's chain and returns it with its sequence
     * number and hashes. Throws {@link StorageUnavailableException} when the store is unavailable or when
     * a bounded number of attempts in a row lost to appends of other processes (retry later).
     */
    public AuditEvent append(AuditEvent event) {
        if (event.appended()) {
            throw new IllegalArgumentException("event " + event.seq() + " is already in the chain");
        }
        return appender.append(event);
    }

    /**
     * A page of the tenant's events matching {@code query}, newest first. {@code cursor} is null for the first page,
     * else the previous page's {@link Page#nextCursor()}; a cursor of another listing throws {@link
     * IllegalArgumentException}. {@code limit} is 1 to 1000.
     */
    public Page<AuditEvent> page(TenantId tenant, AuditQuery query, String cursor, int limit) {
        return pager.page(AuditListing.ofTenant(tenant), query, cursor, limit);
    }

    /**
     * For support staff only: a page of every tenant's events of one UTC {@code day} matching {@code query}, newest
     * first, read from a platform-wide index (no scan). Cursors and limits as in {@link #page}.
     */
    public Page<AuditEvent> acrossTenants(LocalDate day, AuditQuery query, String cursor, int limit) {
        return pager.page(AuditListing.ofDay(day), query, cursor, limit);
    }

    /** Recomputes every hash and link of the tenant's chain, oldest first, and reports the first break. */
    public ChainVerification verifyChain(TenantId tenant) {
        return verifier.verify(tenant);
    }
}
