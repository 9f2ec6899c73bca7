package dev.formbridge.e2e.idp;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The provider's self sign-up page. */
public final class SignUpPage {
    private final Page page;

    /** Wraps the current page, waiting until it is the sign-up page. */
    public SignUpPage(Page page) {
        this.page = page;
        assertThat(page.getByRole(AriaRole.HEADING)).hasText("Create your Form-Bridge account");
    }

    /** Creates the account; the provider then shows the sign-in page with "Account created". */
    public SignInPage signUp(String email, String password) {
        submit(email, password);
        return new SignInPage(page);
    }

    /** Submits the form, staying on this page when the provider refuses it. */
    public SignUpPage submit(String email, String password) {
        page.locator("#email").fill(email);
        page.locator("#password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account"))
                .click();
        return this;
    }

    /** Why the provider refused the account. */
    public Locator error() {
        return page.getByRole(AriaRole.ALERT);
    }
}
