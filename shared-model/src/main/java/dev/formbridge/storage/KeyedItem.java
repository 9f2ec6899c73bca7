package dev.formbridge.storage;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The key attributes every stored item has ({@value TableDefinition#PK}, {@value TableDefinition#SK}), mapped once:
 * an item's static schema {@code extend}s {@link #KEYS} instead of repeating them.
 */
public abstract class KeyedItem {
    public static final StaticTableSchema<KeyedItem> KEYS = StaticTableSchema.builder(KeyedItem.class)
            .addAttribute(
                    String.class,
                    a -> a.name(TableDefinition.PK)
                            .getter(KeyedItem::getPk)
                            .setter(KeyedItem::setPk)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(TableDefinition.SK)
                            .getter(KeyedItem::getSk)
                            .setter(KeyedItem::setSk)
                            .tags(primarySortKey()))
            .build();

    private String pk;
    private String sk;

    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    public String getSk() {
        return sk;
    }

    public void setSk(String sk) {
        this.sk = sk;
    }
}
