package dev.formbridge.portal.team.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.security.CurrentUser;
import dev.formbridge.portal.team.TeamAdminService;
import dev.formbridge.team.Invitation;
import dev.formbridge.team.Member;
import dev.formbridge.team.Role;
import dev.formbridge.team.TeamService;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;

/** Members and invitations of the selected organisation. Viewers see the list and can leave; nothing else. */
@Route("team")
@PageTitle("Team · Form-Bridge")
@PermitAll
class TeamView extends VerticalLayout {
    private final TeamAdminService team;
    private final CurrentUser currentUser;
    private final Grid<Member> members = new Grid<>();
    private final Grid<Invitation> invitations = new Grid<>();
    private final VerticalLayout inviteResult = new VerticalLayout();

    TeamView(TeamAdminService team, CurrentUser currentUser) {
        this.team = team;
        this.currentUser = currentUser;
        Role myRole = team.myRole();
        configureMembers(myRole);
        VerticalLayout page = Ui.page("Team", members, Ui.button("Leave this organisation", this::confirmLeave));
        if (myRole.canManageMembers()) {
            Checkbox notifications = new Checkbox(
                    "E-mail me when a connector of this organisation is disabled, stays failing or collects dead "
                            + "letters",
                    team.myNotifications());
            notifications.addValueChangeListener(change -> Ui.run(() -> {
                team.setMyNotifications(change.getValue());
                Ui.success(change.getValue() ? "You will get these e-mails." : "You will no longer get these e-mails.");
            }));
            page.add(notifications);
        }
        if (myRole.canManageMembers()) {
            configureInvitations();
            page.add(
                    new H3("Invite someone"),
                    createInviteForm(),
                    inviteResult,
                    new H3("Open invitations"),
                    invitations);
        }
        add(page);
        refresh();
    }

    private void configureMembers(Role myRole) {
        members.setAriaLabel("Members");
        members.addColumn(Member::email).setHeader("E-mail").setAutoWidth(true);
        members.addColumn(m -> m.role().name().toLowerCase()).setHeader("Role");
        members.addColumn(m -> Ui.time(m.joinedAt())).setHeader("Joined");
        if (myRole.canManageMembers()) {
            members.addComponentColumn(member -> createMemberActions(member, myRole))
                    .setHeader("Actions")
                    .setAutoWidth(true);
        }
        members.setAllRowsVisible(true);
    }

    private HorizontalLayout createMemberActions(Member member, Role myRole) {
        HorizontalLayout actions = new HorizontalLayout();
        if (member.role() == Role.OWNER
                || member.userId().equals(currentUser.get().id())) {
            return actions;
        }
        Select<Role> role = new Select<>();
        role.setAriaLabel("Role of " + member.email());
        role.setItems(Role.ADMIN, Role.VIEWER);
        role.setItemLabelGenerator(r -> r.name().toLowerCase());
        role.setValue(member.role());
        role.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                Ui.run(() -> {
                    team.changeRole(member.userId(), change.getValue());
                    refresh();
                });
            }
        });
        Button remove = new Button(
                "Remove",
                click -> Ui.confirm(
                        "Remove " + member.email() + "?",
                        "They lose access to this organisation at once.",
                        "Remove",
                        () -> {
                            team.removeMember(member.userId());
                            refresh();
                        }));
        remove.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.TERTIARY);
        actions.add(role, remove);
        if (myRole == Role.OWNER) {
            actions.add(new Button(
                    "Make owner",
                    click -> Ui.confirm(
                            "Transfer ownership to " + member.email() + "?",
                            "You become an admin. Only the new owner can transfer it back.",
                            "Transfer",
                            () -> {
                                team.transferOwnership(member.userId());
                                getUI().ifPresent(ui -> ui.getPage().reload());
                            })));
        }
        return actions;
    }

    private HorizontalLayout createInviteForm() {
        EmailField email = new EmailField("E-mail");
        email.setRequired(true);
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.ADMIN, Role.VIEWER);
        role.setItemLabelGenerator(r -> r.name().toLowerCase());
        role.setValue(Role.VIEWER);
        Button invite = Ui.primary("Invite", () -> {
            TeamService.NewInvitation created = team.invite(email.getValue(), role.getValue());
            showInvitationLink(created);
            email.clear();
            refresh();
        });
        HorizontalLayout form = new HorizontalLayout(email, role, invite);
        form.setAlignItems(Alignment.BASELINE);
        return form;
    }

    private void showInvitationLink(TeamService.NewInvitation created) {
        String link = baseUrl() + "invitations/accept?token=" + created.token();
        TextField linkField =
                new TextField("Invitation link for " + created.invitation().email());
        linkField.setValue(link);
        linkField.setReadOnly(true);
        linkField.setWidthFull();
        inviteResult.removeAll();
        inviteResult.add(
                new Paragraph("Send this link to " + created.invitation().email() + ". It is shown only now and is "
                        + "valid for 7 days; they must sign in with this e-mail address."),
                linkField,
                Ui.copyButton("Copy link", link));
    }

    /** The portal's address as the browser used it (behind a proxy: from the forwarded headers). */
    private static String baseUrl() {
        if (VaadinRequest.getCurrent() instanceof VaadinServletRequest request) {
            HttpServletRequest http = request.getHttpServletRequest();
            return http.getScheme() + "://" + http.getServerName() + ":" + http.getServerPort() + "/";
        }
        return "/";
    }

    private void configureInvitations() {
        invitations.setAriaLabel("Open invitations");
        invitations.addColumn(Invitation::email).setHeader("E-mail");
        invitations.addColumn(i -> i.role().name().toLowerCase()).setHeader("Role");
        invitations.addColumn(i -> Ui.time(i.validUntil())).setHeader("Valid until");
        invitations
                .addComponentColumn(i -> new Button(
                        "Revoke",
                        click -> Ui.run(() -> {
                            team.revokeInvitation(i.id());
                            refresh();
                        })))
                .setHeader("Actions");
        invitations.setAllRowsVisible(true);
    }

    private void confirmLeave() {
        Ui.confirm(
                "Leave this organisation?",
                "You lose access until someone invites you again. An owner must transfer ownership first.",
                "Leave",
                () -> {
                    team.leave();
                    getUI().ifPresent(ui -> ui.getPage().setLocation("/"));
                });
    }

    private void refresh() {
        members.setItems(team.members());
        invitations.setItems(team.pendingInvitations());
    }
}
