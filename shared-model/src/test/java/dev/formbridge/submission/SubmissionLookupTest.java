package dev.formbridge.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.StoredSubmissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A submission found by its id through the time index alone (ADR 0023), against a real local DynamoDB server: the id
 * carries the received time, so the item writes one index entry and the lookup is one exact index key.
 */
class SubmissionLookupTest {
    static final Instant RECEIVED = Instant.parse("2026-11-26T10:15:30.123456789Z");

    Storage storage;
    SubmissionRepository submissions;
    final TenantId tenant = TenantId.next();
    final SiteId site = SiteId.next();

    @BeforeEach
    void setUp() {
        storage = LocalDynamo.newStorage();
        submissions = new SubmissionRepository(storage);
    }

    @Test
    void an_id_carries_the_received_time_to_the_millisecond() {
        SubmissionId id = SubmissionId.receivedAt(RECEIVED);

        assertThat(id.receivedAt()).isEqualTo(Instant.parse("2026-11-26T10:15:30.123Z"));
        assertThat(SubmissionId.receivedAt(RECEIVED))
                .as("random below the millisecond")
                .isNotEqualTo(id);
    }

    @Test
    void a_stored_submission_is_found_by_its_id_and_writes_no_entry_in_the_id_index() {
        Submission stored =
                new StoredSubmissions(storage).store(tenant, site, "contact", SubmissionStatus.ACCEPTED, RECEIVED);

        assertThat(submissions.findById(tenant, stored.id()))
                .hasValueSatisfying(found -> assertThat(found)
                        .extracting(Submission::id, Submission::webhookId, Submission::payload, Submission::receivedAt)
                        .containsExactly(stored.id(), stored.webhookId(), stored.payload(), RECEIVED));
        Map<String, AttributeValue> item = storage.dynamo()
                .getItem(r -> r.tableName(storage.tableName())
                        .key(Map.of(
                                TableDefinition.PK,
                                AttributeValue.fromS(Keys.submissionPk(tenant, site, stored.webhookId())),
                                TableDefinition.SK,
                                AttributeValue.fromS(Keys.SUBMISSION_SK))))
                .item();
        assertThat(item)
                .containsKeys(TableDefinition.GSI1.partitionKey(), TableDefinition.GSI1.sortKey())
                .doesNotContainKeys(TableDefinition.GSI2.partitionKey(), TableDefinition.GSI2.sortKey());
    }

    @Test
    void another_tenant_never_finds_a_submission_by_its_id() {
        Submission stored =
                new StoredSubmissions(storage).store(tenant, site, "contact", SubmissionStatus.ACCEPTED, RECEIVED);

        assertThat(submissions.findById(TenantId.next(), stored.id())).isEmpty();
        assertThat(submissions.findById(tenant, SubmissionId.receivedAt(RECEIVED)))
                .isEmpty();
    }

    @Test
    void a_submission_whose_id_does_not_carry_its_received_time_is_refused_and_not_stored() {
        Submission mismatched = new Submission(
                tenant,
                site,
                SubmissionId.receivedAt(RECEIVED.plusMillis(1)),
                "msg_mismatched",
                "contact",
                "{}",
                2,
                RECEIVED,
                SubmissionStatus.ACCEPTED,
                RECEIVED.plus(Duration.ofDays(30)));

        assertThatThrownBy(() -> submissions.insertIfAbsent(mismatched))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not carry its received time");
        assertThat(submissions.findByWebhookId(tenant, site, "msg_mismatched")).isEmpty();
    }
}
