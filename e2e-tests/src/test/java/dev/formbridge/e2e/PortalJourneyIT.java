package dev.formbridge.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.formbridge.e2e.idp.SignInPage;
import dev.formbridge.e2e.portal.PortalPage;
import dev.formbridge.e2e.portal.SitesPage;
import dev.formbridge.e2e.portal.TeamPage;
import dev.formbridge.e2e.testutils.Browser;
import dev.formbridge.e2e.testutils.LocalSystem;
import dev.formbridge.e2e.testutils.SignedSubmission;
import dev.formbridge.secret.SigningSecret;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenant admin's journey of the Portal issue, in Chromium against the system the run command starts: sign up →
 * create organisation → register site → copy secret → a signed submission as a WordPress site sends it → visible in
 * Submissions → rotate → old secret still accepted → retire previous → old secret gets 401 → invite a viewer → the
 * viewer cannot change anything → the support user sees all of it in the audit log. Screenshots of the main views are
 * taken on the way.
 */
class PortalJourneyIT {
    private static final String SUPPORT = "support@demo.formbridge.dev";
    private static final String DEMO_ADMIN = "admin@demo.formbridge.dev";
    private static final String PASSWORD = "correct horse battery";

    private static LocalSystem system;
    private static Browser browser;
    private String siteUrl;
    private String submissionUrl;

    @BeforeAll
    static void start() {
        browser = Browser.launch();
        system = LocalSystem.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void a_tenant_admin_runs_a_site_from_sign_up_to_secret_retirement_and_support_sees_it_all() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String owner = "owner-" + run + "@example.com";
        String viewer = "viewer-" + run + "@example.com";
        String organisation = "Acme " + run;

        try (BrowserContext ownerContext = browser.newContext()) {
            Page page = ownerContext.newPage();
            signUpAndSignIn(page, owner);

            // create the organisation from the welcome page
            PortalPage portal = new PortalPage(page, system.portalUrl());
            portal.click("Create organisation");
            portal.fill("Organisation name", organisation);
            portal.click("Create organisation");
            assertThat(portal.text("No sites yet")).isVisible();

            // register a site; the secret is shown once, with copy buttons and snippets
            SitesPage sites = new SitesPage(page, system.portalUrl());
            SitesPage.ShownSecret first = sites.register("Shop " + run, "https://shop-" + run + ".example");
            assertThat(first.siteKey()).startsWith("fbk_");
            assertThat(first.secret()).startsWith("whsec_");
            assertThat(portal.button("Copy secret")).isVisible();
            assertThat(page.locator("vaadin-details-summary").getByText("PHP (WordPress)"))
                    .isVisible();
            Browser.screenshot(page, "site-secret-shown-once");
            sites.closeSecretDialog();
            assertThat(page.getByText(first.secret())).hasCount(0);
            Browser.screenshot(page, "sites");

            // a WordPress site sends a signed submission
            SigningSecret oldSecret = SigningSecret.parse(first.secret());
            var accepted = send(first.siteKey(), oldSecret, "contact-" + run);
            assertThat(accepted.status()).isEqualTo(202);
            String submissionId = accepted.body().replaceAll(".*\"submissionId\":\"([^\"]+)\".*", "$1");

            portal.open("submissions");
            assertThat(portal.text(submissionId)).isVisible();
            assertThat(portal.text("contact-" + run)).isVisible();
            Browser.screenshot(page, "submissions");
            Download csv =
                    page.waitForDownload(() -> page.getByText("Export CSV").click());
            String exported = Files.readString(csv.path());
            assertThat(exported).startsWith("submissionId,receivedAt,siteId,formId,status,fields");
            assertThat(exported).contains(submissionId, "contact-" + run, "Ada Lovelace");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(submissionId))
                    .click();
            assertThat(portal.text("Ada Lovelace")).isVisible();
            submissionUrl = page.url();
            Browser.screenshot(page, "submission-detail");

            // rotate: the old secret keeps working during the grace period
            sites.openSite("Shop " + run);
            siteUrl = page.url();
            SitesPage.ShownSecret rotated = sites.rotate(24);
            assertThat(rotated.siteKey()).isEqualTo(first.siteKey());
            assertThat(rotated.secret()).isNotEqualTo(first.secret());
            sites.closeSecretDialog();
            SigningSecret newSecret = SigningSecret.parse(rotated.secret());
            assertThat(send(first.siteKey(), oldSecret, "after-rotation").status())
                    .isEqualTo(202);
            assertThat(send(first.siteKey(), newSecret, "with-new-secret").status())
                    .isEqualTo(202);
            Browser.screenshot(page, "site-after-rotation");

            // retire the previous secret: from now on the old one is refused
            sites.retirePreviousNow();
            var refused = sendUntilRefused(first.siteKey(), oldSecret);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.body()).contains("\"error\":\"unauthorized\"").doesNotContain("secret");
            assertThat(send(first.siteKey(), newSecret, "still-fine").status()).isEqualTo(202);

            // the troubleshooter explains a request signed 10 minutes ago
            portal.open("troubleshoot");
            long tenMinutesAgo = java.time.Instant.now().minusSeconds(600).getEpochSecond();
            portal.fill("X-FormBridge-Site", first.siteKey());
            portal.fill("webhook-id", "msg_troubleshoot");
            portal.fill("webhook-timestamp", String.valueOf(tenMinutesAgo));
            portal.fill("webhook-signature", "v1,c2lnbmF0dXJl");
            portal.fill("Body (exactly as sent)", "{\"formId\":\"contact\"}");
            portal.click("Check");
            assertThat(page.locator("#diagnosis")).containsText("s in the past");
            assertThat(page.locator("#diagnosis")).not().containsText("whsec_");

            // invite a viewer; the link is shown once
            String link = new TeamPage(page, system.portalUrl()).inviteViewer(viewer);
            assertThat(link).startsWith(system.portalUrl() + "/invitations/accept?token=fbi_");
            Browser.screenshot(page, "team");

            portal.open("audit");
            assertThat(portal.text("site.previous_secret_retired")).isVisible();
            portal.click("Verify chain");
            assertThat(page.locator("#chain-verification")).containsText("Chain intact");
            Browser.screenshot(page, "audit-log");

            try (BrowserContext viewerContext = browser.newContext()) {
                viewerCannotChangeAnything(viewerContext.newPage(), viewer, link, "Shop " + run);
            }
        }

        try (BrowserContext supportContext = browser.newContext()) {
            supportSeesItAll(supportContext.newPage(), owner, viewer, organisation);
        }
        try (BrowserContext otherContext = browser.newContext()) {
            anotherOrganisationGetsNotFoundByDirectUrl(otherContext.newPage(), "Shop " + run);
        }
    }

    /** The demo admin belongs to another organisation: the owner's addresses show "Not found" and nothing else. */
    private void anotherOrganisationGetsNotFoundByDirectUrl(Page page, String siteName) {
        SignInPage.openPortal(page, system.portalUrl()).signIn(DEMO_ADMIN, system.demoPassword(DEMO_ADMIN));
        for (String url : new String[] {siteUrl, submissionUrl}) {
            page.navigate(url);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not found")))
                    .isVisible();
            assertThat(page.getByText(siteName)).hasCount(0);
            assertThat(page.getByText("Ada Lovelace")).hasCount(0);
        }
    }

    private void viewerCannotChangeAnything(Page page, String viewer, String link, String siteName) {
        // the invitee opens the link before having an account: sign-up and sign-in lead back to the invitation
        page.navigate(link);
        new SignInPage(page).createAnAccount().signUp(viewer, PASSWORD).signIn(viewer, PASSWORD);
        PortalPage portal = new PortalPage(page, system.portalUrl());
        assertThat(portal.heading("Join an organisation")).isVisible();
        portal.click("Accept invitation");
        assertThat(portal.text(siteName)).isVisible();

        assertThat(portal.button("Register site")).hasCount(0);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(siteName))
                .click();
        assertThat(portal.heading(siteName)).isVisible();
        for (String change : new String[] {"Rotate secret", "Send test submission", "Disable", "Delete"}) {
            assertThat(portal.button(change)).hasCount(0);
        }
        portal.open("team");
        assertThat(portal.text(viewer)).isVisible();
        assertThat(portal.button("Invite")).hasCount(0);
        assertThat(portal.button("Remove")).hasCount(0);
    }

    private void supportSeesItAll(Page page, String owner, String viewer, String organisation) {
        SignInPage.openPortal(page, system.portalUrl()).signIn(SUPPORT, system.demoPassword(SUPPORT));
        PortalPage portal = new PortalPage(page, system.portalUrl());
        portal.open("support");
        assertThat(portal.text(organisation)).isVisible();
        for (String action : new String[] {
            "organisation.created",
            "site.registered",
            "site.secret_rotated",
            "site.previous_secret_retired",
            "member.invited",
            "member.joined",
            "ingest.rejected.bad_signature"
        }) {
            assertThat(portal.text(action)).isVisible();
        }
        assertThat(portal.text(owner)).isVisible();
        assertThat(portal.text(viewer)).isVisible();
        Browser.screenshot(page, "support-console");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(organisation))
                .click();
        assertThat(portal.text("Read-only")).isVisible();
        assertThat(page.getByText("whsec_")).hasCount(0);
        assertThat(portal.text("support.viewed_organisation")).isVisible();
    }

    private void signUpAndSignIn(Page page, String email) {
        SignInPage signIn = SignInPage.openPortal(page, system.portalUrl());
        signIn.createAnAccount().signUp(email, PASSWORD).signIn(email, PASSWORD);
        assertThat(page.getByText(email).first()).isVisible();
    }

    /**
     * Ingest caches sites for a few seconds (FORMBRIDGE_SITE_CACHE_MILLIS, 5 s by default), so a retired secret stops
     * working within that time, not at the same instant.
     */
    private static SignedSubmission.Answer sendUntilRefused(String siteKey, SigningSecret secret) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        SignedSubmission.Answer answer;
        do {
            answer = send(siteKey, secret, "after-retirement");
        } while (answer.status() != 401 && System.nanoTime() < deadline && pause());
        return answer;
    }

    private static boolean pause() {
        try {
            Thread.sleep(500);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static SignedSubmission.Answer send(String siteKey, SigningSecret secret, String formId) {
        String body =
                "{\"formId\":\"" + formId + "\",\"fields\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"},"
                        + "\"source\":{\"siteUrl\":\"https://shop.example\",\"plugin\":\"contact-form-7\"}}";
        return SignedSubmission.of(siteKey, secret, body).sendTo(system.ingestUrl());
    }
}
