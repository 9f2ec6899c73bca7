package dev.formbridge.portal.team.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.team.TeamAdminService;
import dev.formbridge.team.Member;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * The target of an invitation link ({@code invitations/accept?token=...}). Signing in comes first (the portal
 * requires it for every page); then the user accepts explicitly.
 */
@Route("invitations/accept")
@PageTitle("Invitation · Form-Bridge")
@PermitAll
class InvitationView extends VerticalLayout implements BeforeEnterObserver {
    private final TeamAdminService team;

    InvitationView(TeamAdminService team) {
        this.team = team;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> tokens =
                event.getLocation().getQueryParameters().getParameters().get("token");
        String token = tokens == null || tokens.isEmpty() ? "" : tokens.getFirst();
        removeAll();
        add(Ui.page(
                "Join an organisation",
                new Paragraph("You were invited to join an organisation on Form-Bridge."),
                Ui.primary("Accept invitation", () -> {
                    Member member = team.accept(token);
                    Ui.success("You joined as " + member.role().name().toLowerCase() + ".");
                    getUI().ifPresent(ui -> ui.getPage().setLocation("sites"));
                })));
    }
}
