package dev.formbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.formbridge.testutils.LocalDynamo;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The clients' call timeout is armed on the shared timer and costs nothing once the call is done. */
class DynamoClientsTest {
    private static final String NOT_FOUND =
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"no table\"}";

    @Test
    void a_call_holds_one_timer_while_it_runs_and_none_once_it_is_done() throws Exception {
        // GIVEN a store that answers only when told to
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        HttpServer store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        store.createContext("/", exchange -> {
            arrived.countDown();
            try {
                answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = NOT_FOUND.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        store.start();
        int before = DynamoClients.queuedTimeouts();
        try (DynamoDbClient client =
                DynamoClients.local("http://127.0.0.1:" + store.getAddress().getPort())) {
            // WHEN a call is under way
            CompletableFuture<?> call =
                    CompletableFuture.runAsync(() -> client.describeTable(b -> b.tableName("formbridge")));
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

            // THEN its timeout timer is queued on the shared executor
            assertThat(DynamoClients.queuedTimeouts()).isEqualTo(before + 1);

            // WHEN it completes
            answer.countDown();
            assertThatThrownBy(call::get)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ResourceNotFoundException.class);

            // THEN its timer is gone at once, not queued until it would have fired (the SDK's own executor keeps
            // cancelled timers and wakes its thread for each)
            assertThat(DynamoClients.queuedTimeouts()).isEqualTo(before);
        } finally {
            store.stop(0);
        }
    }

    @Test
    void closing_one_client_leaves_the_shared_timer_to_the_others() {
        // GIVEN a client closed (the admin commands close theirs after each call)
        DynamoClients.local(LocalDynamo.server().endpoint()).close();

        // WHEN another client calls with its call timeout armed on the same executor
        try (DynamoDbClient other = DynamoClients.local(LocalDynamo.server().endpoint())) {
            // THEN it works: the SDK does not shut down an executor it was given
            assertThat(other.listTables().tableNames()).isNotNull();
        }
        assertThat(DynamoClients.queuedTimeouts()).isZero();
    }
}
