package dev.formbridge.cdk;

import static dev.formbridge.cdk.testutils.Resources.at;
import static dev.formbridge.cdk.testutils.Resources.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.cdk.testutils.Synthesized;
import dev.formbridge.delivery.QueueSettings;
import dev.formbridge.event.EventContract;
import dev.formbridge.storage.TableDefinition;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * The template declares exactly what the local runtime runs on: the table the local bootstrap creates
 * ({@link TableDefinition#toCreateTableRequest()}), the rule pattern the local bus evaluates
 * ({@link EventContract}), and the queue settings the local folder queue reads ({@link QueueSettings#DELIVERY}; the
 * local side is proved in {@code LocalDeliveryQueueTest}).
 */
class OneSourceTest {
    private final Template template = Synthesized.defaults().template();
    private final Map<String, Object> table =
            properties(template, "AWS::DynamoDB::Table").values().iterator().next();
    private final CreateTableRequest local = TableDefinition.FORMBRIDGE.toCreateTableRequest();

    @Test
    void the_table_has_the_local_tables_name_keys_and_attribute_types() {
        assertThat(table.get("TableName")).isEqualTo(local.tableName());
        assertThat(table.get("KeySchema")).isEqualTo(keySchema(local.keySchema()));
        assertThat(Set(table.get("AttributeDefinitions")))
                .isEqualTo(local.attributeDefinitions().stream()
                        .map(a ->
                                Map.of("AttributeName", a.attributeName(), "AttributeType", a.attributeTypeAsString()))
                        .collect(Collectors.toSet()));
    }

    @Test
    void the_table_has_the_local_tables_indexes_with_their_projections() {
        assertThat(table.get("GlobalSecondaryIndexes"))
                .isEqualTo(local.globalSecondaryIndexes().stream()
                        .map(i -> Map.of(
                                "IndexName",
                                i.indexName(),
                                "KeySchema",
                                keySchema(i.keySchema()),
                                "Projection",
                                projection(i.projection())))
                        .toList());
    }

    @Test
    void the_router_rule_has_the_pattern_the_local_bus_evaluates() {
        Map<String, Object> rule =
                properties(template, "AWS::Events::Rule").values().iterator().next();
        assertThat(rule.get("Name")).isEqualTo(EventContract.ROUTER_RULE);
        assertThat(rule.get("EventPattern")).isEqualTo(EventPatterns.parse(EventContract.SUBMISSION_ACCEPTED_PATTERN));
        assertThat(properties(template, "AWS::Events::EventBus").values())
                .singleElement()
                .satisfies(bus -> assertThat(bus.get("Name")).isEqualTo(EventContract.DEFAULT_BUS));
    }

    @Test
    void the_delivery_queue_has_the_local_queues_visibility_timeout_and_receives() {
        QueueSettings settings = QueueSettings.DELIVERY;
        Map<String, Object> queue = properties(template, "AWS::SQS::Queue").entrySet().stream()
                .filter(e -> e.getKey().startsWith("DeliveryQueue"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
        assertThat(queue.get("VisibilityTimeout"))
                .isEqualTo((int) settings.visibilityTimeout().toSeconds());
        assertThat(at(queue, "RedrivePolicy", "maxReceiveCount")).isEqualTo(settings.maxReceiveCount());
        assertThat(queue.get("MessageRetentionPeriod"))
                .isEqualTo((int) settings.retention().toSeconds());
        Map<String, Object> mapping = properties(template, "AWS::Lambda::EventSourceMapping")
                .values()
                .iterator()
                .next();
        assertThat(mapping.get("BatchSize")).isEqualTo(settings.batchSize());
        assertThat(at(mapping, "ScalingConfig", "MaximumConcurrency")).isEqualTo(settings.maxConcurrency());
    }

    private static Map<String, Object> projection(Projection projection) {
        return projection.hasNonKeyAttributes()
                ? Map.of(
                        "ProjectionType",
                        projection.projectionTypeAsString(),
                        "NonKeyAttributes",
                        projection.nonKeyAttributes())
                : Map.of("ProjectionType", projection.projectionTypeAsString());
    }

    private static List<Map<String, String>> keySchema(List<KeySchemaElement> schema) {
        return schema.stream()
                .map(k -> Map.of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString()))
                .toList();
    }

    private static java.util.Set<Object> Set(Object list) {
        return new java.util.HashSet<>((List<?>) list);
    }
}
