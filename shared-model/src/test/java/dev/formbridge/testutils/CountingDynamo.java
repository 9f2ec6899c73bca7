package dev.formbridge.testutils;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length == 1 && args[0] instanceof Consumer<?>) {
                // the builder overloads build the request and call the request overload: count that one
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (args != null && args.length == 1 && counted.test(args[0])) {
                seen.add(args[0]);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        this.client = (DynamoDbClient) Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, handler);
    }

    public DynamoDbClient client() {
        return client;
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
