package dev.formbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.testutils.CountingDynamo;
import dev.formbridge.testutils.InterceptedDynamo;
import dev.formbridge.testutils.LocalDynamo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Reading the items index entries point at: in their order, 100 keys a request, gone items left out, none lost. */
class ItemsByKeyTest {
    final Storage storage = LocalDynamo.newStorage();

    @Test
    void items_come_back_in_the_order_of_the_entries_a_hundred_keys_a_request_without_the_deleted_ones() {
        // GIVEN 250 items, the 7th deleted since an index named it
        List<Map<String, AttributeValue>> entries =
                IntStream.range(0, 250).mapToObj(this::put).toList();
        storage.dynamo().deleteItem(b -> b.tableName(storage.tableName()).key(ItemsByKey.keyOf(entries.get(7))));
        CountingDynamo counting = new CountingDynamo(storage.dynamo(), r -> r instanceof BatchGetItemRequest);

        // WHEN they are read newest first, as a listing would
        List<Map<String, AttributeValue>> reversed = new ArrayList<>(entries.reversed());
        List<Map<String, AttributeValue>> items = ItemsByKey.read(counting.storage(storage), reversed);

        // THEN every other item is there with its attributes, in that order, from three requests
        assertThat(items)
                .extracting(i -> i.get("n").n())
                .containsExactlyElementsOf(IntStream.range(0, 250)
                        .map(i -> 249 - i)
                        .filter(i -> i != 7)
                        .mapToObj(Integer::toString)
                        .toList());
        assertThat(counting.count()).isEqualTo(3);
    }

    @Test
    void keys_the_store_left_unprocessed_are_asked_for_again() {
        List<Map<String, AttributeValue>> entries =
                IntStream.range(0, 10).mapToObj(this::put).toList();
        Storage halfProcessing = new Storage(answeringHalfOnce(storage.dynamo()), storage.definition());

        assertThat(ItemsByKey.read(halfProcessing, entries))
                .extracting(i -> i.get("n").n())
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    Map<String, AttributeValue> put(int n) {
        Map<String, AttributeValue> item = Map.of(
                TableDefinition.PK,
                AttributeValue.fromS("TENANT#ten_test#ITEMS"),
                TableDefinition.SK,
                AttributeValue.fromS(String.format("ITEM#%04d", n)),
                "n",
                AttributeValue.fromN(Integer.toString(n)));
        storage.dynamo().putItem(b -> b.tableName(storage.tableName()).item(item));
        return item;
    }

    /** A client whose first BatchGetItem asks the store for half the keys and reports the rest unprocessed. */
    static DynamoDbClient answeringHalfOnce(DynamoDbClient real) {
        AtomicBoolean answered = new AtomicBoolean();
        return InterceptedDynamo.wrap(real, (r, call) -> {
            if (!(r instanceof BatchGetItemRequest request) || !answered.compareAndSet(false, true)) {
                return call.proceed();
            }
            String table = request.requestItems().keySet().iterator().next();
            List<Map<String, AttributeValue>> keys =
                    request.requestItems().get(table).keys();
            int half = keys.size() / 2;
            BatchGetItemResponse first = real.batchGetItem(request.toBuilder()
                    .requestItems(Map.of(
                            table,
                            request.requestItems().get(table).toBuilder()
                                    .keys(keys.subList(0, half))
                                    .build()))
                    .build());
            return first.toBuilder()
                    .unprocessedKeys(Map.of(
                            table,
                            KeysAndAttributes.builder()
                                    .keys(keys.subList(half, keys.size()))
                                    .consistentRead(true)
                                    .build()))
                    .build();
        });
    }
}
