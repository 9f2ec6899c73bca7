package dev.formbridge.portal.delivery;

import dev.formbridge.delivery.DeliveryQueue;
import dev.formbridge.delivery.PublishPendingSweep;
import dev.formbridge.delivery.Router;
import dev.formbridge.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the {@link PublishPendingSweep} every minute: submissions stored but never published (ADR 0004) are routed
 * here because the portal is the platform's one long-running process, and the one allowed to read the platform-wide
 * index entries (ADR 0012). Several portal tasks may sweep at once: routing is idempotent per submission and connector.
 */
@Configuration
@EnableScheduling
class PublishPendingSweeper {
    private static final Logger log = LoggerFactory.getLogger(PublishPendingSweeper.class);

    private final PublishPendingSweep sweep;

    PublishPendingSweeper(Storage storage, DeliveryQueue queue, Clock clock) {
        this.sweep = new PublishPendingSweep(storage, new Router(storage, queue, clock, Duration.ZERO), clock);
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
    void sweep() {
        try {
            sweep.sweep();
        } catch (RuntimeException e) {
            // storage or the queue failed: what was not routed is found again by the next sweep
            log.warn("publish-pending sweep failed, next in a minute: {}", e.toString());
        }
    }
}
