package dev.formbridge.storage;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/** The table as the repositories see it: one low-level client, one enhanced client, one table definition. */
public final class Storage {
    private final DynamoDbClient dynamo;
    private final DynamoDbEnhancedClient enhanced;
    private final TableDefinition table;

    public Storage(DynamoDbClient dynamo, TableDefinition table) {
        this.dynamo = dynamo;
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        this.table = table;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public TableDefinition definition() {
        return table;
    }

    public String tableName() {
        return table.name();
    }

    public <T> DynamoDbTable<T> table(TableSchema<T> schema) {
        return enhanced.table(table.name(), schema);
    }

    /**
     * Runs a storage call, turning "the store is unreachable or overloaded" into {@link StorageUnavailableException}.
     * Client errors that mean a bug (validation) pass through unchanged.
     */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkClientException | ProvisionedThroughputExceededException | RequestLimitExceededException e) {
            throw new StorageUnavailableException(what + ": store unavailable", e);
        } catch (DynamoDbException e) {
            if (e.statusCode() >= 500 || e.isThrottlingException()) {
                throw new StorageUnavailableException(what + ": store unavailable", e);
            }
            throw e;
        }
    }

    public static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }
}
