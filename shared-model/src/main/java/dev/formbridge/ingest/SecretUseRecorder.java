package dev.formbridge.ingest;

import dev.formbridge.site.SiteKey;
import dev.formbridge.site.SiteRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records when each secret version last verified a request, sampled: at most one write per site, version and
 * {@code every} (a minute by default) per container, so the portal can say "the previous secret is no longer used"
 * without a write per request.
 */
final class SecretUseRecorder {
    private static final Logger log = LoggerFactory.getLogger(SecretUseRecorder.class);

    private final SiteRepository sites;
    private final Clock clock;
    private final Duration every;
    private final ConcurrentHashMap<String, Instant> lastWritten = new ConcurrentHashMap<>();

    SecretUseRecorder(SiteRepository sites, Clock clock, Duration every) {
        this.sites = sites;
        this.clock = clock;
        this.every = every;
    }

    void used(SiteKey site, int version) {
        Instant now = clock.instant();
        String key = site.value() + "#" + version;
        Instant previous = lastWritten.get(key);
        if (previous != null && now.isBefore(previous.plus(every))) {
            return;
        }
        boolean mine =
                previous == null ? lastWritten.putIfAbsent(key, now) == null : lastWritten.replace(key, previous, now);
        if (!mine) {
            return;
        }
        try {
            sites.recordSecretUse(site.tenantId(), site.siteId(), version, now);
        } catch (RuntimeException e) {
            lastWritten.remove(key, now); // try again with the next request
            log.warn("could not record secret use ({})", e.getClass().getSimpleName());
        }
    }
}
