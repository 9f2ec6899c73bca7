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
     * Routes every submission marked more than {@link #GRACE} ago (up to {@value #BATCH}); returns how many. Throws
     * when storage or the queue fails; what was not marked published is found again by the next sweep.
     */
    public int sweep() {
        List<Submission> pending = submissions.publishPending(clock.instant().minus(GRACE), BATCH);
        if (pending.isEmpty()) {
            return 0;
        }
        MetricCounters accepted = new MetricCounters(counters, clock, Duration.ZERO);
        for (Submission submission : pending) {
            router.route(SubmissionAccepted.of(submission));
            submissions.markPublished(submission);
            accepted.increment(
                    submission.tenantId(),
                    MetricCounters.site(submission.siteId().value()),
                    MetricNames.ACCEPTED);
            log.warn(
                    "submission {} of tenant {} routed by the sweep: its event had not been published",
                    submission.id(),
                    submission.tenantId());
        }
        accepted.flush();
        return pending.size();
    }
}
