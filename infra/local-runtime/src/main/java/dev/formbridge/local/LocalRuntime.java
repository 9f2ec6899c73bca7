package dev.formbridge.local;

import dev.formbridge.delivery.ReplayService;
import dev.formbridge.event.InMemoryEventPublisher;
import dev.formbridge.ingest.IngestService;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.ingest.SiteAuthorizer;
import dev.formbridge.lambda.AuthorizerHandler;
import dev.formbridge.lambda.IngestHandler;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.site.SiteDirectory;
import dev.formbridge.site.SiteRepository;
import dev.formbridge.storage.DynaliteServer;
import dev.formbridge.storage.DynamoClients;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableBootstrap;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.TenantRepository;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The whole system wired on one machine; {@link #close()} stops all of it, dynalite included. */
public final class LocalRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalRuntime.class);

    private final LocalConfig config;
    private final DynaliteServer dynalite;
    private final DynamoDbClient dynamo;
    private final Storage storage;
    private final SecretCipher cipher;
    private final LocalEventBus bus;
    private final IngestService ingest;
    private final LocalIngestServer server;
    private final LocalDelivery delivery;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    private LocalRuntime(LocalConfig config) {
        this.config = config;
        this.dynalite = DynaliteServer.start(config.dynamoPort(), config.persistent() ? config.dynamoDir() : null);
        this.dynamo = DynamoClients.local(dynalite.endpoint());
        TableDefinition table = TableDefinition.FORMBRIDGE;
        TableBootstrap.createIfAbsent(dynamo, table);
        this.storage = new Storage(dynamo, table);
        this.cipher = LocalKeyFileCipher.fromKeyFile(config.keyFile());
        this.bus = new LocalEventBus();
        Clock clock = Clock.systemUTC();
        // the same rule the CDK app puts on EventBridge, feeding the router
        this.delivery = new LocalDelivery(config, storage, cipher, bus, clock);

        IngestSettings settings = IngestSettings.fromEnvironment(config.env());
        SiteDirectory directory = new SiteDirectory(
                new SiteRepository(storage), new TenantRepository(storage), clock, settings.siteCacheTtl());
        this.ingest = new IngestService(directory, storage, cipher, new InMemoryEventPublisher(bus), clock, settings);
        SiteAuthorizer authorizer = new SiteAuthorizer(directory, storage, clock, settings);
        this.server = LocalIngestServer.start(
                config.ingestPort(),
                new AuthorizerHandler(authorizer, new LocalMetrics()),
                new IngestHandler(ingest, new LocalMetrics()));
        timers.scheduleWithFixedDelay(this::flushCounters, 10, 10, TimeUnit.SECONDS);
        writeRuntimeFile();
    }

    public static LocalRuntime start(LocalConfig config) {
        return new LocalRuntime(config);
    }

    /** Writes the in-memory metric counters now (also done every 10 s and at shutdown). */
    public void flushCounters() {
        try {
            ingest.flushCounters();
            delivery.flushCounters();
        } catch (RuntimeException e) {
            log.warn("flushing counters failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Tells the admin commands where this runtime's storage is. */
    private void writeRuntimeFile() {
        Properties properties = new Properties();
        properties.setProperty("dynamodb.endpoint", dynalite.endpoint());
        properties.setProperty("table", storage.tableName());
        properties.setProperty("key.file", config.keyFile().toString());
        properties.setProperty("ingest.url", server.url());
        try (Writer out = Files.newBufferedWriter(config.runtimeFile())) {
            properties.store(out, "written by the running Form-Bridge local runtime");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + config.runtimeFile(), e);
        }
    }

    public Storage storage() {
        return storage;
    }

    public SecretCipher cipher() {
        return cipher;
    }

    public LocalEventBus bus() {
        return bus;
    }

    /** Replays, as the portal will call them. */
    public ReplayService replay() {
        return delivery.replay();
    }

    /** The durable local delivery queue. */
    public LocalDeliveryQueue deliveryQueue() {
        return delivery.queue();
    }

    public String ingestUrl() {
        return server.url();
    }

    public DynaliteServer dynalite() {
        return dynalite;
    }

    public LocalConfig config() {
        return config;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        flushCounters();
        server.close();
        bus.close();
        delivery.close();
        dynamo.close();
        dynalite.close();
        try {
            Files.deleteIfExists(config.runtimeFile());
        } catch (IOException ignored) {
            // a stale file only points at a stopped server
        }
    }
}
