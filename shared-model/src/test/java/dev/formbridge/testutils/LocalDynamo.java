package dev.formbridge.testutils;

import dev.formbridge.storage.DynaliteServer;
import dev.formbridge.storage.DynamoClients;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableBootstrap;
import dev.formbridge.storage.TableDefinition;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One real dynalite server per test JVM (started on first use, stopped with the JVM), and a fresh table per call of
 * {@link #newStorage()}, so test classes never see each other's items.
 */
public final class LocalDynamo {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynaliteServer server;
    private static DynamoDbClient client;

    private LocalDynamo() {}

    public static synchronized DynaliteServer server() {
        if (server == null || !server.isRunning()) {
            server = DynaliteServer.startInMemory();
            client = DynamoClients.local(server.endpoint());
        }
        return server;
    }

    public static synchronized DynamoDbClient client() {
        server();
        return client;
    }

    /** Storage over a new, empty table with the production definition. */
    public static Storage newStorage() {
        TableDefinition table =
                TableDefinition.named("test-" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet());
        TableBootstrap.createIfAbsent(client(), table);
        return new Storage(client(), table);
    }
}
