package dev.formbridge.portal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import dev.formbridge.Json;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditRepository;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes the portal's audit events: who (the signed-in user), from where (IP address and browser), what, to which
 * target, before and after. Values are small maps rendered as JSON; secrets never go in them.
 */
@Component
public class AuditTrail {
    private final AuditRepository audit;
    private final Clock clock;

    public AuditTrail(AuditRepository audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** Records a change to {@code tenant}'s data by {@code actor}; {@code before} and {@code after} may be null. */
    public void record(
            TenantId tenant, String actor, String action, String target, Map<String, ?> before, Map<String, ?> after) {
        AuditEvent event = AuditEvent.of(tenant, clock.instant(), actor, action, target)
                .withChange(json(before), json(after))
                .withOrigin(clientAddress(), userAgent());
        audit.append(event);
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
