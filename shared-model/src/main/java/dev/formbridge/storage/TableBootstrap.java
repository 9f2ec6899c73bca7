package dev.formbridge.storage;

import java.time.Duration;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** Creates the table from its {@link TableDefinition} where it does not exist yet (local runtime and tests). */
public final class TableBootstrap {
    private TableBootstrap() {}

    public static void createIfAbsent(DynamoDbClient dynamo, TableDefinition table) {
        try {
            dynamo.createTable(table.toCreateTableRequest());
        } catch (ResourceInUseException exists) {
            // created earlier: the data folder survived a restart
        }
        // the SDK's default waiter polls every 20 s; the local server is ready within milliseconds
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(dynamo)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(20)))
                        .maxAttempts(500)
                        .build())
                .build()) {
            waiter.waitUntilTableExists(b -> b.tableName(table.name()));
        }
    }
}
