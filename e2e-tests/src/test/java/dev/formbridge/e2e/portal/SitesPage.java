package dev.formbridge.e2e.portal;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Sites: register one and read its key and secret from the once-only dialog; rotate and retire on its page. */
public final class SitesPage extends PortalPage {

    public SitesPage(Page page, String portalUrl) {
        super(page, portalUrl);
    }

    /** What the once-only dialog showed. */
    public record ShownSecret(String siteKey, String secret) {}

    public ShownSecret register(String name, String url) {
        open("sites");
        click("Register site");
        fill("Name", name);
        fill("Address", url);
        click("Register");
        return readShownSecret();
    }

    public ShownSecret readShownSecret() {
        text("it is shown only once").waitFor();
        ShownSecret shown = new ShownSecret(valueOf("site-key"), valueOf("signing-secret"));
        return shown;
    }

    public void closeSecretDialog() {
        click("I have stored the secret");
    }

    /** Opens a site's page from the list. */
    public void openSite(String name) {
        open("sites");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name)).click();
        heading(name).waitFor();
    }

    public ShownSecret rotate(int graceHours) {
        click("Rotate secret");
        fill("Keep the previous secret valid for (hours)", String.valueOf(graceHours));
        click("Rotate");
        return readShownSecret();
    }

    public void retirePreviousNow() {
        click("Retire previous now");
        confirm("Retire");
        text("Retire previous now")
                .waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                        .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
    }
}
