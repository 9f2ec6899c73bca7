package dev.formbridge.portal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import dev.formbridge.Json;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditRepository;
import dev.formbridge.storage.StorageUnavailableException;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the portal's audit events: who (the signed-in user), from where (IP address and browser), what, to which
 * target, before and after. Values are small maps rendered as JSON; secrets never go in them.
 */
@Component
public class AuditTrail {
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private final AuditRepository audit;
    private final Clock clock;

    public AuditTrail(AuditRepository audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** Where a request came from: IP address and browser, either may be null. */
    public record Origin(String ip, String userAgent) {}

    /**
     * The origin of the current request. Read it while the request's session is locked when the event is written
     * later, outside the lock (a download).
     */
    public Origin origin() {
        return new Origin(clientAddress(), userAgent());
    }

    /** Records a change to {@code tenant}'s data by {@code actor}; {@code before} and {@code after} may be null. */
    public void record(
            TenantId tenant, String actor, String action, String target, Map<String, ?> before, Map<String, ?> after) {
        record(origin(), tenant, actor, action, target, before, after);
    }

    /** Like {@link #record(TenantId, String, String, String, Map, Map)}, from an origin read earlier. */
    public void record(
            Origin origin,
            TenantId tenant,
            String actor,
            String action,
            String target,
            Map<String, ?> before,
            Map<String, ?> after) {
        audit.append(event(origin, tenant, actor, action, target, before, after));
    }

    /**
     * Records a change that is already done and cannot be taken back, such as one whose result (a secret shown once)
     * the user must see. If the event cannot be written (the store is down, or the chain's append gave up), the
     * change is not hidden: the whole event is logged at ERROR (it never holds a secret) for the operators to append,
     * and the answer is false, so the caller still returns the result and tells the user.
     *
     * <p>Why not retry in the background: an in-memory retry dies with the process, and an event appended later would
     * sit in the chain after events that happened after it. Why not write the event first: without transactions an
     * event written before a change that then fails would record something that never happened.
     */
    public <T> Audited<T> recordDone(
            T result,
            TenantId tenant,
            String actor,
            String action,
            String target,
            Map<String, ?> before,
            Map<String, ?> after) {
        AuditEvent event = event(origin(), tenant, actor, action, target, before, after);
        try {
            audit.append(event);
            return new Audited<>(result, true);
        } catch (StorageUnavailableException e) {
            log.error(
                    "audit event not written, append it by hand: tenant={} at={} actor={} action={} target={} "
                            + "before={} after={} ip={} browser={}",
                    event.tenantId().value(),
                    event.at(),
                    event.actor(),
                    event.action(),
                    event.target(),
                    event.before(),
                    event.after(),
                    event.ip(),
                    event.userAgent(),
                    e);
            return new Audited<>(result, false);
        }
    }

    private AuditEvent event(
            Origin origin,
            TenantId tenant,
            String actor,
            String action,
            String target,
            Map<String, ?> before,
            Map<String, ?> after) {
        return AuditEvent.of(tenant, clock.instant(), actor, action, target)
                .withChange(json(before), json(after))
                .withOrigin(origin.ip(), origin.userAgent());
    }

    private static String json(Map<String, ?> values) {
        if (values == null) {
            return null;
        }
        try {
            return Json.MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit values must be plain data", e);
        }
    }

    private static String clientAddress() {
        VaadinRequest request = VaadinRequest.getCurrent();
        return request == null ? null : request.getRemoteAddr();
    }

    private static String userAgent() {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null && request.getHeader("User-Agent") != null) {
            return request.getHeader("User-Agent");
        }
        VaadinSession session = VaadinSession.getCurrent();
        return session == null || session.getBrowser() == null
                ? null
                : session.getBrowser().getBrowserApplication();
    }
}
