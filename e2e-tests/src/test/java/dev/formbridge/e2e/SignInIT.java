package dev.formbridge.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.formbridge.e2e.idp.SignInPage;
import dev.formbridge.e2e.testutils.Browser;
import dev.formbridge.e2e.testutils.LocalSystem;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signing in to the portal through the OpenID Connect provider, as a person does it in a browser. */
class SignInIT {
    private static final String ADMIN = "admin@demo.formbridge.dev";

    private static LocalSystem system;
    private static Browser browser;
    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void startSystemAndBrowser() {
        browser = Browser.launch();
        system = LocalSystem.start();
    }

    @AfterAll
    static void stopSystemAndBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @BeforeEach
    void openFreshBrowserContext() {
        context = browser.newContext();
        page = context.newPage();
    }

    @AfterEach
    void closeBrowserContext() {
        context.close();
    }

    @Test
    void the_demo_admin_signs_in_through_the_provider_and_lands_on_the_portal_showing_their_email() {
        SignInPage signIn = SignInPage.openPortal(page, system.portalUrl());

        signIn.signIn(ADMIN, system.demoPassword(ADMIN));

        assertThat(page.getByText(ADMIN).first()).isVisible();
        assertThat(page.url()).startsWith(system.portalUrl() + "/");
    }

    @Test
    void a_wrong_password_shows_wrong_email_or_password_and_does_not_sign_in() {
        SignInPage signIn = SignInPage.openPortal(page, system.portalUrl());

        signIn.signIn(ADMIN, "not-the-password");

        assertThat(signIn.error()).hasText("Wrong e-mail or password.");
        assertThat(page.url()).startsWith(system.idpUrl() + "/login");
    }

    @Test
    void a_new_user_signs_up_and_then_signs_in_to_the_portal() {
        String email = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String password = "correct horse battery staple";
        SignInPage signIn = SignInPage.openPortal(page, system.portalUrl());

        SignInPage afterSignUp = signIn.createAnAccount().signUp(email, password);
        assertThat(afterSignUp.status()).hasText("Account created. Sign in now.");
        afterSignUp.signIn(email, password);

        assertThat(page.getByText(email).first()).isVisible();
        assertThat(page.url()).startsWith(system.portalUrl() + "/");
    }

    @Test
    void the_portal_forbids_framing_its_pages_with_csp_and_x_frame_options() {
        SignInPage.openPortal(page, system.portalUrl()).signIn(ADMIN, system.demoPassword(ADMIN));
        assertThat(page.getByText(ADMIN).first()).isVisible();

        Response home = page.navigate(system.portalUrl() + "/");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.headers().get("content-security-policy")).contains("frame-ancestors 'none'");
        assertThat(home.headers().get("x-frame-options")).isEqualTo("DENY");
    }

    @Test
    void an_anonymous_request_to_the_portal_is_redirected_to_the_provider_sign_in_page() throws Exception {
        try (HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .cookieHandler(new CookieManager())
                .build()) {
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(system.portalUrl() + "/")).build();

            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.previousResponse())
                    .hasValueSatisfying(
                            redirect -> assertThat(redirect.statusCode()).isEqualTo(302));
            assertThat(response.uri().toString()).startsWith(system.idpUrl() + "/login");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("Sign in to Form-Bridge");
        }
    }

    @Test
    void after_five_wrong_passwords_even_the_right_one_is_refused_for_a_while() {
        String email = "throttled-" + UUID.randomUUID() + "@example.com";
        SignInPage signIn = SignInPage.openPortal(page, system.portalUrl());
        signIn = signIn.createAnAccount().signUp(email, "the right password");

        for (int attempt = 0; attempt < 5; attempt++) {
            signIn.signIn(email, "a wrong password " + attempt);
            assertThat(signIn.error()).hasText("Wrong e-mail or password.");
        }
        signIn.signIn(email, "the right password");

        assertThat(signIn.error()).containsText("Too many failed sign-ins");
        assertThat(page.url()).startsWith(system.idpUrl() + "/login");
    }
}
