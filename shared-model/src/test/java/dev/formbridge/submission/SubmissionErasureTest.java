package dev.formbridge.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.connector.ConnectorId;
import dev.formbridge.delivery.Delivery;
import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.delivery.DeliveryRepository.DeadLetter;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.StorageUnavailableException;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.FailingDynamo;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.StoredSubmissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

/** Erasure on a personal-data request, against a real local DynamoDB server. */
class SubmissionErasureTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    Storage storage;
    DeliveryRepository deliveries;
    SubmissionService service;
    StoredSubmissions stored;
    final TenantId tenant = TenantId.next();
    final SiteId site = SiteId.next();
    final ConnectorId hook = ConnectorId.next();
    final ConnectorId slack = ConnectorId.next();
    Submission erased;
    Submission kept;

    @BeforeEach
    void setUp() {
        storage = LocalDynamo.newStorage();
        deliveries = new DeliveryRepository(storage);
        service = new SubmissionService(storage, deliveries);
        stored = new StoredSubmissions(storage);
        erased = stored.store(tenant, site, "contact", SubmissionStatus.ACCEPTED, NOW);
        kept = stored.store(tenant, site, "contact", SubmissionStatus.ACCEPTED, NOW.plusSeconds(1));
        // GIVEN the erased submission went to two connectors, one of which gave up; so did the kept one
        deliver(erased, hook, true);
        deliver(erased, slack, false);
        deliver(kept, hook, true);
    }

    void deliver(Submission submission, ConnectorId connector, boolean deadLetter) {
        Delivery delivery = Delivery.create(
                tenant, submission.id(), site, submission.webhookId(), connector, NOW, NOW.plus(Duration.ofDays(30)));
        deliveries.createIfAbsent(delivery);
        if (deadLetter) {
            deliveries.addDeadLetter(delivery, NOW, "HTTP 500");
        }
    }

    @Test
    void erasure_removes_the_submission_its_deliveries_and_its_dead_letters_and_nothing_else() {
        SubmissionErasure result = service.erase(tenant, erased.id());

        assertThat(result).isEqualTo(new SubmissionErasure(erased.id(), true, 2, 1));
        assertThat(service.get(tenant, erased.id())).isEmpty();
        assertThat(deliveries.ofSubmission(tenant, erased.id())).isEmpty();
        assertThat(deliveries.deadLetters(tenant))
                .extracting(DeadLetter::submissionId)
                .containsExactly(kept.id());
        assertThat(service.get(tenant, kept.id())).contains(kept);
        assertThat(deliveries.ofSubmission(tenant, kept.id())).hasSize(1);
        assertThat(service.page(tenant, SubmissionQuery.all(), null, 10).items())
                .extracting(SubmissionSummary::id)
                .containsExactly(kept.id());
    }

    @Test
    void erasing_again_is_harmless_and_reports_that_nothing_was_left() {
        service.erase(tenant, erased.id());

        SubmissionErasure again = service.erase(tenant, erased.id());

        assertThat(again).isEqualTo(new SubmissionErasure(erased.id(), false, 0, 0));
        assertThat(again.removedAnything()).isFalse();
        assertThat(service.get(tenant, kept.id())).isPresent();
    }

    @Test
    void an_erasure_that_fails_part_way_is_finished_by_the_next_call() {
        // GIVEN the store fails on the first delete of a delivery (its dead letter is already gone by then)
        Storage flaky = new Storage(
                FailingDynamo.failingOnce(
                        LocalDynamo.client(),
                        request -> request instanceof DeleteItemRequest delete
                                && delete.key().get("pk").s().contains("#DLV#")),
                storage.definition());
        SubmissionService flakyService = new SubmissionService(flaky, new DeliveryRepository(flaky));

        assertThatThrownBy(() -> flakyService.erase(tenant, erased.id()))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(service.get(tenant, erased.id()))
                .as("the submission goes last")
                .isPresent();
        assertThat(deliveries.ofSubmission(tenant, erased.id()))
                .as("a dead letter goes before its delivery")
                .hasSize(2);
        assertThat(deliveries.deadLetters(tenant))
                .extracting(DeadLetter::submissionId)
                .containsExactly(kept.id());

        SubmissionErasure retried = flakyService.erase(tenant, erased.id());

        assertThat(retried).isEqualTo(new SubmissionErasure(erased.id(), true, 2, 0));
        assertThat(service.get(tenant, erased.id())).isEmpty();
        assertThat(deliveries.ofSubmission(tenant, erased.id())).isEmpty();
        assertThat(deliveries.deadLetters(tenant))
                .extracting(DeadLetter::submissionId)
                .containsExactly(kept.id());
    }

    @Test
    void a_tenant_cannot_erase_another_tenants_submission() {
        SubmissionErasure attempt = service.erase(TenantId.next(), erased.id());

        assertThat(attempt.removedAnything()).isFalse();
        assertThat(service.get(tenant, erased.id())).contains(erased);
        assertThat(deliveries.ofSubmission(tenant, erased.id())).hasSize(2);
    }
}
