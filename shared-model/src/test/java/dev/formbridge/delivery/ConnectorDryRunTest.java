package dev.formbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorService.NewConnector;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.connector.RetryPolicy;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.secret.WebhookSignature;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.HttpReceiver;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import dev.formbridge.testutils.StoredSubmissions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dry runs over real stored submissions, and test-sends through the real senders, to real local receivers. */
class ConnectorDryRunTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final TenantId tenant = TenantId.next();
    final SiteId site = SiteId.next();
    Storage storage;
    SecretCipher cipher;
    ConnectorService connectors;
    OutboundHttp http;
    GreenMail smtp;
    HttpReceiver receiver;
    Map<ConnectorType, RequestSender> senders;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        storage = LocalDynamo.newStorage();
        cipher = LocalKeyFileCipher.fromKeyFile(keys.resolve("master.key"));
        connectors = new ConnectorService(storage, cipher, OutboundPolicy.allowLocal(), clock);
        http = new OutboundHttp(OutboundPolicy.allowLocal());
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        receiver = HttpReceiver.start();
        senders = senders(http);
    }

    Map<ConnectorType, RequestSender> senders(OutboundHttp outbound) {
        SmtpMailer mailer =
                new SmtpMailer("127.0.0.1", smtp.getSmtp().getPort(), Optional.empty(), false, Duration.ofSeconds(5));
        return Map.of(
                ConnectorType.WEBHOOK, new WebhookSender(outbound, cipher, clock),
                ConnectorType.SLACK, new SlackSender(outbound),
                ConnectorType.EMAIL, new EmailSender(mailer, "Form-Bridge <no-reply@formbridge.test>"));
    }

    @AfterEach
    void tearDown() throws Exception {
        receiver.close();
        smtp.stop();
        http.close();
    }

    /** GIVEN helper: three real submissions, oldest first: contact, quote, contact. */
    List<Submission> threeSubmissions() {
        StoredSubmissions stored = new StoredSubmissions(storage);
        return List.of(
                stored.store(
                        tenant,
                        site,
                        "contact",
                        SubmissionStatus.ACCEPTED,
                        NOW.minusSeconds(30),
                        "{\"email\":\"ada@example.org\"}"),
                stored.store(
                        tenant,
                        site,
                        "quote",
                        SubmissionStatus.ACCEPTED,
                        NOW.minusSeconds(20),
                        "{\"email\":\"bob@example.org\"}"),
                stored.store(
                        tenant,
                        site,
                        "contact",
                        SubmissionStatus.ACCEPTED,
                        NOW.minusSeconds(10),
                        "{\"email\":\"cleo@example.org\"}"));
    }

    @Test
    void a_dry_run_renders_each_recent_submission_with_credentials_masked_and_sends_nothing() {
        // GIVEN a webhook with a filter on the contact form, a template, a bearer token and an API key
        List<Submission> submissions = threeSubmissions();
        Connector connector = connectors
                .create(
                        tenant,
                        Spec.webhook("CRM", receiver.url("/hook?token=abc123&team=sales"))
                                .withFilter("{\"detail\":{\"formId\":[\"contact\"]}}")
                                .withTemplate("{\"from\":\"{{field.email}}\",\"form\":\"{{formId}}\"}")
                                .withBearer("tok-SECRET")
                                .withApiKey("X-Api-Key", "key-SECRET"),
                        "alice")
                .connector();

        // WHEN the admin dry-runs it over the last 20 submissions
        List<DryRun.Preview> previews = new DryRun(storage, senders).run(tenant, connector.id(), 20);

        // THEN each of the three shows, newest first, with its match and the masked request; nobody was called
        assertThat(previews)
                .extracting(DryRun.Preview::submissionId, DryRun.Preview::matches)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple(submissions.get(2).id(), true),
                        org.assertj.core.api.Assertions.tuple(submissions.get(1).id(), false),
                        org.assertj.core.api.Assertions.tuple(submissions.get(0).id(), true));
        RequestPreview request = previews.getFirst().request();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).endsWith("/hook?token=••••••&team=••••••").doesNotContain("abc123");
        assertThat(request.body()).isEqualTo("{\"from\":\"cleo@example.org\",\"form\":\"contact\"}");
        assertThat(request.headers())
                .containsEntry("Authorization", "Bearer ••••••")
                .containsEntry("X-Api-Key", "••••••")
                .containsEntry("webhook-signature", "v1,••••••")
                .containsEntry("Content-Type", "application/json")
                .containsKey("webhook-id")
                .containsKey("webhook-timestamp");
        assertThat(previews.toString()).doesNotContain("SECRET");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void the_request_a_dry_run_shows_is_the_one_the_worker_sends() throws Exception {
        // GIVEN a webhook connector and a stored submission
        Submission submission = threeSubmissions().getLast();
        NewConnector created = connectors.create(tenant, Spec.webhook("CRM", receiver.url("/hook")), "alice");
        WebhookSender sender = (WebhookSender) senders.get(ConnectorType.WEBHOOK);

        // WHEN one request is built and sent, as the worker does
        DeliveryRequest request = sender.request(created.connector(), "dlv_01JDX3W8Q5ZK2N4B7C9D1E3F5G", submission);
        SendOutcome outcome = sender.send(request);

        // THEN the receiver got exactly what the preview shows, apart from the masked signature, which verifies
        assertThat(outcome.delivered()).isTrue();
        HttpReceiver.Request received = receiver.requests().getFirst();
        RequestPreview preview = request.preview();
        assertThat(received.bodyText()).isEqualTo(preview.body());
        assertThat(received.header("webhook-id")).isEqualTo(preview.headers().get("webhook-id"));
        assertThat(received.header("webhook-timestamp"))
                .isEqualTo(preview.headers().get("webhook-timestamp"));
        assertThat(WebhookSignature.verify(
                        created.signingSecret(),
                        received.header("webhook-signature"),
                        received.header("webhook-id"),
                        Long.parseLong(received.header("webhook-timestamp")),
                        received.body()))
                .isTrue();
    }

    @Test
    void slack_urls_hide_their_secret_path_and_e_mails_show_recipients_subject_and_both_bodies() {
        threeSubmissions();
        Connector slack = connectors
                .create(
                        tenant,
                        new Spec(
                                ConnectorType.SLACK,
                                "channel",
                                receiver.url("/services/T000/B000/XXXXSECRET"),
                                null,
                                "New {{formId}} from {{field.email}}",
                                Map.of(),
                                Duration.ofSeconds(5),
                                RetryPolicy.defaults()),
                        "alice")
                .connector();
        Connector email = connectors
                .create(
                        tenant,
                        new Spec(
                                ConnectorType.EMAIL,
                                "inbox",
                                "ops@acme.example, sales@acme.example",
                                null,
                                null,
                                Map.of(),
                                Duration.ofSeconds(5),
                                RetryPolicy.defaults()),
                        "alice")
                .connector();
        DryRun dryRun = new DryRun(storage, senders);

        RequestPreview toSlack = dryRun.run(tenant, slack.id(), 1).getFirst().request();
        RequestPreview byMail = dryRun.run(tenant, email.id(), 1).getFirst().request();

        assertThat(toSlack.target()).endsWith("/services/••••••").doesNotContain("XXXXSECRET");
        assertThat(toSlack.body()).isEqualTo("{\"text\":\"New contact from cleo@example.org\"}");
        assertThat(byMail.method()).isEqualTo("EMAIL");
        assertThat(byMail.target()).isEqualTo("ops@acme.example, sales@acme.example");
        assertThat(byMail.headers()).containsEntry("Subject", "New submission: contact");
        assertThat(byMail.body()).contains("email: cleo@example.org");
        assertThat(byMail.htmlBody()).contains("<td>cleo@example.org</td>");
        assertThat(receiver.requests()).isEmpty();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void an_unsaved_draft_is_dry_run_as_edited_and_the_stored_connector_stays_as_it_was() {
        threeSubmissions();
        Connector stored = connectors
                .create(tenant, Spec.webhook("CRM", receiver.url("/hook")), "alice")
                .connector();

        Connector draft = connectors.draft(
                tenant,
                stored.id(),
                Spec.webhook("CRM", receiver.url("/hook")).withTemplate("{\"id\":\"{{submissionId}}\"}"));
        List<DryRun.Preview> previews = new DryRun(storage, senders).run(draft, 2);

        assertThat(previews)
                .allSatisfy(p -> assertThat(p.request().body())
                        .isEqualTo("{\"id\":\"" + p.submissionId().value() + "\"}"));
        assertThat(connectors.get(tenant, stored.id()).template()).isNull();
        assertThat(connectors.versions(tenant, stored.id())).hasSize(1);
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void a_dry_run_takes_1_to_20_submissions_and_only_the_tenants_own_connectors() {
        Connector connector = connectors
                .create(tenant, Spec.webhook("CRM", receiver.url("/hook")), "alice")
                .connector();
        DryRun dryRun = new DryRun(storage, senders);

        assertThat(dryRun.run(tenant, connector.id(), 5)).isEmpty(); // no submissions yet
        assertThatThrownBy(() -> dryRun.run(tenant, connector.id(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dryRun.run(tenant, connector.id(), 21)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dryRun.run(TenantId.next(), connector.id(), 5))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void a_test_send_goes_through_the_real_sender_signed_and_reports_the_answer() throws Exception {
        NewConnector created = connectors.create(
                tenant, Spec.webhook("CRM", receiver.url("/hook")).withBearer("tok"), "alice");

        TestSend.Result result = new TestSend(storage, senders, clock)
                .send(tenant, created.connector().id());

        assertThat(result.delivered()).isTrue();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.error()).isNull();
        HttpReceiver.Request received = receiver.requests().getFirst();
        assertThat(received.bodyText()).contains("\"formId\":\"" + TestSend.FORM_ID + "\"");
        assertThat(received.header("authorization")).isEqualTo("Bearer tok");
        assertThat(WebhookSignature.verify(
                        created.signingSecret(),
                        received.header("webhook-signature"),
                        received.header("webhook-id"),
                        Long.parseLong(received.header("webhook-timestamp")),
                        received.bodyText().getBytes(StandardCharsets.UTF_8)))
                .isTrue();
    }

    @Test
    void a_test_send_that_gets_410_reports_it_and_leaves_the_connector_enabled() {
        Connector connector = connectors
                .create(tenant, Spec.webhook("CRM", receiver.url("/hook")), "alice")
                .connector();
        receiver.answering(410);

        TestSend.Result result = new TestSend(storage, senders, clock).send(tenant, connector.id());

        assertThat(result.delivered()).isFalse();
        assertThat(result.status()).isEqualTo(410);
        assertThat(result.error()).contains("410");
        assertThat(connectors.get(tenant, connector.id()).enabled()).isTrue();
    }

    @Test
    void a_test_send_is_held_to_the_ssrf_rules_of_the_runtime() throws Exception {
        // GIVEN a connector to a loopback address (allowed when it was saved locally) and production rules
        Connector connector = connectors
                .create(tenant, Spec.webhook("CRM", receiver.url("/hook")), "alice")
                .connector();
        try (OutboundHttp production = new OutboundHttp(OutboundPolicy.production())) {
            // WHEN it is test-sent
            TestSend.Result result = new TestSend(storage, senders(production), clock).send(tenant, connector.id());

            // THEN it is refused before any connection
            assertThat(result.delivered()).isFalse();
            assertThat(result.status()).isZero();
            assertThat(result.error()).startsWith("refused");
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void a_test_send_to_an_e_mail_connector_arrives_at_every_recipient() {
        Connector email = connectors
                .create(
                        tenant,
                        new Spec(
                                ConnectorType.EMAIL,
                                "inbox",
                                "ops@acme.example",
                                null,
                                null,
                                Map.of(),
                                Duration.ofSeconds(5),
                                RetryPolicy.defaults()),
                        "alice")
                .connector();

        TestSend.Result result = new TestSend(storage, senders, clock).send(tenant, email.id());

        assertThat(result.delivered()).isTrue();
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
    }
}
