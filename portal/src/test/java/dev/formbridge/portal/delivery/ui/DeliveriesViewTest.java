package dev.formbridge.portal.delivery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.notification.Notification;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.portal.testutils.BrowserTabs;
import dev.formbridge.portal.testutils.PortalServices;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deliveries page with its "Since" field cleared asks for a time instead of failing. */
class DeliveriesViewTest {
    private static final String OWNER = "owner@a.example";

    private PortalServices portal;
    private BrowserTabs tabs;
    private UI tab;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        portal = new PortalServices(keys);
        tabs = new BrowserTabs(portal);
        tab = tabs.newTab(tabs.newSession());
        tabs.request(tab, OWNER, () -> {
            portal.teamAdmin.createOrganisation("Organisation A");
            portal.connectorAdmin.create(ConnectorService.Spec.webhook("Hook", "http://127.0.0.1:9/hook"));
        });
    }

    @AfterEach
    void signOut() {
        portal.signOut();
    }

    @Test
    void replay_all_failed_with_the_since_field_cleared_asks_for_a_time() {
        List<String> shown = tabs.request(tab, OWNER, () -> {
            DeliveriesView view = new DeliveriesView(portal.deliveryAdmin, portal.tenants);
            tab.add(view);
            descendants(view)
                    .filter(DateTimePicker.class::isInstance)
                    .map(DateTimePicker.class::cast)
                    .findFirst()
                    .orElseThrow()
                    .clear();

            click(view, "Replay all failed since…");

            return notifications();
        });

        assertThat(shown).containsExactly(DeliveriesView.CHOOSE);
    }

    /** The notifications shown in the tab (Vaadin attaches them just before it answers the request). */
    private List<String> notifications() {
        tab.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        return descendants(tab)
                .filter(Notification.class::isInstance)
                .map(n -> n.getElement().getProperty("text"))
                .toList();
    }

    private static void click(Component root, String label) {
        Button button = descendants(root)
                .filter(Button.class::isInstance)
                .map(Button.class::cast)
                .filter(b -> label.equals(b.getText()))
                .findFirst()
                .orElseThrow();
        ComponentUtil.fireEvent(button, new ClickEvent<>(button));
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(DeliveriesViewTest::descendants));
    }
}
