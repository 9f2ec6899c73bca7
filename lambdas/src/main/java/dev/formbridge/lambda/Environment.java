package dev.formbridge.lambda;

import dev.formbridge.event.EventBridgePublisher;
import dev.formbridge.event.EventContract;
import dev.formbridge.event.EventPublisher;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.secret.KmsSecretCipher;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.site.SiteDirectory;
import dev.formbridge.site.SiteRepository;
import dev.formbridge.storage.DynamoClients;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.TenantRepository;
import java.nio.file.Path;
import java.time.Clock;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;

/**
 * What a handler's no-arg constructor builds from the environment the CDK app sets, once per container (during the
 * SnapStart snapshot in AWS). Nothing here is created per request.
 */
final class Environment {
    static final String METRICS_NAMESPACE = "FormBridge";
    static final String LOCAL_KEY_FILE_ENV = "FORMBRIDGE_LOCAL_KEY_FILE";

    /**
     * The one HTTP client of this function's SDK clients: JDK-based, so a cold start loads far fewer classes than
     * with Apache's (docs/benchmarks.md §2); one instance, so its connections and setup are shared.
     */
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
            .connectionTimeout(DynamoClients.CONNECT_TIMEOUT)
            .socketTimeout(DynamoClients.SOCKET_TIMEOUT)
            .build();

    private Environment() {}

    static SdkHttpClient http() {
        return HTTP;
    }

    static Storage storage() {
        return new Storage(DynamoClients.fromEnvironment(HTTP), TableDefinition.fromEnvironment());
    }

    static SiteDirectory siteDirectory(Storage storage, IngestSettings settings) {
        return new SiteDirectory(
                new SiteRepository(storage), new TenantRepository(storage), Clock.systemUTC(), settings.siteCacheTtl());
    }

    /** KMS when {@value KmsSecretCipher#KEY_ID_ENV} is set; else a local key file (local runs only). */
    static SecretCipher secretCipher() {
        String keyId = System.getenv(KmsSecretCipher.KEY_ID_ENV);
        if (keyId != null && !keyId.isBlank()) {
            KmsClient kms = KmsClient.builder().httpClient(HTTP).build();
            return new KmsSecretCipher(kms, keyId);
        }
        String keyFile = System.getenv(LOCAL_KEY_FILE_ENV);
        if (keyFile == null || keyFile.isBlank()) {
            throw new IllegalStateException("set " + KmsSecretCipher.KEY_ID_ENV + " (AWS) or " + LOCAL_KEY_FILE_ENV
                    + " (local) to decrypt secrets");
        }
        return LocalKeyFileCipher.fromKeyFile(Path.of(keyFile));
    }

    static EventPublisher eventPublisher() {
        EventBridgeClient eventBridge =
                EventBridgeClient.builder().httpClient(HTTP).build();
        return new EventBridgePublisher(eventBridge, EventContract.busFromEnvironment());
    }

    /** EMF metrics; never with the tenant as a dimension (each dimension value is a billed metric). */
    static Metrics metrics() {
        return MetricsBuilder.builder()
                .withNamespace(METRICS_NAMESPACE)
                .withRaiseOnEmptyMetrics(false)
                .build();
    }
}
