package dev.formbridge.lambda;

import dev.formbridge.connector.ConnectorType;
import dev.formbridge.delivery.CircuitBreakers;
import dev.formbridge.delivery.DeliveryWorker;
import dev.formbridge.delivery.EmailSender;
import dev.formbridge.delivery.SesMailer;
import dev.formbridge.delivery.SlackSender;
import dev.formbridge.delivery.WebhookSender;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.notification.Notifier;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.storage.Storage;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * What the connector function builds from the environment, once per container: the worker with its senders. Apart
 * from {@link DeliveryEnvironment} so the router's jar, which leaves out SES, the outbound HTTP client, mail and
 * templates, never loads a class that names them.
 */
final class ConnectorEnvironment {
    private ConnectorEnvironment() {}

    /** The connector function's worker: production SSRF rules, SES for e-mail, the SQS queue for retries. */
    static DeliveryWorker deliveryWorker() {
        Clock clock = Clock.systemUTC();
        OutboundHttp http = new OutboundHttp(OutboundPolicy.production());
        SesV2Client ses = SesV2Client.builder().httpClient(Environment.http()).build();
        Storage storage = Environment.storage();
        SesMailer mailer = new SesMailer(ses, Optional.empty());
        String from = DeliveryEnvironment.required(EmailSender.MAIL_FROM_ENV);
        return new DeliveryWorker(
                storage,
                DeliveryEnvironment.deliveryQueue(),
                Map.of(
                        ConnectorType.WEBHOOK, new WebhookSender(http, Environment.secretCipher(), clock),
                        ConnectorType.SLACK, new SlackSender(http),
                        ConnectorType.EMAIL, new EmailSender(mailer, from)),
                CircuitBreakers.defaults(clock),
                new MetricCounters(
                        new MetricCounterRepository(storage),
                        clock,
                        IngestSettings.fromEnvironment().metricsFlushInterval()),
                clock,
                // owners and admins hear about a disabled connector, a long-open circuit, growing dead letters
                new Notifier(storage, mailer, from, clock));
    }
}
