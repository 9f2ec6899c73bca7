package dev.formbridge.local;

import dev.formbridge.connector.ConnectorType;
import dev.formbridge.delivery.CircuitBreakers;
import dev.formbridge.delivery.DeliveryWorker;
import dev.formbridge.delivery.EmailSender;
import dev.formbridge.delivery.ReplayService;
import dev.formbridge.delivery.Router;
import dev.formbridge.delivery.SlackSender;
import dev.formbridge.delivery.SmtpMailer;
import dev.formbridge.delivery.WebhookSender;
import dev.formbridge.event.EventContract;
import dev.formbridge.event.SubmissionAccepted;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.notification.Notifier;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The delivery half of the local runtime: the router on the bus rule, the durable local queue, the worker with the
 * webhook, Slack and e-mail senders. Outbound HTTP is held to the production SSRF rules unless
 * {@code FORMBRIDGE_ALLOW_PRIVATE_TARGETS=true} (for receivers on this machine); e-mail goes to the SMTP server in
 * {@code FORMBRIDGE_SMTP_HOST}/{@code FORMBRIDGE_SMTP_PORT} (default 127.0.0.1:2525), and so do the notifications
 * to a tenant's owner and admins about a disabled connector, a long-open circuit or growing dead letters.
 */
final class LocalDelivery implements AutoCloseable {
    private final LocalDeliveryQueue queue;
    private final OutboundHttp http;
    private final Router router;
    private final ReplayService replay;
    private final DeliveryWorker worker;

    LocalDelivery(LocalConfig config, Storage storage, SecretCipher cipher, LocalEventBus bus, Clock clock) {
        Map<String, String> env = config.env();
        boolean allowPrivate = Boolean.parseBoolean(env.getOrDefault("FORMBRIDGE_ALLOW_PRIVATE_TARGETS", "false"));
        this.http = new OutboundHttp(allowPrivate ? OutboundPolicy.allowLocal() : OutboundPolicy.production());
        this.queue = new LocalDeliveryQueue(config.dataDir().resolve("queue"), 64, clock);
        this.router = new Router(
                storage,
                queue,
                clock,
                Duration.ofMillis(Long.parseLong(env.getOrDefault("FORMBRIDGE_CONNECTOR_CACHE_MILLIS", "5000"))));
        SmtpMailer mailer = new SmtpMailer(
                env.getOrDefault("FORMBRIDGE_SMTP_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("FORMBRIDGE_SMTP_PORT", "2525")),
                Optional.empty(),
                false,
                Duration.ofSeconds(10));
        String from = env.getOrDefault("FORMBRIDGE_MAIL_FROM", "Form-Bridge <no-reply@formbridge.local>");
        this.worker = new DeliveryWorker(
                storage,
                queue,
                Map.of(
                        ConnectorType.WEBHOOK, new WebhookSender(http, cipher, clock),
                        ConnectorType.SLACK, new SlackSender(http),
                        ConnectorType.EMAIL, new EmailSender(mailer, from)),
                CircuitBreakers.defaults(clock),
                new MetricCounters(new MetricCounterRepository(storage), clock, Duration.ofSeconds(10)),
                clock,
                new Notifier(storage, mailer, from, clock));
        this.replay = new ReplayService(storage, router, queue, clock);
        bus.addRule(
                EventContract.ROUTER_RULE,
                EventContract.SUBMISSION_ACCEPTED_PATTERN,
                event -> router.route(SubmissionAccepted.fromDetail(event.detail())));
        queue.start(worker::process);
    }

    LocalDeliveryQueue queue() {
        return queue;
    }

    /** Writes the delivery counters now. */
    void flushCounters() {
        worker.flushCounters();
    }

    ReplayService replay() {
        return replay;
    }

    @Override
    public void close() {
        queue.close();
        worker.flushCounters();
        try {
            http.close();
        } catch (java.io.IOException ignored) {
            // closing idle connections on the way out
        }
    }
}
