package dev.formbridge.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.formbridge.Json;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.audit.AuditRepository;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Page;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records security events (rejected signatures, rate-limit hits) in the tenant's audit log, where they are chained like
 * every other event: actor {@value #ACTOR}, action {@code ingest.rejected.<reason>}, the site as target and
 * {@code {"count":N}} as after. Writers sample: at most one event per site and reason per minute, carrying how many
 * rejections it stands for; each costs one read and one conditional write (more only under concurrent appends).
 */
public final class SecurityEventRepository {
    static final String ACTOR = "system:ingest";
    static final String ACTION_PREFIX = "ingest.rejected.";

    private final AuditRepository audit;

    public SecurityEventRepository(Storage storage) {
        this.audit = new AuditRepository(storage);
    }

    /** A sampled security event: {@code count} rejections for {@code reason} at one site since the previous event. */
    public record SecurityEvent(TenantId tenantId, SiteId siteId, String reason, Instant at, long count) {}

    public void append(SecurityEvent event) {
        audit.append(AuditEvent.of(
                        event.tenantId(),
                        event.at(),
                        ACTOR,
                        ACTION_PREFIX + event.reason(),
                        event.siteId().value())
                .withChange(
                        null,
                        Json.MAPPER
                                .createObjectNode()
                                .put("count", event.count())
                                .toString()));
    }

    /** The tenant's security events, oldest first. */
    public List<SecurityEvent> list(TenantId tenantId) {
        AuditQuery rejections = AuditQuery.all().withActor(ACTOR).withActionPrefix(ACTION_PREFIX);
        List<SecurityEvent> events = new ArrayList<>();
        String cursor = null;
        do {
            Page<AuditEvent> page = audit.page(tenantId, rejections, cursor, 1000);
            page.items().forEach(e -> events.add(toSecurityEvent(e)));
            cursor = page.nextCursor();
        } while (cursor != null);
        return events.reversed();
    }

    private static SecurityEvent toSecurityEvent(AuditEvent event) {
        try {
            return new SecurityEvent(
                    event.tenantId(),
                    new SiteId(event.target()),
                    event.action().substring(ACTION_PREFIX.length()),
                    event.at(),
                    Json.MAPPER.readTree(event.after()).path("count").asLong());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("security event " + event.seq() + " has no JSON count", e);
        }
    }
}
