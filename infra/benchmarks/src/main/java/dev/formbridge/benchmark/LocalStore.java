package dev.formbridge.benchmark;

import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.storage.DynaliteServer;
import dev.formbridge.storage.DynamoClients;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableBootstrap;
import dev.formbridge.storage.TableDefinition;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** An in-memory dynalite with the Form-Bridge table and a local key file: the store a benchmark runs against. */
public final class LocalStore implements AutoCloseable {
    private final DynaliteServer dynalite;
    private final DynamoDbClient dynamo;
    private final Storage storage;
    private final LocalKeyFileCipher cipher;
    private final Path keyFile;

    private LocalStore(Path dir) {
        this.dynalite = DynaliteServer.startInMemory();
        this.dynamo = DynamoClients.local(dynalite.endpoint());
        TableBootstrap.createIfAbsent(dynamo, TableDefinition.FORMBRIDGE);
        this.storage = new Storage(dynamo, TableDefinition.FORMBRIDGE);
        this.keyFile = dir.resolve("master.key");
        this.cipher = LocalKeyFileCipher.fromKeyFile(keyFile);
    }

    /** Starts dynalite and creates the table; the master key goes to {@code dir}. */
    public static LocalStore start(Path dir) {
        return new LocalStore(dir);
    }

    public BenchSite createSite(String name) {
        return BenchSite.create(storage, cipher, name);
    }

    public String endpoint() {
        return dynalite.endpoint();
    }

    public String tableName() {
        return storage.tableName();
    }

    public Storage storage() {
        return storage;
    }

    /** The cipher of the local key file, as the children build it from the environment. */
    public LocalKeyFileCipher cipher() {
        return cipher;
    }

    public Path keyFile() {
        return keyFile;
    }

    @Override
    public void close() {
        dynamo.close();
        dynalite.close();
    }
}
