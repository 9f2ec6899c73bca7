package dev.formbridge.storage;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An item that may be in the secondary indexes ({@link TableDefinition#GSI1}, {@link TableDefinition#GSI2}): in each
 * whose keys it sets, in no other (a sparse index).
 */
public abstract class IndexedItem extends KeyedItem {
    public static final StaticTableSchema<IndexedItem> KEYS = StaticTableSchema.builder(IndexedItem.class)
            .extend(KeyedItem.KEYS)
            .addAttribute(
                    String.class,
                    a -> a.name(TableDefinition.GSI1.partitionKey())
                            .getter(IndexedItem::getGsi1pk)
                            .setter(IndexedItem::setGsi1pk)
                            .tags(secondaryPartitionKey(TableDefinition.GSI1.name())))
            .addAttribute(
                    String.class,
                    a -> a.name(TableDefinition.GSI1.sortKey())
                            .getter(IndexedItem::getGsi1sk)
                            .setter(IndexedItem::setGsi1sk)
                            .tags(secondarySortKey(TableDefinition.GSI1.name())))
            .addAttribute(
                    String.class,
                    a -> a.name(TableDefinition.GSI2.partitionKey())
                            .getter(IndexedItem::getGsi2pk)
                            .setter(IndexedItem::setGsi2pk)
                            .tags(secondaryPartitionKey(TableDefinition.GSI2.name())))
            .addAttribute(
                    String.class,
                    a -> a.name(TableDefinition.GSI2.sortKey())
                            .getter(IndexedItem::getGsi2sk)
                            .setter(IndexedItem::setGsi2sk)
                            .tags(secondarySortKey(TableDefinition.GSI2.name())))
            .build();

    private String gsi1pk;
    private String gsi1sk;
    private String gsi2pk;
    private String gsi2sk;

    public String getGsi1pk() {
        return gsi1pk;
    }

    public void setGsi1pk(String value) {
        this.gsi1pk = value;
    }

    public String getGsi1sk() {
        return gsi1sk;
    }

    public void setGsi1sk(String value) {
        this.gsi1sk = value;
    }

    public String getGsi2pk() {
        return gsi2pk;
    }

    public void setGsi2pk(String value) {
        this.gsi2pk = value;
    }

    public String getGsi2sk() {
        return gsi2sk;
    }

    public void setGsi2sk(String value) {
        this.gsi2sk = value;
    }
}
