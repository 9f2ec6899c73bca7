package dev.formbridge.metrics;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A DynamoDB client that passes every call through and remembers each request it sent, to count storage requests. */
final class CountingDynamo {
    private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();
    private final DynamoDbClient client;

    CountingDynamo(DynamoDbClient real) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length == 1 && args[0] instanceof Consumer<?>) {
                // the builder overloads build the request and call the request overload: that one is counted
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (args != null && args.length == 1 && args[0] instanceof SdkRequest request) {
                requests.add(request);
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

    DynamoDbClient client() {
        return client;
    }

    List<SdkRequest> requests() {
        return List.copyOf(requests);
    }

    void reset() {
        requests.clear();
    }
}
