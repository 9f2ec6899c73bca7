package dev.formbridge.cdk;

import dev.formbridge.storage.TableDefinition;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.constructs.Construct;

/**
 * The single table and its keys. The table is declared from {@link TableDefinition#toCreateTableRequest()}, the very
 * request the local runtime creates dynalite's table with: same keys, same indexes, same projections; the TTL
 * attribute comes from the same definition. Customer-managed KMS keys with yearly rotation encrypt the table and,
 * separately, the signing and connector secrets (envelope encryption), so a role that may read the table cannot
 * unwrap a secret and vice versa. Table and keys survive a stack deletion (retained, deletion protection).
 */
public final class DataStore extends Construct {
    private final Key tableKey;
    private final Key secretsKey;
    private final Table table;

    public DataStore(Construct scope, String id, DataStoreProps props) {
        super(scope, id);
        this.tableKey = key("TableKey", "alias/formbridge-table", "Form-Bridge table encryption");
        this.secretsKey = key("SecretsKey", "alias/formbridge-secrets", "Form-Bridge signing and connector secrets");
        this.table = createTable(props.definition());
    }

    private Key key(String id, String alias, String description) {
        return Key.Builder.create(this, id)
                .alias(alias)
                .description(description)
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private Table createTable(TableDefinition definition) {
        CreateTableRequest request = definition.toCreateTableRequest();
        Table created = Table.Builder.create(this, "Table")
                .tableName(request.tableName())
                .partitionKey(attribute(request, KeyType.HASH, request.keySchema()))
                .sortKey(attribute(request, KeyType.RANGE, request.keySchema()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(tableKey)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .deletionProtection(true)
                .timeToLiveAttribute(definition.ttlAttribute())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (GlobalSecondaryIndex index : request.globalSecondaryIndexes()) {
            created.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.indexName())
                    .partitionKey(attribute(request, KeyType.HASH, index.keySchema()))
                    .sortKey(attribute(request, KeyType.RANGE, index.keySchema()))
                    .projectionType(ProjectionType.valueOf(index.projection().projectionTypeAsString()))
                    .nonKeyAttributes(
                            index.projection().hasNonKeyAttributes()
                                    ? index.projection().nonKeyAttributes()
                                    : null)
                    .build());
        }
        return created;
    }

    /** The key attribute of {@code type} in {@code schema}, typed as the request's attribute definitions say. */
    private static Attribute attribute(CreateTableRequest request, KeyType type, List<KeySchemaElement> schema) {
        String name = schema.stream()
                .filter(k -> k.keyType() == type)
                .findFirst()
                .orElseThrow()
                .attributeName();
        ScalarAttributeType scalar = request.attributeDefinitions().stream()
                .filter(a -> a.attributeName().equals(name))
                .findFirst()
                .orElseThrow()
                .attributeType();
        AttributeType cdkType = switch (scalar) {
            case S -> AttributeType.STRING;
            case N -> AttributeType.NUMBER;
            case B -> AttributeType.BINARY;
            default -> throw new IllegalArgumentException("unsupported key type " + scalar);
        };
        return Attribute.builder().name(name).type(cdkType).build();
    }

    public Table table() {
        return table;
    }

    public Key tableKey() {
        return tableKey;
    }

    public Key secretsKey() {
        return secretsKey;
    }
}
