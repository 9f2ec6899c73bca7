package dev.formbridge.cdk;

import dev.formbridge.delivery.QueueSettings;
import dev.formbridge.storage.TableDefinition;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * Everything Form-Bridge deploys, in one stack so that no cross-stack export pins a resource: the table and keys are
 * retained and deletion-protected, so deleting the stack never deletes data. Built in dependency order: data, e-mail,
 * delivery, events, ingest, portal, observability.
 */
public final class FormBridgeStack extends Stack {
    private final DataStore data;
    private final DeliveryQueues delivery;
    private final EventRouting events;
    private final IngestApi ingest;
    private final Portal portal;
    private final Observability observability;

    public FormBridgeStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        Tags.of(this).add("project", "form-bridge");
        LambdaJars jars = LambdaJars.in(settings.lambdasDir());
        this.data = new DataStore(this, "Data", new DataStoreProps(TableDefinition.FORMBRIDGE));
        TableAccess access = new TableAccess(data);
        Email email = new Email(this, "Email", settings);
        this.delivery = new DeliveryQueues(
                this, "Delivery", new DeliveryQueuesProps(QueueSettings.DELIVERY, jars, data, access, email, settings));
        this.events = new EventRouting(this, "Events", new EventRoutingProps(jars, data, access, delivery, settings));
        this.ingest = new IngestApi(this, "Ingest", new IngestApiProps(jars, data, access, events, settings));
        this.portal = new Portal(this, "Portal", new PortalProps(data, access, delivery, ingest, settings));
        this.observability = new Observability(
                this,
                "Observability",
                new ObservabilityProps(
                        functions(),
                        ingest,
                        Map.of("Delivery", delivery.deadLetters(), "Router", events.deadLetters()),
                        settings.alarmEmail()));
        CfnOutput.Builder.create(this, "SubmissionsUrl")
                .description("Where sites POST signed submissions")
                .value(ingest.submissionsUrl())
                .build();
        for (String placeholder : settings.placeholdersInUse()) {
            Annotations.of(this)
                    .addWarningV2(
                            "formbridge:placeholder:" + placeholder,
                            placeholder + " is a placeholder: set it with -c " + placeholder
                                    + "=… before deploying (docs/deploy.md)");
        }
    }

    /** Every Lambda function of the stack. */
    public List<JavaFunction> functions() {
        return List.of(ingest.authorizer(), ingest.ingest(), events.router(), delivery.connector());
    }

    public DataStore data() {
        return data;
    }

    public DeliveryQueues delivery() {
        return delivery;
    }

    public EventRouting events() {
        return events;
    }

    public IngestApi ingest() {
        return ingest;
    }

    public Portal portal() {
        return portal;
    }

    public Observability observability() {
        return observability;
    }
}
