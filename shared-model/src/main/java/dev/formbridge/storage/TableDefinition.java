package dev.formbridge.storage;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one definition of Form-Bridge's single table: keys, secondary indexes and the TTL attribute. The local runtime
 * creates the table from it and the CDK app declares it from it, so both always agree.
 *
 * <p>Every partition key starts with {@code TENANT#<tenant id>#}, which makes tenant isolation structural and lets IAM's
 * {@code dynamodb:LeadingKeys} enforce it. All key attributes are strings.
 */
public record TableDefinition(
        String name, String partitionKey, String sortKey, List<Index> indexes, String ttlAttribute) {

    /** Environment variable that names the table at run time (set by the CDK app and the local runtime). */
    public static final String TABLE_ENV = "FORMBRIDGE_TABLE";

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TTL = "expiresAt";

    /**
     * Per-tenant listings in time order (submissions by received time, a tenant's audit events), and the platform-wide
     * entries ({@code PLATFORM#…}, see {@link Keys}) only the portal reads: a user's memberships, the tenant directory.
     * It copies the submission listing's columns, so a page of submissions is one query; every other listing here
     * reads its items from the table by key ({@link ItemsByKey}). Only for items that rarely change after they are
     * written: changing a copied attribute (a {@code status}, whatever the item) writes the entry again (ADR 0018).
     */
    public static final Index GSI1 = new Index(
            "gsi1",
            "gsi1pk",
            "gsi1sk",
            List.of("submissionId", "siteId", "formId", "status", "receivedAt", "sizeBytes"));
    /**
     * Keys only: a connector's deliveries in time order and the platform-wide listings by day (audit events, day
     * metric buckets; see {@link Keys}). Items that change
     * after they are written (a delivery at every attempt, a metric bucket at every flush) live here, where an update
     * that keeps the keys writes nothing to the index; readers take the keys and read the items from the table.
     */
    public static final Index GSI2 = new Index("gsi2", "gsi2pk", "gsi2sk", List.of());

    /** The Form-Bridge table under its default name. */
    public static final TableDefinition FORMBRIDGE = named("formbridge");

    public static TableDefinition named(String name) {
        return new TableDefinition(name, PK, SK, List.of(GSI1, GSI2), TTL);
    }

    /** The table named by {@value #TABLE_ENV}, or the default name. */
    public static TableDefinition fromEnvironment() {
        String name = System.getenv(TABLE_ENV);
        return name == null || name.isBlank() ? FORMBRIDGE : named(name);
    }

    /**
     * A secondary index over two string attributes. It copies the table's keys, its own keys and {@code projected}:
     * nothing else ({@code KEYS_ONLY} when {@code projected} is empty, else {@code INCLUDE}). Every index entry is a
     * write unit per item write that changes it; an entry smaller than 1 KB costs one, whatever the item's size.
     */
    public record Index(String name, String partitionKey, String sortKey, List<String> projected) {
        public Index {
            projected = List.copyOf(projected);
        }

        public ProjectionType projectionType() {
            return projected.isEmpty() ? ProjectionType.KEYS_ONLY : ProjectionType.INCLUDE;
        }

        /** Whether a query of this index returns {@code attribute} (keys always). */
        public boolean projects(String attribute) {
            return attribute.equals(PK)
                    || attribute.equals(SK)
                    || attribute.equals(partitionKey)
                    || attribute.equals(sortKey)
                    || projected.contains(attribute);
        }

        Projection projection() {
            Projection.Builder projection = Projection.builder().projectionType(projectionType());
            if (!projected.isEmpty()) {
                projection.nonKeyAttributes(projected);
            }
            return projection.build();
        }
    }

    /** The request that creates this table on demand (the local bootstrap uses it; TTL is set separately in AWS). */
    public CreateTableRequest toCreateTableRequest() {
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(string(partitionKey), string(sortKey)));
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        for (Index index : indexes) {
            attributes.add(string(index.partitionKey()));
            attributes.add(string(index.sortKey()));
            gsis.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                    .projection(index.projection())
                    .build());
        }
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(key(partitionKey, KeyType.HASH), key(sortKey, KeyType.RANGE))
                .globalSecondaryIndexes(gsis)
                .build();
    }

    private static AttributeDefinition string(String attribute) {
        return AttributeDefinition.builder()
                .attributeName(attribute)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String attribute, KeyType type) {
        return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
    }
}
