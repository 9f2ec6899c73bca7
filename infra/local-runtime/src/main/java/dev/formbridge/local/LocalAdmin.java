package dev.formbridge.local;

import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorService.NewConnector;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.outbound.OutboundRefusedException;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.site.SiteService;
import dev.formbridge.site.SiteService.NewSecret;
import dev.formbridge.storage.DynamoClients;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.tenant.TenantService;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Creates tenants and sites in a running local runtime until the portal does it; prints what a site owner needs. */
final class LocalAdmin {
    private LocalAdmin() {}

    static void createSite(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: create-site <tenant name> <site name> <site url>");
            System.exit(2);
        }
        Properties runtime = runningRuntime();
        try (DynamoDbClient dynamo = DynamoClients.local(runtime.getProperty("dynamodb.endpoint"))) {
            Storage storage = new Storage(dynamo, TableDefinition.named(runtime.getProperty("table")));
            NewSecret site = create(
                    storage,
                    LocalKeyFileCipher.fromKeyFile(Path.of(runtime.getProperty("key.file"))),
                    args[0],
                    args[1],
                    args[2]);
            printSite(site, runtime.getProperty("ingest.url"));
        } catch (IllegalArgumentException e) {
            System.err.println("refused: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Adds a webhook connector to a tenant of the running runtime and prints its signing secret once. Local receivers
     * (http, 127.0.0.1) need {@code FORMBRIDGE_ALLOW_PRIVATE_TARGETS=true} for the runtime and for this command.
     */
    static void createWebhook(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: create-webhook <tenant id> <url> [filter pattern]");
            System.exit(2);
        }
        Properties runtime = runningRuntime();
        boolean allowPrivate =
                Boolean.parseBoolean(System.getenv().getOrDefault("FORMBRIDGE_ALLOW_PRIVATE_TARGETS", "false"));
        try (DynamoDbClient dynamo = DynamoClients.local(runtime.getProperty("dynamodb.endpoint"))) {
            Storage storage = new Storage(dynamo, TableDefinition.named(runtime.getProperty("table")));
            ConnectorService connectors = new ConnectorService(
                    storage,
                    LocalKeyFileCipher.fromKeyFile(Path.of(runtime.getProperty("key.file"))),
                    allowPrivate ? OutboundPolicy.allowLocal() : OutboundPolicy.production(),
                    Clock.systemUTC());
            NewConnector created = connectors.create(
                    new TenantId(args[0]),
                    ConnectorService.Spec.webhook("webhook", args[1]).withFilter(args.length == 3 ? args[2] : null));
            System.out.println("connector: " + created.connector().id());
            System.out.println("signing secret: " + created.signingSecret().reveal() + "   (shown once: copy it now)");
        } catch (IllegalArgumentException | OutboundRefusedException e) {
            System.err.println("refused: " + e.getMessage());
            System.exit(1);
        }
    }

    private static Properties runningRuntime() throws IOException {
        LocalConfig config = LocalConfig.fromEnvironment();
        if (Files.notExists(config.runtimeFile())) {
            System.err.println("No local runtime is running under " + config.dataDir()
                    + ". Start it first with: scripts/run-local");
            System.exit(1);
        }
        Properties runtime = new Properties();
        try (Reader in = Files.newBufferedReader(config.runtimeFile())) {
            runtime.load(in);
        }
        return runtime;
    }

    static NewSecret create(
            Storage storage,
            dev.formbridge.secret.SecretCipher cipher,
            String tenantName,
            String siteName,
            String url) {
        Clock clock = Clock.systemUTC();
        Tenant tenant = new TenantService(storage, clock).create(tenantName);
        return new SiteService(storage, cipher, clock).register(tenant.id(), siteName, url);
    }

    /** Prints where things are; on the first start (no demo site yet) creates one and prints its secret once. */
    static void printWelcome(LocalRuntime runtime) throws IOException {
        System.out.println();
        System.out.println("Form-Bridge is running locally.");
        System.out.println("  ingest:   POST " + runtime.ingestUrl());
        System.out.println("  dynamodb: " + runtime.dynalite().endpoint() + " (dynalite, data in "
                + runtime.config().dynamoDir() + ")");
        System.out.println();
        Path demoFile = runtime.config().dataDir().resolve("demo-site-key");
        if (Files.exists(demoFile)) {
            System.out.println("Demo site key: " + Files.readString(demoFile).strip()
                    + " (its secret was shown at the first start; make a new site to get a new secret)");
        } else {
            NewSecret demo =
                    create(runtime.storage(), runtime.cipher(), "Demo tenant", "Demo site", "https://demo.example");
            Files.writeString(demoFile, demo.site().key().value());
            System.out.println("A demo tenant and site were created for you.");
            printSite(demo, runtime.ingestUrl());
        }
        System.out.println("More sites: scripts/create-site \"<tenant>\" \"<site>\" https://your.site");
        System.out.println("Deliver somewhere: scripts/create-webhook <tenant id> https://your.receiver/path");
        System.out.println("Stop with Ctrl+C.");
    }

    static void printSite(NewSecret site, String ingestUrl) {
        String key = site.site().key().value();
        String secret = site.secret().reveal();
        System.out.println("  tenant:   " + site.site().tenantId());
        System.out.println("  site key: " + key);
        System.out.println("  secret:   " + secret + "   (shown once: copy it now)");
        System.out.println();
        System.out.println("Send a first signed submission:");
        System.out.println("  scripts/send-test-submission " + key + " " + secret);
        System.out.println("or with curl + openssl:");
        System.out.println("  BODY='{\"formId\":\"contact\",\"fields\":{\"email\":\"ada@example.org\"}}'; "
                + "ID=msg_$(date +%s%N); TS=$(date +%s); \\");
        System.out.println("  SIG=$(printf '%s' \"$ID.$TS.$BODY\" | openssl dgst -sha256 -mac HMAC -macopt hexkey:"
                + "$(printf '%s' '" + secret.substring(6)
                + "' | base64 -d | od -An -v -tx1 | tr -d ' \\n') -binary | base64); \\");
        System.out.println("  curl -i " + ingestUrl + " -H 'Content-Type: application/json' -H 'X-FormBridge-Site: "
                + key + "' \\");
        System.out.println("    -H \"webhook-id: $ID\" -H \"webhook-timestamp: $TS\" -H \"webhook-signature: v1,$SIG\" "
                + "--data-binary \"$BODY\"");
        System.out.println();
    }
}
