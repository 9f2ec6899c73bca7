package dev.formbridge.portal.testutils;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.mockito.Mockito;

/**
 * Vaadin sessions and their browser tabs (UIs) without a servlet container, with requests as Vaadin runs them: a tab's
 * request holds the session lock with the tab as the current UI; a download holds neither.
 */
public final class BrowserTabs {
    private final PortalServices portal;

    public BrowserTabs(PortalServices portal) {
        this.portal = portal;
    }

    /** A new session whose lock works as Vaadin's does (held by one thread, checked by session attribute access). */
    public VaadinSession newSession() {
        Lock lock = new ReentrantLock();
        return new VaadinSession(Mockito.mock(VaadinService.class)) {
            @Override
            public Lock getLockInstance() {
                return lock;
            }
        };
    }

    /** A new tab of {@code session}. */
    public UI newTab(VaadinSession session) {
        UI tab = new UI();
        session.lock();
        try {
            tab.getInternals().setSession(session);
        } finally {
            session.unlock();
        }
        return tab;
    }

    /**
     * Runs {@code action} as a request of {@code tab} by {@code user} (null: whoever is signed in): session locked,
     * the tab the current UI.
     */
    public <T> T request(UI tab, String user, Supplier<T> action) {
        VaadinSession session = tab.getSession();
        return within(session, tab, user, () -> {
            session.lock();
            try {
                return action.get();
            } finally {
                session.unlock();
            }
        });
    }

    public void request(UI tab, String user, Runnable action) {
        request(tab, user, () -> {
            action.run();
            return null;
        });
    }

    /** Runs {@code action} as Vaadin runs a download of {@code session}: no lock held, no current UI. */
    public void download(VaadinSession session, String user, Runnable action) {
        within(session, null, user, () -> {
            action.run();
            return null;
        });
    }

    private <T> T within(VaadinSession session, UI tab, String user, Supplier<T> action) {
        VaadinSession previousSession = VaadinSession.getCurrent();
        UI previousTab = UI.getCurrent();
        VaadinSession.setCurrent(session);
        UI.setCurrent(tab);
        if (user != null) {
            portal.signIn(user);
        }
        try {
            return action.get();
        } finally {
            VaadinSession.setCurrent(previousSession);
            UI.setCurrent(previousTab);
        }
    }
}
