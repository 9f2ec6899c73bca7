package dev.formbridge.portal.security;

import com.vaadin.flow.server.VaadinSession;
import dev.formbridge.tenant.TenantId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Keeps the chosen organisation in the user's Vaadin session. */
@Component
class SessionTenantSelection implements TenantSelection {
    private static final String SELECTED = SessionTenantSelection.class.getName() + ".selected";

    @Override
    public Optional<TenantId> get() {
        return Optional.ofNullable((TenantId) session().getAttribute(SELECTED));
    }

    @Override
    public void set(TenantId tenant) {
        session().setAttribute(SELECTED, tenant);
    }

    private static VaadinSession session() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            throw new IllegalStateException("no Vaadin session");
        }
        return session;
    }
}
