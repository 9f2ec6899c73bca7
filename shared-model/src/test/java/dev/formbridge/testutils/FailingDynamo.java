package dev.formbridge.testutils;

import java.util.concurrent.atomic.AtomicBoolean;
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
        return InterceptedDynamo.wrap(real, (request, call) -> {
            if (fails.test(request) && failed.compareAndSet(false, true)) {
                throw SdkClientException.create("connection reset (test)");
            }
            return call.proceed();
        });
    }
}
