package dev.formbridge.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads the items an index query pointed at. The indexes copy keys and at most a listing's few columns (ADR 0018), so
 * a listing that shows more reads its items from the table: {@code BatchGetItem}, 100 keys a request, strongly
 * consistent (an item the index already shows is always found), in the order of the index entries. An item deleted
 * since the index was read is left out.
 */
public final class ItemsByKey {
    /** The most keys one BatchGetItem takes. */
    static final int MAX_KEYS = 100;
    /** Rounds of asking again for keys DynamoDB left unprocessed (it does under load) before giving up. */
    private static final int MAX_ROUNDS = 8;

    private ItemsByKey() {}

    /** The table items behind {@code entries} (index items or any maps holding the table keys), in their order. */
    public static List<Map<String, AttributeValue>> read(Storage storage, List<Map<String, AttributeValue>> entries) {
        Map<Key, Map<String, AttributeValue>> found = new HashMap<>();
        List<Key> keys = entries.stream().map(Key::of).distinct().toList();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            fetch(storage, keys.subList(from, Math.min(from + MAX_KEYS, keys.size())), found);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>(entries.size());
        for (Map<String, AttributeValue> entry : entries) {
            Map<String, AttributeValue> item = found.get(Key.of(entry));
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    /** Like {@link #read(Storage, List)} for items of a static schema: index entries in, whole items out. */
    public static <T> List<T> read(Storage storage, TableSchema<T> schema, List<? extends KeyedItem> entries) {
        List<Map<String, AttributeValue>> keys =
                entries.stream().map(e -> new Key(e.getPk(), e.getSk()).toMap()).toList();
        return read(storage, keys).stream().map(schema::mapToItem).toList();
    }

    /** The table key of an item or index entry. */
    public static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> entry) {
        return Key.of(entry).toMap();
    }

    private static void fetch(Storage storage, List<Key> keys, Map<Key, Map<String, AttributeValue>> found) {
        List<Map<String, AttributeValue>> pending =
                keys.stream().map(Key::toMap).toList();
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new StorageUnavailableException("read items by key: keys left unprocessed", null);
            }
            pause(round);
            KeysAndAttributes request = KeysAndAttributes.builder()
                    .keys(pending)
                    .consistentRead(true)
                    .build();
            BatchGetItemResponse response = Storage.call(
                    "read items by key",
                    () -> storage.dynamo().batchGetItem(b -> b.requestItems(Map.of(storage.tableName(), request))));
            response.responses()
                    .getOrDefault(storage.tableName(), List.of())
                    .forEach(item -> found.put(Key.of(item), item));
            KeysAndAttributes left = response.unprocessedKeys().get(storage.tableName());
            pending = left == null ? List.of() : left.keys();
        }
    }

    /** Backs off before asking again for unprocessed keys: 0, 20, 40, 80 … ms. */
    private static void pause(int round) {
        if (round == 0) {
            return;
        }
        try {
            Thread.sleep(10L << Math.min(round, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("read items by key: interrupted", e);
        }
    }

    private record Key(String pk, String sk) {
        static Key of(Map<String, AttributeValue> item) {
            return new Key(
                    item.get(TableDefinition.PK).s(),
                    item.get(TableDefinition.SK).s());
        }

        Map<String, AttributeValue> toMap() {
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            key.put(TableDefinition.PK, AttributeValue.fromS(pk));
            key.put(TableDefinition.SK, AttributeValue.fromS(sk));
            return key;
        }
    }
}
