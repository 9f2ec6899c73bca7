package dev.formbridge.portal.support.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.textfield.TextField;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.portal.audit.ui.AuditEventGrid;
import dev.formbridge.portal.support.SupportService;
import dev.formbridge.portal.testutils.BrowserTabs;
import dev.formbridge.portal.testutils.PortalServices;
import dev.formbridge.tenant.TenantId;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The support console's audit events: "More events" never continues a listing with another filter's cursor. */
class SupportViewTest {
    private static final String ALICE = "alice@a.example";
    private static final String BOB = "bob@a.example";
    private static final String SUPPORT = "support@formbridge.example";

    private PortalServices portal;
    private BrowserTabs tabs;
    private UI tab;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        portal = new PortalServices(keys);
        tabs = new BrowserTabs(portal);
        tab = tabs.newTab(tabs.newSession());
        tabs.request(tab, ALICE, () -> {
            TenantId tenant =
                    portal.teamAdmin.createOrganisation("Organisation A").id();
            // Bob's events are older than a page of Alice's: they come after the first page's cursor
            for (int i = 0; i < 3; i++) {
                portal.auditTrail.record(tenant, BOB, "test.bob", "b" + i, null, null);
            }
            for (int i = 0; i < SupportService.PAGE_SIZE + 5; i++) {
                portal.auditTrail.record(tenant, ALICE, "test.alice", "t" + i, null, null);
            }
        });
    }

    @AfterEach
    void signOut() {
        portal.signOut();
    }

    @Test
    void a_filter_changed_after_show_hides_more_events_and_never_mixes_its_events_into_the_listing() {
        portal.signIn(SUPPORT, true);
        tabs.request(tab, null, () -> {
            SupportView view = new SupportView(portal.support);
            tab.add(view);
            field(view, DatePicker.class, "Day (UTC)")
                    .setValue(portal.clock.instant().atZone(ZoneOffset.UTC).toLocalDate());
            click(view, "Show");
            AuditEventGrid events = only(view, AuditEventGrid.class);
            Button more = button(view, "More events");
            List<AuditEvent> firstPage = events.getListDataView().getItems().toList();
            assertThat(firstPage).hasSize(SupportService.PAGE_SIZE);
            assertThat(more.isVisible()).isTrue();

            // WHEN the actor filter changes without "Show", and "More events" is clicked
            field(view, TextField.class, "Actor").setValue(BOB);
            ComponentUtil.fireEvent(more, new ClickEvent<>(more));

            // THEN there is no "more" of the listing on show, and nothing of the new filter was appended to it
            assertThat(more.isVisible()).isFalse();
            assertThat(events.getListDataView().getItems().toList()).isEqualTo(firstPage);

            // and "Show" lists the new filter from its start
            click(view, "Show");
            assertThat(events.getListDataView().getItems().toList())
                    .extracting(AuditEvent::actor)
                    .containsOnly(BOB)
                    .hasSize(3);
        });
    }

    private static void click(Component root, String label) {
        Button button = button(root, label);
        ComponentUtil.fireEvent(button, new ClickEvent<>(button));
    }

    private static Button button(Component root, String label) {
        return descendants(root)
                .filter(Button.class::isInstance)
                .map(Button.class::cast)
                .filter(b -> label.equals(b.getText()))
                .findFirst()
                .orElseThrow();
    }

    private static <T extends Component> T field(Component root, Class<T> type, String label) {
        return descendants(root)
                .filter(type::isInstance)
                .map(type::cast)
                .filter(f -> label.equals(f.getElement().getProperty("label")))
                .findFirst()
                .orElseThrow();
    }

    private static <T extends Component> T only(Component root, Class<T> type) {
        return descendants(root)
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(SupportViewTest::descendants));
    }
}
