package dev.formbridge.cdk;

import dev.formbridge.delivery.QueueSettings;
import dev.formbridge.event.EventContract;
import dev.formbridge.storage.TableDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.events.Archive;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The platform's event bus ({@link EventContract#DEFAULT_BUS}), an archive of everything on it for replay, and the
 * rule {@link EventContract#ROUTER_RULE} with {@link EventContract#SUBMISSION_ACCEPTED_PATTERN} — the pattern the
 * local bus evaluates with event-ruler — to the router. An event the router cannot take (EventBridge's delivery fails
 * or the invocation keeps failing) ends in the router's dead-letter queue.
 */
public final class EventRouting extends Construct {
    /** How long archived events can be replayed. */
    public static final Duration ARCHIVE_RETENTION = Duration.ofDays(30);

    private final EventBus bus;
    private final Queue deadLetters;
    private final JavaFunction router;
    private final Rule rule;

    public EventRouting(Construct scope, String id, EventRoutingProps props) {
        super(scope, id);
        this.bus = EventBus.Builder.create(this, "Bus")
                .eventBusName(EventContract.DEFAULT_BUS)
                .build();
        createArchive();
        this.deadLetters = Queue.Builder.create(this, "RouterDeadLetters")
                .retentionPeriod(software.amazon.awscdk.Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        this.router = createRouter(props);
        this.rule = createRule();
    }

    private Archive createArchive() {
        return bus.archive(
                "Archive",
                software.amazon.awscdk.services.events.BaseArchiveProps.builder()
                        .description("Every Form-Bridge event, for replay (ids only: ADR 0007)")
                        .eventPattern(EventPattern.builder()
                                .account(List.of(Aws.ACCOUNT_ID))
                                .build())
                        .retention(software.amazon.awscdk.Duration.days(ARCHIVE_RETENTION.toDays()))
                        .build());
    }

    private JavaFunction createRouter(EventRoutingProps props) {
        JavaFunction function = new JavaFunction(
                this,
                "Router",
                new JavaFunctionProps(
                        "router",
                        props.jars().router(),
                        LambdaJars.ROUTER_HANDLER,
                        JavaFunctionProps.DEFAULT_MEMORY_MB,
                        Duration.ofSeconds(30),
                        Map.of(
                                TableDefinition.TABLE_ENV,
                                props.data().table().getTableName(),
                                QueueSettings.QUEUE_URL_ENV,
                                props.delivery().queue().getQueueUrl()),
                        // deliveries and attempts are in the table: problems only (docs/deploy.md, cost)
                        JavaFunctionProps.LogLevel.WARN,
                        props.settings().snapStart(),
                        0),
                new SqsDestination(deadLetters));
        props.access()
                .grantTenantItems(function.function(), List.of(TableAccess.GET, TableAccess.PUT, TableAccess.QUERY));
        props.delivery().queue().grantSendMessages(function.function());
        return function;
    }

    private Rule createRule() {
        return Rule.Builder.create(this, "ToRouter")
                .ruleName(EventContract.ROUTER_RULE)
                .description("Every accepted submission to the router (EventContract)")
                .eventBus(bus)
                .eventPattern(EventPatterns.fromJson(EventContract.SUBMISSION_ACCEPTED_PATTERN))
                .targets(List.of(new LambdaFunction(
                        router.alias(),
                        LambdaFunctionProps.builder()
                                .deadLetterQueue(deadLetters)
                                .retryAttempts(185)
                                .maxEventAge(software.amazon.awscdk.Duration.hours(24))
                                .build())))
                .build();
    }

    public EventBus bus() {
        return bus;
    }

    public Queue deadLetters() {
        return deadLetters;
    }

    public JavaFunction router() {
        return router;
    }

    public Rule rule() {
        return rule;
    }
}
