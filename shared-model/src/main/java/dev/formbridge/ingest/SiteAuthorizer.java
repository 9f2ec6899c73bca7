package dev.formbridge.ingest;

import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.security.SecurityEventRepository;
import dev.formbridge.site.SiteDirectory;
import dev.formbridge.site.SiteKey;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.StorageUnavailableException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorizer's decision, made before the body is read (an HTTP API authorizer never sees the body): the site key
 * names an existing, active site of an active tenant. Answers are cached per site ({@link SiteDirectory}) here and
 * by API Gateway. The signature is checked by ingest.
 */
public final class SiteAuthorizer {
    private static final Logger log = LoggerFactory.getLogger(SiteAuthorizer.class);

    private final SiteDirectory directory;
    private final IngestCounters counters;

    public SiteAuthorizer(SiteDirectory directory, Storage storage, Clock clock, IngestSettings settings) {
        this.directory = directory;
        this.counters = new IngestCounters(
                new MetricCounterRepository(storage),
                new SecurityEventRepository(storage),
                clock,
                settings.metricsFlushInterval());
    }

    /**
     * Allowed with the tenant and site, denied with the reason (for logs and metrics only), or {@code unavailable}
     * when storage cannot answer (the caller must not cache that).
     */
    public record Decision(boolean allowed, String tenantId, String siteId, Rejection reason) {
        static Decision allow(SiteKey key) {
            return new Decision(true, key.tenantId().value(), key.siteId().value(), null);
        }

        static Decision deny(Rejection reason) {
            return new Decision(false, null, null, reason);
        }

        public boolean unavailable() {
            return reason == Rejection.UNAVAILABLE;
        }
    }

    /** SnapStart priming: the decision's read path once, leaving no trace ({@link SiteDirectory#warmUp}). */
    public void warmUp() {
        directory.warmUp();
    }

    public Decision decide(String siteKeyHeader) {
        Optional<SiteKey> key = SiteKey.parse(siteKeyHeader);
        if (key.isEmpty()) {
            return deny(null, Rejection.UNKNOWN_SITE);
        }
        try {
            Optional<SiteDirectory.Entry> entry = directory.find(key.get());
            if (entry.isEmpty()) {
                return deny(null, Rejection.UNKNOWN_SITE);
            }
            if (!entry.get().tenant().isActive()) {
                return deny(key.get(), Rejection.TENANT_DISABLED);
            }
            if (!entry.get().site().isActive()) {
                return deny(key.get(), Rejection.SITE_DISABLED);
            }
            return Decision.allow(key.get());
        } catch (StorageUnavailableException e) {
            log.warn("authorizer: storage unavailable");
            return Decision.deny(Rejection.UNAVAILABLE);
        } finally {
            counters.flushIfDue();
        }
    }

    private Decision deny(SiteKey key, Rejection reason) {
        if (key != null) {
            counters.rejected(key.tenantId(), key.siteId(), reason);
        }
        log.info("authorizer denied: {}", reason.reason());
        return Decision.deny(reason);
    }
}
