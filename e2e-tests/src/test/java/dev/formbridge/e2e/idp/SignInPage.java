package dev.formbridge.e2e.idp;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The provider's sign-in page, where the portal sends everyone who is not signed in. */
public final class SignInPage {
    private final Page page;

    /** Wraps the current page, waiting until it is the sign-in page. */
    public SignInPage(Page page) {
        this.page = page;
        assertThat(page.getByRole(AriaRole.HEADING)).hasText("Sign in to Form-Bridge");
    }

    /** Opens the portal as an anonymous visitor, which leads to the sign-in page. */
    public static SignInPage openPortal(Page page, String portalUrl) {
        page.navigate(portalUrl);
        return new SignInPage(page);
    }

    /** Fills in the form and submits it; where the browser lands is up to the caller to check. */
    public void signIn(String email, String password) {
        page.locator("#email").fill(email);
        page.locator("#password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
    }

    /** Follows "Create an account". */
    public SignUpPage createAnAccount() {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account"))
                .click();
        return new SignUpPage(page);
    }

    /** The error shown after a refused sign-in. */
    public Locator error() {
        return page.getByRole(AriaRole.ALERT);
    }

    /** The information shown after signing up or out. */
    public Locator status() {
        return page.getByRole(AriaRole.STATUS);
    }
}
