package dev.formbridge.e2e.portal;

import com.microsoft.playwright.Page;

/** Team: invite by e-mail, and read the once-only invitation link. */
public final class TeamPage extends PortalPage {

    public TeamPage(Page page, String portalUrl) {
        super(page, portalUrl);
    }

    /** Invites {@code email} as a viewer (the form's default role) and returns the link shown once. */
    public String inviteViewer(String email) {
        open("team");
        fill("E-mail", email);
        click("Invite");
        return field("Invitation link for " + email).inputValue();
    }
}
