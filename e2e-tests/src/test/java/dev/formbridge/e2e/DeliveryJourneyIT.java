package dev.formbridge.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.formbridge.e2e.idp.SignInPage;
import dev.formbridge.e2e.portal.PortalPage;
import dev.formbridge.e2e.portal.SitesPage;
import dev.formbridge.e2e.testutils.Browser;
import dev.formbridge.e2e.testutils.LocalSystem;
import dev.formbridge.e2e.testutils.Receiver;
import dev.formbridge.e2e.testutils.SignedSubmission;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.secret.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Portal II journey: a webhook connector with a filter on the form id delivers only the matching submission, signed
 * so the receiver can verify it; a failing receiver's attempts are visible; after the fix a replay delivers; a dry run
 * sends nothing; the dashboard shows exactly what was sent.
 */
class DeliveryJourneyIT {
    private static final String PASSWORD = "correct horse battery";

    private static LocalSystem system;
    private static Browser browser;
    private static Receiver receiver;

    @BeforeAll
    static void start() {
        browser = Browser.launch();
        receiver = Receiver.start();
        // the receiver runs on this machine: allow http and loopback targets, as the local run command documents
        system = LocalSystem.start(Map.of("FORMBRIDGE_ALLOW_PRIVATE_TARGETS", "true"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void a_filtered_connector_delivers_signed_a_failure_is_repaired_by_replay_and_the_dashboard_counts_exactly() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String owner = "ops-" + run + "@example.com";
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            SignInPage signIn = SignInPage.openPortal(page, system.portalUrl());
            signIn.createAnAccount().signUp(owner, PASSWORD).signIn(owner, PASSWORD);
            PortalPage portal = new PortalPage(page, system.portalUrl());
            portal.click("Create organisation");
            portal.fill("Organisation name", "Orders " + run);
            portal.click("Create organisation");
            assertThat(portal.text("No sites yet")).isVisible();
            SitesPage sites = new SitesPage(page, system.portalUrl());
            SitesPage.ShownSecret site = sites.register("Shop", "https://shop.example");
            sites.closeSecretDialog();
            SigningSecret siteSecret = SigningSecret.parse(site.secret());

            // a webhook connector that only takes the "order" form
            portal.open("connectors");
            portal.click("Add connector");
            portal.fill("Name", "Orders hook");
            portal.fill("URL", receiver.url());
            portal.fill("Only these forms (form ids, comma-separated)", "order");
            page.getByLabel("Authentication (write-only: left empty, the stored credentials stay)")
                    .click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Bearer token"))
                    .click();
            portal.fill("Token", "receiver-token-" + run);
            portal.click("Create connector");
            page.locator("#connector-signing-secret input").waitFor();
            SigningSecret connectorSecret = SigningSecret.parse(
                    page.locator("#connector-signing-secret input").inputValue());
            portal.click("I have stored the secret");
            Browser.screenshot(page, "connectors");

            // two signed submissions, one matching: only that one arrives, verifiably signed
            assertThat(send(site.siteKey(), siteSecret, "order", "first").status())
                    .isEqualTo(202);
            assertThat(send(site.siteKey(), siteSecret, "contact", "second").status())
                    .isEqualTo(202);
            await(() -> receiver.requests().size() == 1, "the order submission to arrive");
            pause(Duration.ofSeconds(2));
            assertThat(receiver.requests()).singleElement().satisfies(request -> {
                assertThat(request.body()).contains("\"formId\":\"order\"").doesNotContain("\"contact\"");
                assertThat(request.header("Authorization")).isEqualTo("Bearer receiver-token-" + run);
                assertThat(WebhookSignature.verify(
                                connectorSecret,
                                request.header("webhook-signature"),
                                request.header("webhook-id"),
                                Long.parseLong(request.header("webhook-timestamp")),
                                request.body().getBytes(StandardCharsets.UTF_8)))
                        .isTrue();
            });

            // the receiver fails: the failure and its attempt are visible
            receiver.answerWith(500);
            assertThat(send(site.siteKey(), siteSecret, "order", "third").status())
                    .isEqualTo(202);
            await(() -> receiver.requests().size() == 2, "the failing attempt");
            String failedId = receiver.requests().get(1).header("webhook-id");
            portal.open("deliveries");
            assertThat(portal.text("HTTP 500")).isVisible();
            Browser.screenshot(page, "deliveries");

            // fixed: a replay delivers under the same id, and the delivery shows as delivered
            receiver.answerWith(200);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Replay"))
                    .first()
                    .click();
            await(
                    () -> receiver.requests().stream()
                            .anyMatch(r -> failedId.equals(r.header("webhook-id")) && r.answeredWith() == 200),
                    "the replayed delivery");
            await(
                    () -> {
                        portal.open("deliveries");
                        return page.getByText("HTTP 500").count() == 0;
                    },
                    "every delivery to show as delivered");
            assertThat(page.getByText("delivered").first()).isVisible();

            // a dry run renders the real submissions and sends nothing
            int before = receiver.requests().size();
            portal.open("connectors");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Orders hook"))
                    .click();
            assertThat(portal.text("would be sent")).isVisible();
            assertThat(portal.text("filtered out")).isVisible();
            page.getByText("would be sent").first().click(); // opens the row: the request it would send
            assertThat(page.locator("pre.fb-code").first()).containsText("\"formId\"");
            assertThat(page.getByText("receiver-token-" + run)).hasCount(0); // credentials masked
            Browser.screenshot(page, "connector-dry-run");
            pause(Duration.ofSeconds(1));
            assertThat(receiver.requests()).hasSize(before);

            // one refused request, then the dashboard counts exactly what was sent
            var refused = SignedSubmission.of(site.siteKey(), SigningSecret.generate(), body("order", "forged"))
                    .sendTo(system.ingestUrl());
            assertThat(refused.status()).isEqualTo(401);
            await(
                    () -> {
                        portal.open("dashboard");
                        return page.locator("#total-accepted").innerText().endsWith("3")
                                && page.locator("#total-rejected").innerText().endsWith("1")
                                && page.locator("#total-delivered").innerText().endsWith("2");
                    },
                    "the dashboard to show the counts");
            assertThat(page.locator("#total-accepted")).containsText("3");
            assertThat(page.locator("#total-rejected")).containsText("1");
            assertThat(page.locator("#total-delivered")).containsText("2");
            assertThat(page.locator("#total-failed")).containsText("0");
            Browser.screenshot(page, "dashboard");
        }
    }

    private static SignedSubmission.Answer send(String siteKey, SigningSecret secret, String formId, String name) {
        return SignedSubmission.of(siteKey, secret, body(formId, name)).sendTo(system.ingestUrl());
    }

    private static String body(String formId, String name) {
        return "{\"formId\":\"" + formId + "\",\"fields\":{\"name\":\"" + name + "\",\"total\":42}}";
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            pause(Duration.ofMillis(500));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
