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
 * Records when each secret version last verified a request, sampled per site, version and container so the portal can
 * say "the previous secret is no longer used" without a write per request: the previous secret (during a rotation's
 * grace period, when an admin decides whether to retire it) at most once a minute; the primary, which carries the
 * site's traffic, at most once an hour (ADR 0020). A version's first use in a container is always written, so a site
 * switching to a new secret shows at once.
 */
final class SecretUseRecorder {
    private static final Logger log = LoggerFactory.getLogger(SecretUseRecorder.class);

    /** How often the primary's use is written: the portal shows it to the hour. */
    static final Duration PRIMARY_EVERY = Duration.ofHours(1);
    /** How often the previous secret's use is written: to the minute, while it is being retired. */
    static final Duration PREVIOUS_EVERY = Duration.ofMinutes(1);

    private final SiteRepository sites;
    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> lastWritten = new ConcurrentHashMap<>();

    SecretUseRecorder(SiteRepository sites, Clock clock) {
        this.sites = sites;
        this.clock = clock;
    }

    void used(SiteKey site, int version, boolean primary) {
        Duration every = primary ? PRIMARY_EVERY : PREVIOUS_EVERY;
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
