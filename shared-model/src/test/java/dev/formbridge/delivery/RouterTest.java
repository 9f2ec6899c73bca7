package dev.formbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.event.SubmissionAccepted;
import dev.formbridge.ingest.IngestResult;
import dev.formbridge.ingest.IngestService;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.site.SiteService;
import dev.formbridge.site.SiteService.NewSecret;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.tenant.TenantService;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.RecordingPublisher;
import dev.formbridge.testutils.SignedRequests;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router against a real dynalite: filters in the EventBridge pattern language, idempotent fan-out. */
class RouterTest {
    @TempDir
    Path keys;

    final Clock clock = Clock.systemUTC();
    final List<DeliveryJob> queued = new CopyOnWriteArrayList<>();
    final RecordingPublisher bus = new RecordingPublisher();
    Storage storage;
    TenantId tenant;
    NewSecret shop;
    NewSecret blog;
    ConnectorService connectors;
    Router router;
    IngestService ingest;

    @BeforeEach
    void setUp() {
        storage = LocalDynamo.newStorage();
        SecretCipher cipher = LocalKeyFileCipher.fromKeyFile(keys.resolve("k"));
        tenant = new TenantService(storage, clock).create("Acme").id();
        SiteService sites = new SiteService(storage, cipher, clock);
        shop = sites.register(tenant, "Shop", "https://shop.example");
        blog = sites.register(tenant, "Blog", "https://blog.example");
        connectors = new ConnectorService(storage, cipher, OutboundPolicy.allowLocal(), clock);
        router = new Router(storage, queued::addAll, clock, Duration.ZERO);
        ingest = new IngestService(storage, cipher, bus, clock, IngestSettings.defaults());
    }

    String connector(String filter) {
        return connectors
                .create(tenant, Spec.webhook("c", "http://127.0.0.1:9/x").withFilter(filter))
                .connector()
                .id()
                .value();
    }

    Submission submit(NewSecret site, String formId, String fields) {
        String body = "{\"formId\":\"" + formId + "\",\"fields\":" + fields + "}";
        IngestResult result = ingest.ingest(SignedRequests.request(
                site.site().key(), site.secret(), SignedRequests.newId(), clock.instant(), body));
        var id = ((IngestResult.Accepted) result).submissionId();
        return new SubmissionRepository(storage).findById(tenant, id).orElseThrow();
    }

    List<String> routedTo(Submission submission) {
        return router.route(SubmissionAccepted.of(submission)).stream()
                .map(d -> d.connectorId().value())
                .toList();
    }

    @Test
    void filters_select_by_form_site_and_field_value() {
        String byForm = connector("{\"detail\":{\"formId\":[\"contact\"]}}");
        String bySite =
                connector("{\"detail\":{\"siteId\":[\"" + blog.site().id().value() + "\"]}}");
        String exact = connector("{\"detail\":{\"fields\":{\"country\":[\"DE\"]}}}");
        String prefix = connector("{\"detail\":{\"fields\":{\"email\":[{\"prefix\":\"sales@\"}]}}}");
        String range = connector("{\"detail\":{\"fields\":{\"budget\":[{\"numeric\":[\">=\",1000,\"<\",5000]}]}}}");
        String exists = connector("{\"detail\":{\"fields\":{\"phone\":[{\"exists\":true}]}}}");
        String all = connector(null);

        assertThat(routedTo(submit(shop, "contact", "{\"country\":\"FR\",\"email\":\"a@b.c\",\"budget\":50}")))
                .containsExactlyInAnyOrder(byForm, all);
        assertThat(routedTo(submit(blog, "newsletter", "{\"country\":\"DE\"}")))
                .containsExactlyInAnyOrder(bySite, exact, all);
        assertThat(routedTo(submit(shop, "quote", "{\"email\":\"sales@acme.example\",\"budget\":1500}")))
                .containsExactlyInAnyOrder(prefix, range, all);
        assertThat(routedTo(submit(shop, "quote", "{\"budget\":5000,\"phone\":\"+49 30 1234\"}")))
                .containsExactlyInAnyOrder(exists, all);
        assertThat(routedTo(submit(shop, "quote", "{\"topics\":[\"a\",\"DE\"],\"country\":[\"x\",\"DE\"]}")))
                .as("arrays match when any element matches")
                .containsExactlyInAnyOrder(exact, all);
    }

    @Test
    void a_redelivered_event_creates_no_second_delivery_and_queues_nothing_new() {
        String id = connector(null);
        Submission submission = submit(shop, "contact", "{\"a\":\"b\"}");

        List<Delivery> first = router.route(SubmissionAccepted.of(submission));
        new DeliveryRepository(storage)
                .recordAttempt(
                        first.getFirst(),
                        new Attempt(1, clock.instant(), 200, Duration.ofMillis(5), null, null),
                        DeliveryStatus.DELIVERED);
        List<Delivery> again = router.route(SubmissionAccepted.of(submission));

        assertThat(first)
                .singleElement()
                .satisfies(d -> assertThat(d.connectorId().value()).isEqualTo(id));
        assertThat(again).isEmpty();
        assertThat(queued).hasSize(1);
        assertThat(new DeliveryRepository(storage).ofSubmission(tenant, submission.id()))
                .hasSize(1);
    }

    @Test
    void a_delivery_created_but_never_attempted_is_queued_again_when_the_event_comes_back() {
        connector(null);
        Submission submission = submit(shop, "contact", "{\"a\":\"b\"}");
        Delivery first = router.route(SubmissionAccepted.of(submission)).getFirst();

        List<Delivery> again = router.route(SubmissionAccepted.of(submission));

        assertThat(again).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(first.id()));
        assertThat(queued)
                .extracting(DeliveryJob::deliveryId)
                .containsExactly(first.id().value(), first.id().value());
    }

    @Test
    void disabled_connectors_and_other_tenants_connectors_get_nothing() {
        String disabled = connector(null);
        connectors.setEnabled(tenant, new dev.formbridge.connector.ConnectorId(disabled), false);
        TenantId other = new TenantService(storage, clock).create("Other").id();
        connectors.create(other, Spec.webhook("theirs", "http://127.0.0.1:9/x"));

        assertThat(routedTo(submit(shop, "contact", "{}"))).isEmpty();
    }

    @Test
    void email_connectors_route_like_any_other() {
        var email = connectors.create(
                tenant,
                new Spec(
                        ConnectorType.EMAIL,
                        "mail",
                        "ops@acme.example",
                        null,
                        null,
                        Map.of(),
                        dev.formbridge.connector.Connector.DEFAULT_TIMEOUT,
                        dev.formbridge.connector.RetryPolicy.defaults()));
        assertThat(routedTo(submit(shop, "contact", "{}")))
                .containsExactly(email.connector().id().value());
    }
}
