package dev.formbridge.testutils;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB client that shows every request ({@code XxxRequest}) to an interceptor, which answers it itself or lets
 * the real client answer. The builder overloads ({@code putItem(b -> …)}) build the request and call the request
 * overload, so an interceptor sees each request once, whichever way it was made.
 */
public final class InterceptedDynamo {
    private InterceptedDynamo() {}

    /** What to do with one request: return an answer, throw, or return {@code real.proceed()}. */
    @FunctionalInterface
    public interface Interceptor {
        Object intercept(Object request, RealCall real) throws Throwable;
    }

    /** The same call on the real client. */
    @FunctionalInterface
    public interface RealCall {
        Object proceed() throws Throwable;
    }

    public static DynamoDbClient wrap(DynamoDbClient real, Interceptor interceptor) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length == 1 && args[0] instanceof Consumer<?>) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            RealCall call = () -> {
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return args != null && args.length == 1 ? interceptor.intercept(args[0], call) : call.proceed();
        };
        return (DynamoDbClient) Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, handler);
    }
}
