package dev.formbridge.e2e.portal;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;

/**
 * The signed-in portal, whatever view is open: navigation, buttons and fields by their visible names (Vaadin's
 * components expose labels and roles, so the tests read like a person's clicks).
 */
public class PortalPage {
    protected final Page page;
    private final String portalUrl;

    public PortalPage(Page page, String portalUrl) {
        this.page = page;
        this.portalUrl = portalUrl;
    }

    public Page page() {
        return page;
    }

    /** Opens a portal path (e.g. {@code sites}) and waits for Vaadin to render it. */
    public PortalPage open(String path) {
        page.navigate(portalUrl + "/" + path);
        page.waitForLoadState(LoadState.NETWORKIDLE);
        return this;
    }

    public Locator button(String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    public void click(String buttonName) {
        button(buttonName).click();
    }

    public Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    public void fill(String label, String value) {
        field(label).fill(value);
    }

    public Locator text(String text) {
        return page.getByText(text).first();
    }

    public Locator heading(String text) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(text));
    }

    /** The value of a read-only field by its element id (the secret, the site key). */
    public String valueOf(String id) {
        return page.locator("#" + id + " input").inputValue();
    }

    /** Confirms the open confirmation dialog with its confirm button. */
    public void confirm(String confirmLabel) {
        page.locator("vaadin-confirm-dialog-overlay, vaadin-confirm-dialog")
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(confirmLabel))
                .first()
                .click();
    }
}
