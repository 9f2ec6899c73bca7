package dev.formbridge.ingest;

import dev.formbridge.event.EventPublisher;
import dev.formbridge.event.EventPublisher.EventPublishException;
import dev.formbridge.event.SubmissionAccepted;
import dev.formbridge.ingest.IngestResult.Accepted;
import dev.formbridge.ingest.IngestResult.Duplicate;
import dev.formbridge.ingest.IngestResult.Refused;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.secret.SecretCipher.SecretCipherException;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.secret.WebhookSignature;
import dev.formbridge.security.SecurityEventRepository;
import dev.formbridge.site.SiteDirectory;
import dev.formbridge.site.SiteId;
import dev.formbridge.site.SiteKey;
import dev.formbridge.site.SiteRepository;
import dev.formbridge.storage.DynamoClients;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.StorageUnavailableException;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.submission.SubmissionPayload;
import dev.formbridge.submission.SubmissionPayload.InvalidPayloadException;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.tenant.TenantRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The ingest path, independent of what carries the request: checks in the order that is cheapest and leaks least
 * (type and size, site, timestamp, signature, rate, schema), then stores the submission once and publishes
 * {@code SubmissionAccepted}. The answers are the protocol's contract table ({@link IngestResult}).
 *
 * <p>If the store succeeds and publishing fails, the submission is marked {@code PUBLISH_PENDING} and the sender gets
 * 503: its retry with the same webhook-id publishes the event and answers with the original id (ADR 0004).
 */
public final class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    static final int MAX_WEBHOOK_ID = 200;
    /**
     * {@code application/json}, alone or with {@code charset=utf-8} (any case, optionally quoted), matched on the
     * lower-cased value (compiled once: it is checked on every request). The body is read as UTF-8 whatever the header
     * says, so another charset, or another parameter, is refused rather than misread.
     */
    private static final Pattern JSON_CONTENT_TYPE =
            Pattern.compile("application/json\\s*(;\\s*charset\\s*=\\s*(utf-?8|\"utf-?8\")\\s*)?");
    /** What marking a submission after a failed publish may take: one store call, and a second in hand. */
    private static final Duration TIME_TO_MARK = DynamoClients.API_CALL_TIMEOUT.plusSeconds(1);
    /** What storing may take with the mark still possible after it: the insert, and the mark. */
    private static final Duration TIME_TO_STORE = DynamoClients.API_CALL_TIMEOUT.plus(TIME_TO_MARK);
    /** Less than this left for the bus after the insert: mark at once instead of a publish that cannot succeed. */
    private static final Duration MIN_TIME_TO_PUBLISH = Duration.ofSeconds(1);
    /**
     * The least time a call must leave ingest to store a submission and publish it: a function given less answers every
     * request 503 (the CDK app's ingest timeout is checked against it).
     */
    public static final Duration LEAST_TIME_TO_ACCEPT = TIME_TO_STORE.plus(MIN_TIME_TO_PUBLISH);
    /** How often a bad signature may make ingest re-read its site from storage (per site and container). */
    static final Duration SIGNATURE_RECHECK_INTERVAL = Duration.ofSeconds(1);

    private final SiteDirectory directory;
    private final SubmissionRepository submissions;
    private final EventPublisher events;
    private final SigningKeys keys;
    private final SecretUseRecorder secretUse;
    private final IngestCounters counters;
    private final RateLimiter siteRate;
    private final RateLimiter tenantRate;
    private final IngestSettings settings;
    private final Clock clock;

    public IngestService(
            Storage storage, SecretCipher cipher, EventPublisher events, Clock clock, IngestSettings settings) {
        this(
                new SiteDirectory(
                        new SiteRepository(storage), new TenantRepository(storage), clock, settings.siteCacheTtl()),
                storage,
                cipher,
                events,
                clock,
                settings);
    }

    public IngestService(
            SiteDirectory directory,
            Storage storage,
            SecretCipher cipher,
            EventPublisher events,
            Clock clock,
            IngestSettings settings) {
        this.directory = directory;
        this.submissions = new SubmissionRepository(storage);
        this.events = events;
        this.keys = new SigningKeys(cipher);
        this.secretUse = new SecretUseRecorder(new SiteRepository(storage), clock);
        this.counters = new IngestCounters(
                new MetricCounterRepository(storage),
                new SecurityEventRepository(storage),
                clock,
                settings.metricsFlushInterval());
        this.siteRate = new RateLimiter(settings.sitePerSecond(), settings.siteBurst(), clock);
        this.tenantRate = new RateLimiter(settings.tenantPerSecond(), settings.tenantBurst(), clock);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * SnapStart priming of the accepted path's reads and checks, with no trace: a site lookup that finds nothing
     * ({@link SiteDirectory#warmUp}), a sample payload's parse and a signature made and checked with a throwaway
     * secret. Nothing is stored, published, counted or cached.
     */
    public void warmUp() {
        directory.warmUp();
        byte[] sample = WARM_UP_BODY.getBytes(StandardCharsets.UTF_8);
        SubmissionPayload.parse(sample);
        SigningSecret secret = SigningSecret.generate();
        long timestamp = clock.instant().getEpochSecond();
        String signature = WebhookSignature.sign(secret, "msg_warm_up", timestamp, sample);
        if (!WebhookSignature.verify(secret, signature, "msg_warm_up", timestamp, sample)) {
            throw new IllegalStateException("a signature made here did not verify");
        }
    }

    private static final String WARM_UP_BODY =
            "{\"formId\":\"warm-up\",\"fields\":{\"email\":\"a@example.org\",\"n\":1,\"ok\":true},"
                    + "\"submittedAt\":\"2026-01-01T00:00:00Z\",\"source\":{\"siteUrl\":\"https://example.org\"}}";

    /** Handles one request; never throws for bad input or unavailable dependencies. */
    public IngestResult ingest(IngestRequest request) {
        return ingest(request, null);
    }

    /**
     * The same within {@code timeLeft}, the time the function has before it is stopped (null: unbounded). A function
     * stopped between storing a submission and publishing or marking it would leave it stored as accepted with no
     * event and nothing to find it by, so ingest stores only with time in hand for the insert and the mark, and
     * publishes only with time in hand for the publish and the mark; otherwise it answers 503 and the sender retries.
     */
    public IngestResult ingest(IngestRequest request, Duration timeLeft) {
        Instant deadline = timeLeft == null ? null : clock.instant().plus(timeLeft);
        Optional<SiteKey> siteKey = siteKeyOf(request);
        siteKey.ifPresent(key -> {
            MDC.put("tenantId", key.tenantId().value());
            MDC.put("siteId", key.siteId().value());
        });
        try {
            IngestResult result = siteKey.map(key -> ingest(key, request, deadline))
                    .orElseGet(() -> refuse(null, Refused.of(Rejection.UNKNOWN_SITE)));
            counters.flushIfDue();
            return result;
        } finally {
            MDC.remove("tenantId");
            MDC.remove("siteId");
            MDC.remove("submissionId");
        }
    }

    /** Writes pending counters now (the local runtime calls this on a timer and at shutdown). */
    public void flushCounters() {
        counters.flush();
    }

    private IngestResult ingest(SiteKey key, IngestRequest request, Instant deadline) {
        Refused early = checkTypeAndSize(request);
        if (early != null) {
            // counted under the site only when the authorizer vouched for the key: a made-up key read from the header
            // must not create metric buckets under a tenant that may not exist
            return refuse(resolvedByAuthorizer(request) ? key : null, early);
        }
        try {
            Optional<SiteDirectory.Entry> entry = directory.find(key);
            if (entry.isEmpty()) {
                return refuse(null, Refused.of(Rejection.UNKNOWN_SITE));
            }
            if (!entry.get().tenant().isActive()) {
                return refuse(key, Refused.of(Rejection.TENANT_DISABLED));
            }
            if (!entry.get().site().isActive()) {
                return refuse(key, Refused.of(Rejection.SITE_DISABLED));
            }
            Refused unauthenticated = authenticate(entry.get(), request);
            if (unauthenticated != null && unauthenticated.rejection() == Rejection.BAD_SIGNATURE) {
                // the cached site may predate a rotation: check once more against storage before refusing
                entry = directory.refresh(key, SIGNATURE_RECHECK_INTERVAL);
                unauthenticated = entry.filter(SiteDirectory.Entry::isActive).isEmpty()
                        ? unauthenticated
                        : authenticate(entry.get(), request);
            }
            if (unauthenticated != null) {
                return refuse(key, unauthenticated);
            }
            Refused limited = rateLimit(key);
            if (limited != null) {
                return refuse(key, limited);
            }
            SubmissionPayload payload;
            try {
                payload = SubmissionPayload.parse(request.body());
            } catch (InvalidPayloadException e) {
                Rejection rejection = e.malformedJson() ? Rejection.INVALID_JSON : Rejection.INVALID_SUBMISSION;
                return refuse(key, new Refused(rejection, e.getMessage(), 0));
            }
            return store(entry.get(), request, payload, deadline);
        } catch (StorageUnavailableException | SecretCipherException e) {
            log.warn(
                    "ingest unavailable: {} ({})",
                    e.getMessage(),
                    e.getCause() == null ? "" : e.getCause().getClass().getSimpleName());
            return refuse(key, unavailable());
        }
    }

    private static boolean resolvedByAuthorizer(IngestRequest request) {
        return request.tenantId() != null && request.siteId() != null;
    }

    private static Optional<SiteKey> siteKeyOf(IngestRequest request) {
        if (resolvedByAuthorizer(request)) {
            // resolved by the authorizer: trust its context, never a second header
            try {
                return Optional.of(SiteKey.of(new TenantId(request.tenantId()), new SiteId(request.siteId())));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return SiteKey.parse(request.header(IngestRequest.SITE_HEADER));
    }

    private Refused checkTypeAndSize(IngestRequest request) {
        String contentType = request.header(IngestRequest.CONTENT_TYPE_HEADER);
        if (contentType == null
                || !JSON_CONTENT_TYPE
                        .matcher(contentType.strip().toLowerCase(java.util.Locale.ROOT))
                        .matches()) {
            return Refused.of(Rejection.UNSUPPORTED_MEDIA_TYPE);
        }
        if (request.body().length > settings.maxBodyBytes()) {
            return Refused.of(Rejection.PAYLOAD_TOO_LARGE);
        }
        return null;
    }

    private Refused authenticate(SiteDirectory.Entry entry, IngestRequest request) {
        String id = request.header(IngestRequest.ID_HEADER);
        String timestamp = request.header(IngestRequest.TIMESTAMP_HEADER);
        String signature = request.header(IngestRequest.SIGNATURE_HEADER);
        if (id == null || timestamp == null || signature == null || !isValidWebhookId(id)) {
            return Refused.of(Rejection.MISSING_SIGNATURE);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Refused.of(Rejection.INVALID_TIMESTAMP);
        }
        Instant now = clock.instant();
        long skew = seconds - now.getEpochSecond();
        if (skew < -settings.timestampTolerance().toSeconds()) {
            return Refused.of(Rejection.STALE_TIMESTAMP);
        }
        if (skew > settings.timestampTolerance().toSeconds()) {
            return Refused.of(Rejection.FUTURE_TIMESTAMP);
        }
        List<SigningKeys.VersionKey> valid = keys.validAt(entry.site(), now);
        Optional<Integer> match = WebhookSignature.verifyAny(
                valid.stream().map(SigningKeys.VersionKey::secret).toList(), signature, id, seconds, request.body());
        if (match.isEmpty()) {
            return Refused.of(Rejection.BAD_SIGNATURE);
        }
        SigningKeys.VersionKey used = valid.get(match.get());
        secretUse.used(entry.site().key(), used.version(), used.primary());
        return null;
    }

    /** 1 to {@value #MAX_WEBHOOK_ID} printable ASCII characters, no spaces (the signature troubleshooter asks too). */
    static boolean isValidWebhookId(String id) {
        if (id.isEmpty() || id.length() > MAX_WEBHOOK_ID) {
            return false;
        }
        return id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private Refused rateLimit(SiteKey key) {
        long siteWait = siteRate.acquire(key.value());
        if (siteWait > 0) {
            return new Refused(Rejection.RATE_LIMITED, null, siteWait);
        }
        long tenantWait = tenantRate.acquire(key.tenantId().value());
        if (tenantWait > 0) {
            siteRate.release(key.value());
            return new Refused(Rejection.RATE_LIMITED, null, tenantWait);
        }
        return null;
    }

    private IngestResult store(
            SiteDirectory.Entry entry, IngestRequest request, SubmissionPayload payload, Instant deadline) {
        Instant now = clock.instant();
        if (tooLate(deadline, TIME_TO_STORE)) {
            log.warn("too little time left to store and mark a submission: answered 503");
            return refuse(entry.site().key(), unavailable());
        }
        String webhookId = request.header(IngestRequest.ID_HEADER);
        Submission submission = new Submission(
                entry.site().tenantId(),
                entry.site().id(),
                SubmissionId.receivedAt(now),
                webhookId,
                payload.formId(),
                payload.text(),
                request.body().length,
                now,
                SubmissionStatus.ACCEPTED,
                now.plus(entry.tenant().retention()));
        if (!insert(submission)) {
            Submission original = submissions
                    .findByWebhookId(entry.site().tenantId(), entry.site().id(), webhookId)
                    .orElseThrow(() -> new StorageUnavailableException("a duplicate vanished (expired?)", null));
            if (!original.id().equals(submission.id())) {
                return duplicate(entry, original, deadline);
            }
            // our own put, written although its answer was lost, then refused when the SDK retried it: ours to publish
        }
        MDC.put("submissionId", submission.id().value());
        Duration forPublish = timeForPublish(deadline);
        if (forPublish != null && forPublish.compareTo(MIN_TIME_TO_PUBLISH) < 0) {
            submissions.markPublishPending(submission, clock.instant());
            log.warn("too little time left to publish: marked {}", SubmissionStatus.PUBLISH_PENDING);
            return refuse(entry.site().key(), unavailable());
        }
        if (!publish(submission, forPublish)) {
            submissions.markPublishPending(submission, clock.instant());
            log.warn("submission stored, event not published: marked {}", SubmissionStatus.PUBLISH_PENDING);
            return refuse(entry.site().key(), unavailable());
        }
        counters.accepted(submission.tenantId(), submission.siteId());
        log.info("submission accepted ({} bytes)", submission.sizeBytes());
        return new Accepted(submission.id());
    }

    /**
     * Stores the submission unless its webhook-id is taken. When the store fails, its put may still have been written
     * (the answer was lost): then the item is marked, so the sender's retry or the sweep publishes it, instead of the
     * retry finding it accepted and answering 200 for an event that never went out.
     */
    private boolean insert(Submission submission) {
        try {
            return submissions.insertIfAbsent(submission);
        } catch (StorageUnavailableException e) {
            try {
                submissions.markPublishPending(submission, clock.instant());
                log.warn(
                        "the store failed but the submission was written: marked {}", SubmissionStatus.PUBLISH_PENDING);
            } catch (ConditionalCheckFailedException notWritten) {
                // nothing of ours is stored: the sender's retry stores it
            } catch (StorageUnavailableException stillDown) {
                log.warn("the store failed and is still down; if the submission was written, it has no event");
            }
            throw e;
        }
    }

    private IngestResult duplicate(SiteDirectory.Entry entry, Submission original, Instant deadline) {
        MDC.put("submissionId", original.id().value());
        if (original.status() == SubmissionStatus.PUBLISH_PENDING) {
            Duration forPublish = timeForPublish(deadline);
            if (forPublish != null && forPublish.compareTo(MIN_TIME_TO_PUBLISH) < 0) {
                return refuse(entry.site().key(), unavailable()); // still marked: the next retry or the sweep
            }
            if (!publish(original, forPublish)) {
                return refuse(entry.site().key(), unavailable());
            }
            submissions.markPublished(original);
            counters.accepted(original.tenantId(), original.siteId());
            log.info("pending submission published on retry");
        } else {
            log.info("duplicate webhook-id: answered with the original submission");
        }
        return new Duplicate(original.id());
    }

    /** What the bus may take before the deadline with a store call still possible after it; null: no bound. */
    private Duration timeForPublish(Instant deadline) {
        return deadline == null
                ? null
                : Duration.between(clock.instant(), deadline).minus(TIME_TO_MARK);
    }

    private boolean tooLate(Instant deadline, Duration needed) {
        return deadline != null && clock.instant().plus(needed).isAfter(deadline);
    }

    /** {@code within}: how long the bus may take (null: no bound); what is left after it is the mark's. */
    private boolean publish(Submission submission, Duration within) {
        try {
            if (within == null) {
                events.publish(SubmissionAccepted.of(submission).toEnvelope());
            } else {
                events.publish(SubmissionAccepted.of(submission).toEnvelope(), within);
            }
            return true;
        } catch (EventPublishException e) {
            log.warn("event bus unavailable: {}", e.getMessage());
            return false;
        }
    }

    private Refused unavailable() {
        return new Refused(
                Rejection.UNAVAILABLE, null, settings.unavailableRetryAfter().toSeconds());
    }

    private Refused refuse(SiteKey key, Refused refused) {
        if (key != null) {
            counters.rejected(key.tenantId(), key.siteId(), refused.rejection());
        }
        log.info(
                "ingest refused: {} ({})",
                refused.rejection().code(),
                refused.rejection().reason());
        return refused;
    }
}
