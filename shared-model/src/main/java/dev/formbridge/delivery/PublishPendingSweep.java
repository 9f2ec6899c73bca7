package dev.formbridge.delivery;

import dev.formbridge.event.SubmissionAccepted;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.metrics.MetricNames;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the submissions that were stored but whose {@code SubmissionAccepted} event never went out (ADR 0004): ingest
 * marks them {@code PUBLISH_PENDING} and answers 503, and the sender's retry publishes them; this catches the ones no
 * retry reached (a sender that gave up, or a retry answered as a duplicate while the first request was still failing
 * to publish). It does what the bus would have done, routing each through the {@link Router}, which is idempotent per
 * submission and connector, then marks it published and counts it accepted. The portal runs it every minute.
 */
public final class PublishPendingSweep {
    private static final Logger log = LoggerFactory.getLogger(PublishPendingSweep.class);
    /** How long a sender's own retry has to publish a marked submission before the sweep does. */
    public static final Duration GRACE = Duration.ofMinutes(2);
    /** The most submissions one sweep routes; the rest wait for the next. */
    static final int BATCH = 100;

    private final SubmissionRepository submissions;
    private final Router router;
    private final MetricCounterRepository counters;
    private final Clock clock;

    public PublishPendingSweep(Storage storage, Router router, Clock clock) {
        this.submissions = new SubmissionRepository(storage);
        this.router = router;
        this.counters = new MetricCounterRepository(storage);
        this.clock = clock;
    }

    /**
     * Routes every submission marked more than {@link #GRACE} ago (up to {@value #BATCH}); returns how many. One that
     * cannot be routed now is logged and left marked for the next sweep; the others go on. Throws when the index
     * cannot be read.
     */
    public int sweep() {
        List<Submission> pending = submissions.publishPending(clock.instant().minus(GRACE), BATCH);
        MetricCounters accepted = new MetricCounters(counters, clock, Duration.ZERO);
        int routed = 0;
        try {
            for (Submission submission : pending) {
                try {
                    router.route(SubmissionAccepted.of(submission));
                    submissions.markPublished(submission);
                } catch (RuntimeException e) {
                    log.warn(
                            "submission {} of tenant {} could not be routed by the sweep, next in a minute: {}",
                            submission.id(),
                            submission.tenantId(),
                            e.toString());
                    continue;
                }
                routed++;
                accepted.increment(
                        submission.tenantId(),
                        MetricCounters.site(submission.siteId().value()),
                        MetricNames.ACCEPTED);
                log.warn(
                        "submission {} of tenant {} routed by the sweep: its event had not been published",
                        submission.id(),
                        submission.tenantId());
            }
        } finally {
            accepted.flush();
        }
        return routed;
    }
}
