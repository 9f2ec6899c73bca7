package dev.formbridge.notification;

import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorRepository;
import dev.formbridge.delivery.DeliveryAlert;
import dev.formbridge.delivery.DeliveryAlerts;
import dev.formbridge.delivery.Mailer;
import dev.formbridge.delivery.Mailer.MailException;
import dev.formbridge.delivery.Mailer.MailMessage;
import dev.formbridge.storage.Storage;
import dev.formbridge.team.Member;
import dev.formbridge.team.TeamService;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.tenant.TenantRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mails a tenant's owner and admins about a {@link DeliveryAlert}, one message each, through the {@link Mailer} the
 * e-mail connectors use. Members who turned notifications off and viewers get nothing. Of the same alert (connector
 * and reason) at most one notification goes out per {@link #QUIET_PERIOD}, across every worker: the right to send is
 * claimed first by a conditional put, and given back if no e-mail could be sent, so a later alert tries again.
 * Never throws: a failure is logged and delivery goes on.
 */
public final class Notifier implements DeliveryAlerts {
    /** At most one notification per connector and reason in this time. */
    public static final Duration QUIET_PERIOD = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final TeamService team;
    private final ConnectorRepository connectors;
    private final TenantRepository tenants;
    private final NotificationLog notified;
    private final Mailer mailer;
    private final String from;
    private final Clock clock;

    /** {@code from}: the sender address, e.g. {@code Form-Bridge <no-reply@formbridge.example>}. */
    public Notifier(Storage storage, Mailer mailer, String from, Clock clock) {
        this.team = new TeamService(storage, clock);
        this.connectors = new ConnectorRepository(storage);
        this.tenants = new TenantRepository(storage);
        this.notified = new NotificationLog(storage, QUIET_PERIOD);
        this.mailer = mailer;
        this.from = from;
        this.clock = clock;
    }

    @Override
    public void raise(DeliveryAlert alert) {
        try {
            int sent = notify(alert);
            if (sent > 0) {
                log.info("{} of connector {}: {} admin(s) notified", alert.reason(), alert.connectorId(), sent);
            }
        } catch (RuntimeException e) {
            log.warn("{} of connector {}: notification failed", alert.reason(), alert.connectorId(), e);
        }
    }

    /** Sends the notification unless it went out within the quiet period; returns the number of e-mails sent. */
    int notify(DeliveryAlert alert) {
        List<String> recipients = recipients(alert);
        Optional<Connector> connector = connectors.find(alert.tenantId(), alert.connectorId());
        if (recipients.isEmpty() || connector.isEmpty()) {
            return 0;
        }
        Instant claimedAt = clock.instant();
        if (!notified.claim(alert, claimedAt)) {
            return 0;
        }
        String organisation = tenants.find(alert.tenantId())
                .map(Tenant::name)
                .orElse(alert.tenantId().value());
        NotificationMail mail = NotificationMail.of(alert, connector.get(), organisation);
        int sent = 0;
        for (String address : recipients) {
            try {
                mailer.send(new MailMessage(from, List.of(address), mail.subject(), mail.text(), mail.html()));
                sent++;
            } catch (MailException e) {
                log.warn(
                        "{} of connector {}: an e-mail was not sent: {}",
                        alert.reason(),
                        alert.connectorId(),
                        e.getMessage());
            }
        }
        if (sent == 0) {
            notified.release(alert, claimedAt);
        }
        return sent;
    }

    /** The owner and admins who have notifications on. */
    private List<String> recipients(DeliveryAlert alert) {
        return team.members(alert.tenantId()).stream()
                .filter(m -> m.role().canManageMembers() && m.notifications())
                .map(Member::email)
                .filter(email -> email != null && !email.isBlank())
                .toList();
    }
}
