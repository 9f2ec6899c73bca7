package dev.formbridge.testutils;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB client that passes every call through, except the first request (a {@code XxxRequest}) that {@code fails}
 * matches: that one fails once, as if the connection dropped.
 */
public final class FailingDynamo {
    private FailingDynamo() {}

    public static DynamoDbClient failingOnce(DynamoDbClient real, Predicate<Object> fails) {
        AtomicBoolean failed = new AtomicBoolean();
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length == 1 && args[0] instanceof Consumer<?>) {
                // the builder overloads build the request and call the request overload: let that one come through here
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (args != null && args.length == 1 && fails.test(args[0]) && failed.compareAndSet(false, true)) {
                throw SdkClientException.create("connection reset (test)");
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (DynamoDbClient) Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, handler);
    }
}
