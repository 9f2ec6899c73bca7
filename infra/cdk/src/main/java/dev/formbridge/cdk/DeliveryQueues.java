package dev.formbridge.cdk;

import dev.formbridge.connector.Connector;
import dev.formbridge.delivery.EmailSender;
import dev.formbridge.delivery.QueueSettings;
import dev.formbridge.secret.KmsSecretCipher;
import dev.formbridge.storage.TableDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The delivery queue and its dead-letter queue, declared from {@link QueueSettings} (the values the local folder queue
 * reads), and the connector function that consumes it through its {@code live} alias: partial batch responses, and a
 * maximum concurrency on the event source rather than reserved concurrency — reserved concurrency throttles the
 * pollers' invocations, and a throttled message counts a receive towards the DLQ without an attempt.
 */
public final class DeliveryQueues extends Construct {
    /** Slack beyond the connector timeouts of one batch: storage reads and writes, the queue, the e-mail API. */
    static final Duration CONNECTOR_MARGIN = Duration.ofSeconds(30);

    private final Queue deadLetters;
    private final Queue queue;
    private final JavaFunction connector;

    public DeliveryQueues(Construct scope, String id, DeliveryQueuesProps props) {
        super(scope, id);
        QueueSettings settings = props.queue();
        this.deadLetters = Queue.Builder.create(this, "DeadLetters")
                .retentionPeriod(seconds(settings.deadLetterRetention()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        this.queue = Queue.Builder.create(this, "Queue")
                .visibilityTimeout(seconds(settings.visibilityTimeout()))
                .retentionPeriod(seconds(settings.retention()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetters)
                        .maxReceiveCount(settings.maxReceiveCount())
                        .build())
                .build();
        this.connector = createConnector(props);
    }

    /** A batch runs its jobs one after the other, each up to the longest connector timeout. */
    static Duration connectorTimeout(QueueSettings settings) {
        return Connector.MAX_TIMEOUT.multipliedBy(settings.batchSize()).plus(CONNECTOR_MARGIN);
    }

    private JavaFunction createConnector(DeliveryQueuesProps props) {
        QueueSettings settings = props.queue();
        Duration timeout = connectorTimeout(settings);
        if (timeout.compareTo(settings.visibilityTimeout()) > 0) {
            throw new IllegalStateException("the connector's timeout " + timeout
                    + " exceeds the queue's visibility timeout: lower the batch size");
        }
        JavaFunction function = new JavaFunction(
                this,
                "Connector",
                new JavaFunctionProps(
                        "connector",
                        props.jars().connector(),
                        LambdaJars.CONNECTOR_HANDLER,
                        JavaFunctionProps.DEFAULT_MEMORY_MB,
                        timeout,
                        Map.of(
                                TableDefinition.TABLE_ENV,
                                props.data().table().getTableName(),
                                QueueSettings.QUEUE_URL_ENV,
                                queue.getQueueUrl(),
                                KmsSecretCipher.KEY_ID_ENV,
                                props.data().secretsKey().getKeyArn(),
                                EmailSender.MAIL_FROM_ENV,
                                props.settings().mailFrom()),
                        // deliveries and attempts are in the table: problems only (docs/deploy.md, cost)
                        JavaFunctionProps.LogLevel.WARN,
                        props.settings().snapStart(),
                        0));
        function.alias()
                .addEventSource(new SqsEventSource(
                        queue,
                        SqsEventSourceProps.builder()
                                .batchSize(settings.batchSize())
                                .maxConcurrency(settings.maxConcurrency())
                                .reportBatchItemFailures(true)
                                .build()));
        // DeleteItem: a notification claim is given back when no e-mail could be sent (notification/NotificationLog)
        props.access()
                .grantTenantItems(
                        function.function(),
                        List.of(
                                TableAccess.GET,
                                TableAccess.PUT,
                                TableAccess.UPDATE,
                                TableAccess.DELETE,
                                TableAccess.QUERY));
        props.access().grantSecrets(function.function(), false);
        queue.grantSendMessages(function.function()); // retries are new messages with a delay
        props.email().grantSend(function.function());
        return function;
    }

    private static software.amazon.awscdk.Duration seconds(Duration duration) {
        return software.amazon.awscdk.Duration.seconds(duration.toSeconds());
    }

    public Queue queue() {
        return queue;
    }

    public Queue deadLetters() {
        return deadLetters;
    }

    public JavaFunction connector() {
        return connector;
    }
}
