package dev.formbridge.portal.security;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import dev.formbridge.tenant.TenantId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Keeps the chosen organisation per browser tab (on the tab's Vaadin {@link UI}, on the server), and the latest choice
 * in the user's Vaadin session for tabs opened or reloaded later. A tab never follows a switch made in another tab:
 * its open pages keep acting on the organisation they show.
 */
@Component
public class TabTenantSelection implements TenantSelection {
    private static final String SELECTED = TabTenantSelection.class.getName() + ".selected";

    @Override
    public Optional<TenantId> get() {
        UI ui = UI.getCurrent();
        return ui == null ? Optional.empty() : Optional.ofNullable((TenantId) ComponentUtil.getData(ui, SELECTED));
    }

    /**
     * @throws IllegalStateException without a current tab (a download or upload handler, a background task): the
     *     latest choice may be another tab's, so such code reads the organisation under its tab's lock first
     *     ({@code UI.accessSynchronously}) instead of silently acting on whichever tab switched last
     */
    @Override
    public Optional<TenantId> latest() {
        currentTab();
        return Optional.ofNullable((TenantId) session().getAttribute(SELECTED));
    }

    @Override
    public void set(TenantId tenant) {
        ComponentUtil.setData(currentTab(), SELECTED, tenant);
        session().setAttribute(SELECTED, tenant);
    }

    private static UI currentTab() {
        UI ui = UI.getCurrent();
        if (ui == null) {
            throw new IllegalStateException(
                    "no browser tab is current: read the organisation under the tab's lock (UI.accessSynchronously)");
        }
        return ui;
    }

    private static VaadinSession session() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            throw new IllegalStateException("no Vaadin session");
        }
        return session;
    }
}
