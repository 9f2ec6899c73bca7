package dev.formbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.audit.AuditQuery;
import dev.formbridge.audit.AuditRepository;
import dev.formbridge.event.SubmissionAccepted;
import dev.formbridge.ingest.IngestResult.Accepted;
import dev.formbridge.ingest.IngestResult.Duplicate;
import dev.formbridge.ingest.IngestResult.Refused;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounterRepository.Granularity;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.security.SecurityEventRepository;
import dev.formbridge.site.SiteKey;
import dev.formbridge.site.SiteService;
import dev.formbridge.site.SiteService.NewSecret;
import dev.formbridge.site.SiteStatus;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.tenant.TenantService;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import dev.formbridge.testutils.RecordingPublisher;
import dev.formbridge.testutils.SignedRequests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest path against a real local DynamoDB server (dynalite). */
class IngestServiceTest {
    @TempDir
    Path keys;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final RecordingPublisher bus = new RecordingPublisher();
    Storage storage;
    SecretCipher cipher;
    SiteService sites;
    Tenant tenant;
    NewSecret site;
    IngestService ingest;

    @BeforeEach
    void setUp() {
        storage = LocalDynamo.newStorage();
        cipher = LocalKeyFileCipher.fromKeyFile(keys.resolve("master.key"));
        sites = new SiteService(storage, cipher, clock);
        tenant = new TenantService(storage, clock).create("Acme");
        site = sites.register(tenant.id(), "Shop", "https://shop.example");
        ingest = newIngest(IngestSettings.fromEnvironment(Map.of("FORMBRIDGE_SITE_CACHE_MILLIS", "0")));
    }

    IngestService newIngest(IngestSettings settings) {
        return new IngestService(storage, cipher, bus, clock, settings);
    }

    IngestResult send(NewSecret to, String id) {
        return ingest.ingest(SignedRequests.request(
                to.site().key(), to.secret(), id, clock.instant(), SignedRequests.body("contact", "a@b.example")));
    }

    @Test
    void a_signed_submission_is_stored_once_and_published_as_a_claim_check() {
        IngestResult result = send(site, "msg_1");

        assertThat(result).isInstanceOf(Accepted.class);
        Submission stored = new SubmissionRepository(storage)
                .findByWebhookId(tenant.id(), site.site().id(), "msg_1")
                .orElseThrow();
        assertThat(stored.id()).isEqualTo(((Accepted) result).submissionId());
        assertThat(stored.payload()).contains("\"extra\":{\"kept\":1}");
        assertThat(stored.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
        assertThat(bus.published()).singleElement().satisfies(event -> {
            assertThat(event.detail()).doesNotContain("a@b.example");
            assertThat(SubmissionAccepted.fromDetail(event.detail()).submissionId())
                    .isEqualTo(stored.id().value());
        });
    }

    @Test
    void twenty_concurrent_requests_with_one_webhook_id_store_one_submission_and_publish_one_event() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<IngestResult>> senders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            senders.add(() -> {
                start.await();
                return send(site, "msg_same");
            });
        }
        List<IngestResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            List<Future<IngestResult>> futures =
                    senders.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<IngestResult> f : futures) {
                results.add(f.get());
            }
        }

        assertThat(results).filteredOn(r -> r instanceof Accepted).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof Duplicate).hasSize(19);
        var original = ((Accepted) results.stream()
                        .filter(r -> r instanceof Accepted)
                        .findFirst()
                        .orElseThrow())
                .submissionId();
        assertThat(results)
                .filteredOn(r -> r instanceof Duplicate)
                .allSatisfy(r -> assertThat(((Duplicate) r).submissionId()).isEqualTo(original));
        assertThat(bus.published()).hasSize(1);
        long stored = LocalDynamo.client()
                .scan(b -> b.tableName(storage.tableName())
                        .filterExpression("sk = :s")
                        .expressionAttributeValues(Map.of(
                                ":s",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SUBMISSION"))))
                .count();
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void after_a_rotation_the_previous_secret_verifies_until_its_deadline_and_is_rejected_after_it() {
        NewSecret rotated = sites.rotateSecret(tenant.id(), site.site().id(), Duration.ofHours(24));
        NewSecret old = new NewSecret(rotated.site(), site.secret());

        assertThat(send(old, "msg_old_1")).isInstanceOf(Accepted.class);
        assertThat(send(rotated, "msg_new_1")).isInstanceOf(Accepted.class);

        clock.advance(Duration.ofHours(24));
        assertThat(send(old, "msg_old_2")).isEqualTo(Refused.of(Rejection.BAD_SIGNATURE));
        assertThat(send(rotated, "msg_new_2")).isInstanceOf(Accepted.class);
    }

    @Test
    void a_new_secret_works_at_once_even_while_the_site_is_cached_from_before_the_rotation() {
        ingest = newIngest(IngestSettings.fromEnvironment(Map.of("FORMBRIDGE_SITE_CACHE_MILLIS", "60000")));
        assertThat(send(site, "msg_cached")).isInstanceOf(Accepted.class); // the site is now cached
        clock.advance(Duration.ofSeconds(2));

        NewSecret rotated = sites.rotateSecret(tenant.id(), site.site().id(), Duration.ofHours(24));

        assertThat(send(rotated, "msg_new")).isInstanceOf(Accepted.class);
    }

    @Test
    void bad_signatures_re_read_the_site_at_most_once_a_second() {
        ingest = newIngest(IngestSettings.fromEnvironment(Map.of("FORMBRIDGE_SITE_CACHE_MILLIS", "60000")));
        assertThat(send(site, "msg_cached")).isInstanceOf(Accepted.class);
        NewSecret rotated = sites.rotateSecret(tenant.id(), site.site().id(), Duration.ofHours(24));

        // within the second after the site was read, a new secret is not seen yet: no extra read per bad request
        assertThat(send(rotated, "msg_too_soon")).isEqualTo(Refused.of(Rejection.BAD_SIGNATURE));
        clock.advance(Duration.ofMillis(1001));
        assertThat(send(rotated, "msg_later")).isInstanceOf(Accepted.class);
    }

    @Test
    void retiring_the_previous_secret_rejects_it_at_once() {
        sites.rotateSecret(tenant.id(), site.site().id(), Duration.ofHours(24));
        sites.retirePreviousSecret(tenant.id(), site.site().id());

        assertThat(send(site, "msg_1")).isEqualTo(Refused.of(Rejection.BAD_SIGNATURE));
    }

    @Test
    void the_previous_secrets_last_use_is_recorded_at_most_once_a_minute_and_the_primarys_once_an_hour() {
        NewSecret rotated = sites.rotateSecret(tenant.id(), site.site().id(), Duration.ofHours(24));
        NewSecret old = new NewSecret(rotated.site(), site.secret());
        Instant first = clock.instant();

        send(old, "msg_1");
        clock.advance(Duration.ofSeconds(30));
        send(old, "msg_2"); // inside the minute: not written
        send(rotated, "msg_3"); // the primary's first use here: written at once

        assertThat(sites.secretLastUsed(tenant.id(), site.site().id()))
                .containsEntry(1, first)
                .containsEntry(2, first.plusSeconds(30));

        clock.advance(Duration.ofSeconds(31));
        send(old, "msg_4");
        send(rotated, "msg_5"); // inside the hour: not written
        assertThat(sites.secretLastUsed(tenant.id(), site.site().id()))
                .containsEntry(1, first.plusSeconds(61))
                .containsEntry(2, first.plusSeconds(30));

        clock.advance(Duration.ofMinutes(59));
        send(rotated, "msg_6"); // 59½ minutes after its last record: not yet
        assertThat(sites.secretLastUsed(tenant.id(), site.site().id())).containsEntry(2, first.plusSeconds(30));
        clock.advance(Duration.ofMinutes(1));
        send(rotated, "msg_7"); // over an hour after it
        assertThat(sites.secretLastUsed(tenant.id(), site.site().id()))
                .containsEntry(2, first.plusSeconds(61).plus(Duration.ofMinutes(60)));
    }

    @Test
    void a_publish_failure_after_the_store_answers_503_and_the_retry_publishes_with_the_original_id() {
        bus.failing(true);
        IngestResult first = send(site, "msg_1");
        assertThat(first).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rejection()).isEqualTo(Rejection.UNAVAILABLE);
            assertThat(r.retryAfterSeconds()).isPositive();
        });
        SubmissionRepository repo = new SubmissionRepository(storage);
        Submission pending =
                repo.findByWebhookId(tenant.id(), site.site().id(), "msg_1").orElseThrow();
        assertThat(pending.status()).isEqualTo(SubmissionStatus.PUBLISH_PENDING);

        bus.failing(false);
        IngestResult retry = send(site, "msg_1");

        assertThat(retry).isEqualTo(new Duplicate(pending.id()));
        assertThat(bus.published())
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).contains(pending.id().value()));
        assertThat(repo.findByWebhookId(tenant.id(), site.site().id(), "msg_1")
                        .orElseThrow()
                        .status())
                .isEqualTo(SubmissionStatus.ACCEPTED);
        assertThat(send(site, "msg_1")).isEqualTo(new Duplicate(pending.id()));
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void a_disabled_site_or_tenant_is_refused() {
        sites.setStatus(tenant.id(), site.site().id(), SiteStatus.DISABLED);
        assertThat(send(site, "msg_1")).isEqualTo(Refused.of(Rejection.SITE_DISABLED));

        sites.setStatus(tenant.id(), site.site().id(), SiteStatus.ACTIVE);
        new TenantService(storage, clock).setStatus(tenant.id(), dev.formbridge.tenant.TenantStatus.DISABLED);
        assertThat(send(site, "msg_2")).isEqualTo(Refused.of(Rejection.TENANT_DISABLED));
    }

    @Test
    void a_site_key_of_tenant_a_never_creates_data_under_tenant_b() {
        Tenant other = new TenantService(storage, clock).create("Other");
        NewSecret otherSite = sites.register(other.id(), "Other shop", "https://other.example");
        // tenant A's key claiming tenant B's site id, signed with A's secret
        var forged =
                dev.formbridge.site.SiteKey.of(tenant.id(), otherSite.site().id());
        IngestResult result = ingest.ingest(SignedRequests.request(
                forged, site.secret(), "msg_x", clock.instant(), SignedRequests.body("f", "x@y.example")));
        // and B's site under A's tenant id, signed with B's secret
        var crossed =
                dev.formbridge.site.SiteKey.of(tenant.id(), otherSite.site().id());
        IngestResult crossedResult = ingest.ingest(SignedRequests.request(
                crossed, otherSite.secret(), "msg_y", clock.instant(), SignedRequests.body("f", "x@y.example")));

        assertThat(result).isEqualTo(Refused.of(Rejection.UNKNOWN_SITE));
        assertThat(crossedResult).isEqualTo(Refused.of(Rejection.UNKNOWN_SITE));
        assertThat(send(otherSite, "msg_ok")).isInstanceOf(Accepted.class);
        SubmissionRepository repo = new SubmissionRepository(storage);
        assertThat(repo.findByWebhookId(tenant.id(), otherSite.site().id(), "msg_x"))
                .isEmpty();
        assertThat(repo.findByWebhookId(other.id(), otherSite.site().id(), "msg_x"))
                .isEmpty();
        assertThat(repo.findByWebhookId(other.id(), otherSite.site().id(), "msg_ok"))
                .isPresent();
        assertThat(repo.findByWebhookId(tenant.id(), otherSite.site().id(), "msg_ok"))
                .isEmpty();
    }

    @Test
    void a_burst_above_the_site_limit_gets_429_with_retry_after_and_traffic_under_it_never_does() {
        ingest = newIngest(IngestSettings.fromEnvironment(
                Map.of("FORMBRIDGE_SITE_RATE_PER_SECOND", "2", "FORMBRIDGE_SITE_BURST", "5")));
        // under the limit: 2 per second for 10 seconds
        for (int i = 0; i < 20; i++) {
            assertThat(send(site, "msg_under_" + i)).as("request %d", i).isInstanceOf(Accepted.class);
            clock.advance(Duration.ofMillis(500));
        }
        // a burst: the bucket holds 5
        List<IngestResult> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            burst.add(send(site, "msg_burst_" + i));
        }
        assertThat(burst.subList(0, 5)).allMatch(r -> r instanceof Accepted);
        assertThat(burst.subList(5, 8))
                .allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(Refused.class, x -> {
                    assertThat(x.rejection()).isEqualTo(Rejection.RATE_LIMITED);
                    assertThat(x.retryAfterSeconds()).isBetween(1L, 2L);
                }));
    }

    @Test
    void a_flood_of_bad_signatures_becomes_one_security_event_a_minute_and_counted_rejections() {
        NewSecret wrong = new NewSecret(site.site(), dev.formbridge.secret.SigningSecret.generate());
        for (int i = 0; i < 50; i++) {
            assertThat(send(wrong, "msg_" + i)).isEqualTo(Refused.of(Rejection.BAD_SIGNATURE));
        }
        clock.advance(Duration.ofSeconds(61));
        send(wrong, "msg_next_minute");
        ingest.flushCounters();

        var events = new SecurityEventRepository(storage).list(tenant.id());
        assertThat(events).hasSize(2);
        assertThat(events.get(0).reason()).isEqualTo("bad_signature");
        assertThat(events.get(0).count()).isEqualTo(1);
        assertThat(events.get(1).count()).isEqualTo(50); // the 49 suppressed plus the one that wrote it
        MetricCounterRepository metrics = new MetricCounterRepository(storage);
        String dimension = MetricCounters.site(site.site().id().value());
        assertThat(metrics.read(tenant.id(), dimension, Granularity.MINUTE, Instant.parse("2026-11-26T10:00:00Z")))
                .containsEntry("rejected_bad_signature", 50L);
        assertThat(metrics.read(tenant.id(), dimension, Granularity.MINUTE, Instant.parse("2026-11-26T10:01:00Z")))
                .containsEntry("rejected_bad_signature", 1L);
        assertThat(metrics.read(tenant.id(), dimension, Granularity.HOUR, Instant.parse("2026-11-26T10:00:00Z")))
                .containsEntry("rejected_bad_signature", 51L);
    }

    @Test
    void a_security_event_from_ingest_appears_in_the_tenants_audit_log() {
        NewSecret wrong = new NewSecret(site.site(), dev.formbridge.secret.SigningSecret.generate());

        send(wrong, "msg_1");

        AuditRepository audit = new AuditRepository(storage);
        assertThat(audit.page(tenant.id(), AuditQuery.all(), null, 10).items())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("system:ingest");
                    assertThat(e.action()).isEqualTo("ingest.rejected.bad_signature");
                    assertThat(e.target()).isEqualTo(site.site().id().value());
                    assertThat(e.after()).isEqualTo("{\"count\":1}");
                    assertThat(e.at()).isEqualTo(clock.instant());
                });
        assertThat(audit.verifyChain(tenant.id()).ok()).isTrue();
    }

    @Test
    void timestamps_outside_the_window_are_refused_as_stale_or_future() {
        var request = SignedRequests.request(
                site.site().key(),
                site.secret(),
                "msg_1",
                clock.instant().minusSeconds(301),
                SignedRequests.body("f", "a@b.example"));
        assertThat(ingest.ingest(request)).isEqualTo(Refused.of(Rejection.STALE_TIMESTAMP));
        var future = SignedRequests.request(
                site.site().key(),
                site.secret(),
                "msg_2",
                clock.instant().plusSeconds(301),
                SignedRequests.body("f", "a@b.example"));
        assertThat(ingest.ingest(future)).isEqualTo(Refused.of(Rejection.FUTURE_TIMESTAMP));
        var edge = SignedRequests.request(
                site.site().key(),
                site.secret(),
                "msg_3",
                clock.instant().minusSeconds(300),
                SignedRequests.body("f", "a@b.example"));
        assertThat(ingest.ingest(edge)).isInstanceOf(Accepted.class);
    }

    /** A request signed over exactly {@code body}, with the given Content-Type, resolved by the authorizer. */
    IngestRequest signedBytes(String id, byte[] body, String contentType) {
        Map<String, String> headers =
                new HashMap<>(SignedRequests.headers(site.site().key(), site.secret(), id, clock.instant(), body));
        headers.put("Content-Type", contentType);
        SiteKey key = site.site().key();
        return new IngestRequest(key.tenantId().value(), key.siteId().value(), headers, body);
    }

    boolean stored(String webhookId) {
        return new SubmissionRepository(storage)
                .findByWebhookId(tenant.id(), site.site().id(), webhookId)
                .isPresent();
    }

    @Test
    void a_body_that_is_not_valid_utf8_is_refused_as_invalid_json_and_nothing_is_stored() {
        // an overlong encoding of "/" (C0 AF) inside a string: Jackson alone would accept it and store U+FFFD
        byte[] prefix = "{\"formId\":\"f\",\"fields\":{\"a\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC0;
        body[prefix.length + 1] = (byte) 0xAF;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);

        IngestResult result = ingest.ingest(signedBytes("msg_overlong", body, "application/json"));

        assertThat(result).isInstanceOf(Refused.class);
        assertThat(((Refused) result).rejection()).isEqualTo(Rejection.INVALID_JSON);
        assertThat(((Refused) result).message()).isEqualTo("the body is not valid UTF-8");
        assertThat(stored("msg_overlong")).isFalse();
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void a_body_with_a_byte_order_mark_is_refused_with_a_message_that_says_so() {
        byte[] json = SignedRequests.body("f", "a@b.example").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[json.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(json, 0, body, 3, json.length);

        IngestResult result = ingest.ingest(signedBytes("msg_bom", body, "application/json"));

        assertThat(((Refused) result).rejection()).isEqualTo(Rejection.INVALID_JSON);
        assertThat(((Refused) result).message()).contains("byte order mark");
        assertThat(stored("msg_bom")).isFalse();
    }

    @Test
    void a_utf16_body_is_refused_whether_its_charset_is_declared_or_not() {
        byte[] utf16 = SignedRequests.body("f", "a@b.example").getBytes(StandardCharsets.UTF_16LE);

        IngestResult declared =
                ingest.ingest(signedBytes("msg_utf16_declared", utf16, "application/json; charset=utf-16"));
        IngestResult undeclared = ingest.ingest(signedBytes("msg_utf16", utf16, "application/json"));

        assertThat(declared).isEqualTo(Refused.of(Rejection.UNSUPPORTED_MEDIA_TYPE));
        assertThat(((Refused) undeclared).rejection()).isEqualTo(Rejection.INVALID_JSON);
        assertThat(stored("msg_utf16_declared")).isFalse();
        assertThat(stored("msg_utf16")).isFalse();
    }

    @Test
    void only_a_utf8_charset_parameter_is_accepted_on_the_content_type() {
        byte[] body = SignedRequests.body("f", "a@b.example").getBytes(StandardCharsets.UTF_8);
        List<String> accepted =
                List.of("application/json", "Application/JSON; charset=UTF-8", "application/json;charset=\"utf-8\"");
        List<String> refused = List.of(
                "application/json; charset=iso-8859-1",
                "application/json; version=2",
                "application/jsonx",
                "text/json");

        for (int i = 0; i < accepted.size(); i++) {
            assertThat(ingest.ingest(signedBytes("msg_ok_" + i, body, accepted.get(i))))
                    .as(accepted.get(i))
                    .isInstanceOf(Accepted.class);
        }
        for (int i = 0; i < refused.size(); i++) {
            assertThat(ingest.ingest(signedBytes("msg_refused_" + i, body, refused.get(i))))
                    .as(refused.get(i))
                    .isEqualTo(Refused.of(Rejection.UNSUPPORTED_MEDIA_TYPE));
        }
    }

    @Test
    void json_followed_by_anything_else_is_malformed_and_the_message_says_where_without_jacksons_internals() {
        byte[] body = (SignedRequests.body("f", "a@b.example") + " {\"x\":1}").getBytes(StandardCharsets.UTF_8);

        IngestResult result = ingest.ingest(signedBytes("msg_trailing", body, "application/json"));
        IngestResult duplicateKey = ingest.ingest(signedBytes(
                "msg_dup_key",
                "{\"formId\":\"f\",\"fields\":{},\"formId\":\"g\"}".getBytes(StandardCharsets.UTF_8),
                "application/json"));

        assertThat(((Refused) result).rejection()).isEqualTo(Rejection.INVALID_JSON);
        assertThat(((Refused) result).message()).startsWith("the body is not valid JSON (line 1, column ");
        assertThat(((Refused) duplicateKey).message())
                .startsWith("the body is not valid JSON (line 1")
                .doesNotContain("DeserializationFeature");
        assertThat(stored("msg_trailing")).isFalse();
    }

    @Test
    void a_too_large_or_mistyped_body_with_a_made_up_site_key_in_the_header_counts_nothing_under_that_tenant() {
        TenantId madeUp = new TenantId("ten_01ARZ3NDEKTSV4RRFFQ69G5FAV");
        SiteKey key = SiteKey.parse("fbk_01ARZ3NDEKTSV4RRFFQ69G5FAV_01ARZ3NDEKTSV4RRFFQ69G5FAW")
                .orElseThrow();
        Map<String, String> headers = Map.of("X-FormBridge-Site", key.value(), "Content-Type", "text/plain");
        // no authorizer context: the key comes from the header, unverified

        IngestResult result = ingest.ingest(new IngestRequest(null, null, headers, new byte[] {'{', '}'}));
        ingest.flushCounters();

        assertThat(result).isEqualTo(Refused.of(Rejection.UNSUPPORTED_MEDIA_TYPE));
        assertThat(new MetricCounterRepository(storage)
                        .read(
                                madeUp,
                                MetricCounters.site(key.siteId().value()),
                                Granularity.MINUTE,
                                Instant.parse("2026-11-26T10:00:00Z")))
                .isEmpty();
    }

    @Test
    void with_too_little_time_left_to_store_and_mark_nothing_is_stored_and_the_sender_is_asked_to_retry() {
        IngestResult result = ingest.ingest(
                SignedRequests.request(
                        site.site().key(),
                        site.secret(),
                        "msg_late",
                        clock.instant(),
                        SignedRequests.body("f", "a@b.example")),
                Duration.ofSeconds(10));

        assertThat(((Refused) result).rejection()).isEqualTo(Rejection.UNAVAILABLE);
        assertThat(stored("msg_late")).isFalse();
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void the_bus_gets_the_time_left_minus_what_marking_the_submission_may_take() {
        List<Duration> bounds = new ArrayList<>();
        dev.formbridge.event.EventPublisher boundedBus = new dev.formbridge.event.EventPublisher() {
            @Override
            public void publish(List<dev.formbridge.event.EventEnvelope> events) {
                throw new AssertionError("an unbounded publish where the time left is known");
            }

            @Override
            public void publish(dev.formbridge.event.EventEnvelope event, Duration within) {
                bounds.add(within);
                bus.publish(event);
            }
        };
        IngestService bounded = new IngestService(storage, cipher, boundedBus, clock, IngestSettings.defaults());

        IngestResult result = bounded.ingest(
                SignedRequests.request(
                        site.site().key(),
                        site.secret(),
                        "msg_bounded",
                        clock.instant(),
                        SignedRequests.body("f", "a@b.example")),
                Duration.ofSeconds(15));

        assertThat(result).isInstanceOf(Accepted.class);
        // the mark's store call (5 s) and a second in hand stay out of the bus's share
        assertThat(bounds).containsExactly(Duration.ofSeconds(9));
        assertThat(bus.published()).hasSize(1);

        // a retry that publishes a marked submission is bounded the same way
        bus.failing(true);
        var marked = SignedRequests.request(
                site.site().key(), site.secret(), "msg_marked", clock.instant(), SignedRequests.body("f", "a@b.c"));
        assertThat(((Refused) bounded.ingest(marked, Duration.ofSeconds(15))).rejection())
                .isEqualTo(Rejection.UNAVAILABLE);
        bus.failing(false);
        assertThat(bounded.ingest(marked, Duration.ofSeconds(14))).isInstanceOf(Duplicate.class);
        assertThat(bounds).containsExactly(Duration.ofSeconds(9), Duration.ofSeconds(9), Duration.ofSeconds(8));
    }

    /**
     * The table as ingest sees it when the first put of a submission is written but its answer is lost: {@code
     * afterWrite} runs right after that write and decides what the caller gets (the SDK's retry, or an error).
     */
    IngestService withLostPutAnswer(java.util.function.Function<Runnable, Object> afterWrite) {
        software.amazon.awssdk.services.dynamodb.DynamoDbClient real = storage.dynamo();
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        software.amazon.awssdk.services.dynamodb.DynamoDbClient flaky =
                (software.amazon.awssdk.services.dynamodb.DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {software.amazon.awssdk.services.dynamodb.DynamoDbClient.class},
                        (proxy, method, args) -> {
                            boolean submissionPut = method.getName().equals("putItem")
                                    && args[0]
                                            instanceof software.amazon.awssdk.services.dynamodb.model.PutItemRequest put
                                    && put.item().get("pk").s().contains("#MSG#");
                            try {
                                Object answer = method.invoke(real, args);
                                if (submissionPut && first.compareAndSet(true, false)) {
                                    return afterWrite.apply(() -> {
                                        try {
                                            method.invoke(real, args);
                                        } catch (java.lang.reflect.InvocationTargetException e) {
                                            throw (RuntimeException) e.getCause();
                                        } catch (IllegalAccessException e) {
                                            throw new IllegalStateException(e);
                                        }
                                    });
                                }
                                return answer;
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        Storage flakyStorage = new Storage(flaky, storage.definition());
        return new IngestService(flakyStorage, cipher, bus, clock, IngestSettings.defaults());
    }

    @Test
    void a_put_written_but_refused_when_the_sdk_retried_it_is_this_requests_own_and_is_published() {
        IngestService flaky = withLostPutAnswer(retry -> {
            retry.run(); // the SDK's retry: refused by the condition, the item being there
            return null;
        });

        IngestResult result = flaky.ingest(SignedRequests.request(
                site.site().key(),
                site.secret(),
                "msg_retried_put",
                clock.instant(),
                SignedRequests.body("f", "a@b.c")));

        assertThat(result).isInstanceOf(Accepted.class);
        assertThat(bus.published()).hasSize(1);
        assertThat(stored("msg_retried_put")).isTrue();
    }

    @Test
    void a_put_written_but_whose_answer_was_lost_is_marked_so_the_senders_retry_publishes_it() {
        IngestService flaky = withLostPutAnswer(retry -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("answer lost (test)");
        });
        var request = SignedRequests.request(
                site.site().key(),
                site.secret(),
                "msg_lost_answer",
                clock.instant(),
                SignedRequests.body("f", "a@b.c"));

        IngestResult first = flaky.ingest(request);
        Submission stored = new SubmissionRepository(storage)
                .findByWebhookId(tenant.id(), site.site().id(), "msg_lost_answer")
                .orElseThrow();
        IngestResult retry = ingest.ingest(request);

        assertThat(((Refused) first).rejection()).isEqualTo(Rejection.UNAVAILABLE);
        assertThat(stored.status()).isEqualTo(SubmissionStatus.PUBLISH_PENDING);
        assertThat(retry).isEqualTo(new Duplicate(stored.id()));
        assertThat(bus.published())
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).contains(stored.id().value()));
    }
}
