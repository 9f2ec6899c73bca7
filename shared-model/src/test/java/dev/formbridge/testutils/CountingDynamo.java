package dev.formbridge.testutils;

import dev.formbridge.storage.Storage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A DynamoDB client that passes every call through and records the requests {@code counted} matches. */
public final class CountingDynamo {
    private final List<Object> seen = new CopyOnWriteArrayList<>();
    private final DynamoDbClient client;

    /** Records every request. */
    public CountingDynamo(DynamoDbClient real) {
        this(real, request -> true);
    }

    public CountingDynamo(DynamoDbClient real, Predicate<Object> counted) {
        this.client = InterceptedDynamo.wrap(real, (request, call) -> {
            if (counted.test(request)) {
                seen.add(request);
            }
            return call.proceed();
        });
    }

    public DynamoDbClient client() {
        return client;
    }

    /** {@code real}'s table through this client. */
    public Storage storage(Storage real) {
        return new Storage(client, real.definition());
    }

    public int count() {
        return seen.size();
    }

    /** Forgets the requests recorded so far. */
    public void reset() {
        seen.clear();
    }

    /** The counted requests, in the order they were sent. */
    public List<Object> seen() {
        return List.copyOf(seen);
    }
}
