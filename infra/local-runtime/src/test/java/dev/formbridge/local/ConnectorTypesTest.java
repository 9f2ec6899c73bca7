package dev.formbridge.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.formbridge.Json;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorService.NewConnector;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.connector.RetryPolicy;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.site.SiteService.NewSecret;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slack, e-mail (a real SMTP server: GreenMail), webhook auth headers and signing-secret rotation, end to end. */
class ConnectorTypesTest {
    @TempDir
    Path data;

    GreenMail smtp;
    LocalRuntime runtime;
    NewSecret site;
    ConnectorService connectors;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        runtime = LocalRuntime.start(LocalConfig.forTests(
                data,
                Map.of(
                        "FORMBRIDGE_ALLOW_PRIVATE_TARGETS", "true",
                        "FORMBRIDGE_SITE_CACHE_MILLIS", "0",
                        "FORMBRIDGE_CONNECTOR_CACHE_MILLIS", "0",
                        "FORMBRIDGE_SMTP_PORT", Integer.toString(port))));
        site = LocalAdmin.create(runtime.storage(), runtime.cipher(), "Acme", "Shop", "https://shop.example");
        connectors = new ConnectorService(
                runtime.storage(), runtime.cipher(), OutboundPolicy.allowLocal(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        runtime.close();
        smtp.stop();
    }

    void submit() throws Exception {
        String body = "{\"formId\":\"contact\",\"fields\":{\"name\":\"Zoë <script>\",\"email\":\"zoe@example.org\"}}";
        assertThat(new LocalRuntimeTest.Sender(runtime, site)
                        .send(body, "msg_" + UUID.randomUUID())
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void an_email_connector_sends_text_and_html_bodies_to_every_recipient() throws Exception {
        connectors.create(
                site.site().tenantId(),
                new Spec(
                        ConnectorType.EMAIL,
                        "inbox",
                        "ops@acme.example, sales@acme.example",
                        null,
                        null,
                        Map.of(),
                        Connector.DEFAULT_TIMEOUT,
                        RetryPolicy.defaults()));

        submit();

        DeliveryTest.await(() -> smtp.getReceivedMessages().length == 2);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject()).isEqualTo("New submission: contact");
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) received[0].getContent();
        String text = null;
        String html = null;
        for (int i = 0; i < parts.getCount(); i++) {
            jakarta.mail.BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                text = (String) part.getContent();
            } else if (part.isMimeType("text/html")) {
                html = (String) part.getContent();
            }
        }
        assertThat(text).contains("name: Zoë <script>").contains("email: zoe@example.org");
        assertThat(html).contains("Zoë &lt;script&gt;").doesNotContain("<script>"); // escaped in the HTML body
        assertThat(List.of(received[0].getAllRecipients()).toString())
                .contains("ops@acme.example")
                .contains("sales@acme.example");
    }

    @Test
    void a_slack_connector_posts_the_rendered_text() throws Exception {
        try (Receiver slack = Receiver.start()) {
            connectors.create(
                    site.site().tenantId(),
                    new Spec(
                            ConnectorType.SLACK,
                            "channel",
                            slack.url(),
                            null,
                            "New {{formId}} from {{field.email}}",
                            Map.of(),
                            Connector.DEFAULT_TIMEOUT,
                            RetryPolicy.defaults()));

            submit();

            DeliveryTest.await(() -> slack.requests().size() == 1);
            JsonNode message = Json.MAPPER.readTree(slack.requests().getFirst().body());
            assertThat(message.get("text").asText()).isEqualTo("New contact from zoe@example.org");
        }
    }

    @Test
    void webhook_auth_headers_are_sent_and_never_stored_in_clear() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            NewConnector connector = connectors.create(
                    site.site().tenantId(),
                    Spec.webhook("hook", receiver.url())
                            .withBasic("form", "bridge-pass")
                            .withApiKey("X-Api-Key", "key-123"));

            submit();

            DeliveryTest.await(() -> receiver.requests().size() == 1);
            Receiver.Request request = receiver.requests().getFirst();
            assertThat(request.header("authorization"))
                    .isEqualTo("Basic "
                            + Base64.getEncoder().encodeToString("form:bridge-pass".getBytes(StandardCharsets.UTF_8)));
            assertThat(request.header("x-api-key")).isEqualTo("key-123");
            String stored = runtime.storage()
                    .dynamo()
                    .scan(b -> b.tableName(runtime.storage().tableName()))
                    .items()
                    .toString();
            assertThat(stored)
                    .doesNotContain("bridge-pass")
                    .doesNotContain("key-123")
                    .doesNotContain(connector.signingSecret().reveal().substring(6));
        }
    }

    @Test
    void after_a_signing_secret_rotation_deliveries_carry_a_signature_by_each_valid_secret() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            NewConnector created = connectors.create(site.site().tenantId(), Spec.webhook("hook", receiver.url()));
            NewConnector rotated = connectors.rotateSigningSecret(
                    site.site().tenantId(), created.connector().id(), Duration.ofHours(1));

            submit();
            DeliveryTest.await(() -> receiver.requests().size() == 1);
            Receiver.Request during = receiver.requests().getFirst();
            assertThat(DeliveryTest.independentlyVerified(
                            during, created.signingSecret().reveal()))
                    .isTrue();
            assertThat(DeliveryTest.independentlyVerified(
                            during, rotated.signingSecret().reveal()))
                    .isTrue();

            connectors.retirePreviousSigningSecret(
                    site.site().tenantId(), created.connector().id());
            submit();
            DeliveryTest.await(() -> receiver.requests().size() == 2);
            Receiver.Request after = receiver.requests().get(1);
            assertThat(DeliveryTest.independentlyVerified(
                            after, created.signingSecret().reveal()))
                    .isFalse();
            assertThat(DeliveryTest.independentlyVerified(
                            after, rotated.signingSecret().reveal()))
                    .isTrue();
            assertThat(List.of(after.header("webhook-signature").split(" "))).hasSize(1);
        }
    }

    @Test
    void a_410_mails_the_organisations_owner_through_the_runtimes_smtp_server() throws Exception {
        // GIVEN an organisation with an owner, a site and a webhook whose destination is gone
        dev.formbridge.team.TeamService team =
                new dev.formbridge.team.TeamService(runtime.storage(), Clock.systemUTC());
        dev.formbridge.tenant.Tenant acme = team.createOrganisation("oidc|owner", "owner@acme.example", "Acme");
        site = new dev.formbridge.site.SiteService(runtime.storage(), runtime.cipher(), Clock.systemUTC())
                .register(acme.id(), "Shop", "https://shop.example");
        try (Receiver gone = Receiver.start().otherwise(Receiver.Answer.of(410))) {
            connectors.create(acme.id(), Spec.webhook("CRM", gone.url()), "oidc|owner");

            // WHEN a submission is delivered there
            submit();

            // THEN the owner is told by e-mail that the connector was disabled
            DeliveryTest.await(() -> smtp.getReceivedMessages().length == 1);
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).isEqualTo("Form-Bridge: the connector “CRM” was disabled");
            assertThat(List.of(mail.getAllRecipients()).toString()).contains("owner@acme.example");
        }
    }
}
