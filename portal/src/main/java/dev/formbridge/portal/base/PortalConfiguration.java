package dev.formbridge.portal.base;

import dev.formbridge.audit.AuditRepository;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.delivery.DeliveryQueue;
import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.delivery.DryRun;
import dev.formbridge.delivery.EmailSender;
import dev.formbridge.delivery.FolderDeliveryQueue;
import dev.formbridge.delivery.Mailer;
import dev.formbridge.delivery.ReplayService;
import dev.formbridge.delivery.RequestSender;
import dev.formbridge.delivery.Router;
import dev.formbridge.delivery.SesMailer;
import dev.formbridge.delivery.SlackSender;
import dev.formbridge.delivery.SmtpMailer;
import dev.formbridge.delivery.SqsDeliveryQueue;
import dev.formbridge.delivery.TestSend;
import dev.formbridge.delivery.WebhookSender;
import dev.formbridge.metrics.MetricsService;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.secret.KmsSecretCipher;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.site.SiteService;
import dev.formbridge.storage.DynamoClients;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.submission.SubmissionService;
import dev.formbridge.team.TeamService;
import dev.formbridge.tenant.TenantService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** shared-model's services, built once on the storage and secret cipher of the active profile. */
@Configuration
class PortalConfiguration {

    @Bean
    @Profile("local")
    RuntimeSettings localRuntime(@Value("${formbridge.home}") String home) {
        return RuntimeSettings.fromLocalRuntime(Path.of(home), Duration.ofSeconds(120));
    }

    @Bean
    @Profile("aws")
    RuntimeSettings awsRuntime(
            @Value("${FORMBRIDGE_TABLE:formbridge}") String table,
            @Value("${FORMBRIDGE_KMS_KEY_ID}") String kmsKeyId,
            @Value("${FORMBRIDGE_INGEST_URL}") String ingestUrl) {
        return new RuntimeSettings(null, table, null, kmsKeyId, ingestUrl);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "")
    Storage storage(RuntimeSettings settings) {
        var dynamo = settings.dynamoEndpoint() == null
                ? DynamoClients.aws()
                : DynamoClients.local(settings.dynamoEndpoint());
        return new Storage(dynamo, TableDefinition.named(settings.tableName()));
    }

    @Bean
    SecretCipher secretCipher(RuntimeSettings settings) {
        return settings.keyFile() != null
                ? LocalKeyFileCipher.fromKeyFile(settings.keyFile())
                : new KmsSecretCipher(KmsClient.create(), settings.kmsKeyId());
    }

    @Bean
    SiteService siteService(Storage storage, SecretCipher cipher, Clock clock) {
        return new SiteService(storage, cipher, clock);
    }

    @Bean
    TenantService tenantService(Storage storage, Clock clock) {
        return new TenantService(storage, clock);
    }

    @Bean
    TeamService teamService(Storage storage, Clock clock) {
        return new TeamService(storage, clock);
    }

    @Bean
    DeliveryRepository deliveryRepository(Storage storage) {
        return new DeliveryRepository(storage);
    }

    @Bean
    SubmissionService submissionService(Storage storage, DeliveryRepository deliveries) {
        return new SubmissionService(storage, deliveries);
    }

    /** Replays go to the queue the connectors consume: the local runtime's folder, or SQS in AWS. */
    @Bean
    @Profile("local")
    DeliveryQueue localDeliveryQueue(@Value("${formbridge.home}") String home) {
        return new FolderDeliveryQueue(Path.of(home).toAbsolutePath().resolve("queue"));
    }

    @Bean
    @Profile("aws")
    DeliveryQueue sqsDeliveryQueue(@Value("${FORMBRIDGE_DELIVERY_QUEUE_URL}") String queueUrl, Clock clock) {
        return new SqsDeliveryQueue(SqsClient.create(), queueUrl, clock);
    }

    @Bean
    ReplayService replayService(Storage storage, DeliveryQueue queue, Clock clock) {
        return new ReplayService(storage, new Router(storage, queue, clock, Duration.ZERO), queue, clock);
    }

    @Bean
    ConnectorService connectorService(
            Storage storage,
            SecretCipher cipher,
            Clock clock,
            @Value("${formbridge.portal.allow-private-targets:false}") boolean allowPrivateTargets) {
        return new ConnectorService(
                storage,
                cipher,
                allowPrivateTargets ? OutboundPolicy.allowLocal() : OutboundPolicy.production(),
                clock);
    }

    /** The senders the portal's dry runs and test-sends use: the same request builders as the workers. */
    @Bean
    Map<ConnectorType, RequestSender> senders(
            SecretCipher cipher,
            Clock clock,
            Mailer mailer,
            @Value("${formbridge.portal.mail-from:no-reply@formbridge.local}") String from,
            @Value("${formbridge.portal.allow-private-targets:false}") boolean allowPrivateTargets) {
        OutboundHttp http =
                new OutboundHttp(allowPrivateTargets ? OutboundPolicy.allowLocal() : OutboundPolicy.production());
        return Map.of(
                ConnectorType.WEBHOOK, new WebhookSender(http, cipher, clock),
                ConnectorType.SLACK, new SlackSender(http),
                ConnectorType.EMAIL, new EmailSender(mailer, from));
    }

    @Bean
    @Profile("local")
    Mailer smtpMailer(
            @Value("${FORMBRIDGE_SMTP_HOST:127.0.0.1}") String host, @Value("${FORMBRIDGE_SMTP_PORT:2525}") int port) {
        return new SmtpMailer(host, port, Optional.empty(), false, Duration.ofSeconds(10));
    }

    @Bean
    @Profile("aws")
    Mailer sesMailer() {
        return new SesMailer(SesV2Client.create(), Optional.empty());
    }

    @Bean
    DryRun dryRun(Storage storage, Map<ConnectorType, RequestSender> senders) {
        return new DryRun(storage, senders);
    }

    @Bean
    TestSend testSend(Storage storage, Map<ConnectorType, RequestSender> senders, Clock clock) {
        return new TestSend(storage, senders, clock);
    }

    @Bean
    MetricsService metricsService(Storage storage, Clock clock, DeliveryRepository deliveries) {
        return new MetricsService(
                storage, clock, tenant -> deliveries.deadLetters(tenant).size());
    }

    @Bean
    AuditRepository auditRepository(Storage storage) {
        return new AuditRepository(storage);
    }
}
