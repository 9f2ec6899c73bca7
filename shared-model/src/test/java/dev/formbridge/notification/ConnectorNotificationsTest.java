package dev.formbridge.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.delivery.CircuitBreakers;
import dev.formbridge.delivery.DeliveryAlert;
import dev.formbridge.delivery.DeliveryWorker;
import dev.formbridge.delivery.Mailer;
import dev.formbridge.delivery.Mailer.MailException;
import dev.formbridge.delivery.SmtpMailer;
import dev.formbridge.delivery.WebhookSender;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Storage;
import dev.formbridge.team.Actor;
import dev.formbridge.team.Role;
import dev.formbridge.team.TeamService;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.testutils.HttpReceiver;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import dev.formbridge.testutils.QueuedDeliveries;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-mails to an organisation's owner and admins about failing connectors, end to end: a real worker gets a 410 from a
 * real receiver, the notifier reads the team from dynalite and mails through SMTP to GreenMail.
 */
class ConnectorNotificationsTest {
    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);

    final MutableClock clock = new MutableClock(START);
    final Actor owner = new Actor("oidc|owner", "owner@acme.example");
    final Actor admin = new Actor("oidc|admin", "admin@acme.example");
    final Actor quietAdmin = new Actor("oidc|quiet", "quiet@acme.example");
    final Actor viewer = new Actor("oidc|viewer", "viewer@acme.example");
    final SiteId site = SiteId.next();
    Storage storage;
    SecretCipher cipher;
    TeamService team;
    Tenant acme;
    ConnectorService connectors;
    Connector connector;
    GreenMail smtp;
    SmtpMailer mailer;
    HttpReceiver receiver;
    OutboundHttp http;
    QueuedDeliveries deliveries;
    DeliveryWorker worker;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        storage = LocalDynamo.newStorage();
        cipher = LocalKeyFileCipher.fromKeyFile(keys.resolve("master.key"));
        team = new TeamService(storage, clock);
        acme = team.createOrganisation(owner.userId(), owner.email(), "Acme");
        join(admin, Role.ADMIN);
        join(quietAdmin, Role.ADMIN);
        join(viewer, Role.VIEWER);
        team.setNotifications(acme.id(), quietAdmin, false);

        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        mailer = new SmtpMailer("127.0.0.1", smtp.getSmtp().getPort(), Optional.empty(), false, Duration.ofSeconds(5));
        receiver = HttpReceiver.start().answering(410);
        http = new OutboundHttp(OutboundPolicy.allowLocal());
        connectors = new ConnectorService(storage, cipher, OutboundPolicy.allowLocal(), clock);
        connector = connectors
                .create(acme.id(), Spec.webhook("CRM webhook", receiver.url("/hook")), owner.userId())
                .connector();
        deliveries = new QueuedDeliveries(storage, clock);
        worker = new DeliveryWorker(
                storage,
                deliveries,
                Map.of(ConnectorType.WEBHOOK, new WebhookSender(http, cipher, clock)),
                CircuitBreakers.defaults(clock),
                new MetricCounters(new MetricCounterRepository(storage), clock, Duration.ofHours(1)),
                clock,
                notifier(mailer));
    }

    @AfterEach
    void tearDown() throws Exception {
        receiver.close();
        http.close();
        smtp.stop();
    }

    void join(Actor who, Role role) {
        String token = team.invite(acme.id(), owner, who.email(), role, WEEK).token();
        team.accept(token, who.userId(), who.email());
    }

    Notifier notifier(Mailer through) {
        return new Notifier(storage, through, "Form-Bridge <no-reply@formbridge.test>", clock);
    }

    /** A delivery to the connector, which answers 410 and so disables it. */
    void deliverAndGetGone() {
        worker.process(deliveries.newDelivery(acme.id(), site, connector.id()));
        assertThat(connectors.get(acme.id(), connector.id()).enabled()).isFalse();
    }

    List<MimeMessage> inbox(Actor who) {
        return smtp.findReceivedMessages(user -> user.getEmail().equals(who.email()), m -> true)
                .toList();
    }

    @Test
    void a_410_mails_the_owner_and_the_admins_once_and_no_opted_out_admin_or_viewer() throws Exception {
        // WHEN a delivery gets 410 Gone
        deliverAndGetGone();

        // THEN the owner and the admin each get one e-mail, naming the connector, the organisation and the cause
        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
        for (Actor notified : List.of(owner, admin)) {
            assertThat(inbox(notified)).singleElement().satisfies(mail -> {
                assertThat(mail.getSubject()).isEqualTo("Form-Bridge: the connector “CRM webhook” was disabled");
                assertThat(mail.getAllRecipients()).hasSize(1); // one message each: addresses are not shared
                String body = org.assertj.core.util.Strings.join(bodies(mail)).with("\n");
                assertThat(body)
                        .contains("410 Gone")
                        .contains("Acme")
                        .contains(connector.id().value());
            });
        }
        // AND the admin who opted out and the viewer get none
        assertThat(inbox(quietAdmin)).isEmpty();
        assertThat(inbox(viewer)).isEmpty();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void a_second_410_within_the_hour_mails_nobody_and_one_after_the_hour_mails_again() {
        deliverAndGetGone();
        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();

        // WHEN the connector is enabled again and gets another 410 half an hour later
        clock.advance(Duration.ofMinutes(30));
        connectors.setEnabled(acme.id(), connector.id(), true);
        deliverAndGetGone();

        // THEN nobody gets a second e-mail
        assertThat(smtp.waitForIncomingEmail(500, 3)).isFalse();
        assertThat(smtp.getReceivedMessages()).hasSize(2);

        // WHEN it happens again more than an hour after the first
        clock.advance(Duration.ofMinutes(31));
        connectors.setEnabled(acme.id(), connector.id(), true);
        deliverAndGetGone();

        // THEN the owner and the admin are told again
        assertThat(smtp.waitForIncomingEmail(5_000, 4)).isTrue();
        assertThat(inbox(owner)).hasSize(2);
    }

    @Test
    void of_the_same_alert_from_two_workers_only_one_is_mailed_and_other_reasons_are_not_held_back() {
        DeliveryAlert disabled = DeliveryAlert.connectorDisabled(acme.id(), connector.id(), START);

        int first = notifier(mailer).notify(disabled);
        int second = notifier(mailer).notify(disabled);
        int deadLetters = notifier(mailer).notify(DeliveryAlert.deadLetters(acme.id(), connector.id(), 100, START));

        assertThat(first).isEqualTo(2);
        assertThat(second).isZero();
        assertThat(deadLetters).isEqualTo(2);
        assertThat(inbox(admin))
                .extracting(MimeMessage::getSubject)
                .containsExactly(
                        "Form-Bridge: the connector “CRM webhook” was disabled",
                        "Form-Bridge: 100 failed deliveries for the connector “CRM webhook”");
    }

    @Test
    void when_no_e_mail_could_be_sent_the_claim_is_given_back_for_the_next_alert() {
        DeliveryAlert disabled = DeliveryAlert.connectorDisabled(acme.id(), connector.id(), START);
        Mailer down = message -> {
            throw new MailException("connection refused", true, null);
        };

        assertThat(notifier(down).notify(disabled)).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(notifier(mailer).notify(disabled)).isEqualTo(2);
    }

    @Test
    void a_circuit_open_for_long_is_explained_with_how_long() throws Exception {
        DeliveryAlert open =
                DeliveryAlert.circuitOpen(acme.id(), connector.id(), START, START.plus(Duration.ofMinutes(17)));

        notifier(mailer).notify(open);

        assertThat(inbox(owner)).singleElement().satisfies(mail -> {
            assertThat(mail.getSubject())
                    .isEqualTo("Form-Bridge: the connector “CRM webhook” has been failing for 17" + " minutes");
            assertThat(bodies(mail).getLast()).contains("<p>").contains("failing since " + START);
        });
    }

    @Test
    void members_who_turn_notifications_back_on_get_them_again() {
        team.setNotifications(acme.id(), quietAdmin, true);

        notifier(mailer).notify(DeliveryAlert.connectorDisabled(acme.id(), connector.id(), START));

        assertThat(inbox(quietAdmin)).hasSize(1);
    }

    /** The text and the HTML body of a multipart/alternative message. */
    static List<String> bodies(MimeMessage mail) throws Exception {
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) mail.getContent();
        return List.of((String) parts.getBodyPart(0).getContent(), (String)
                parts.getBodyPart(1).getContent());
    }
}
