package dev.formbridge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.LocalDynamo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Appending to and verifying a tenant's hash chain against a real local DynamoDB server (dynalite). */
class AuditChainTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    Storage storage;
    AuditRepository audit;
    final TenantId tenant = TenantId.next();

    @BeforeEach
    void setUp() {
        storage = LocalDynamo.newStorage();
        audit = new AuditRepository(storage);
    }

    AuditEvent event(int i) {
        return AuditEvent.of(tenant, T0.plusSeconds(i), "alice@acme.example", "site.renamed", "site_" + i)
                .withChange("{\"name\":\"old\"}", "{\"name\":\"new " + i + "\"}")
                .withOrigin("203.0.113.7", "Firefox");
    }

    List<AuditEvent> appendFive() {
        List<AuditEvent> appended = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            appended.add(audit.append(event(i)));
        }
        return appended;
    }

    @Test
    void appending_numbers_the_events_1_to_n_and_links_each_to_the_previous_hash() {
        List<AuditEvent> events = appendFive();

        assertThat(events).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.getFirst().prevHash()).isEqualTo("0".repeat(64));
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).prevHash()).isEqualTo(events.get(i - 1).hash());
        }
        assertThat(events).extracting(AuditEvent::hash).doesNotHaveDuplicates().allMatch(h -> h.length() == 64);
        assertThat(audit.verifyChain(tenant)).isEqualTo(new ChainVerification(true, 5, null, null));
    }

    @Test
    void a_stored_event_reads_back_with_every_field() {
        AuditEvent appended = audit.append(event(1));

        assertThat(audit.page(tenant, AuditQuery.all(), null, 10).items()).containsExactly(appended);
        assertThat(appended.actor()).isEqualTo("alice@acme.example");
        assertThat(appended.before()).isEqualTo("{\"name\":\"old\"}");
        assertThat(appended.ip()).isEqualTo("203.0.113.7");
    }

    @Test
    void an_appended_event_cannot_be_appended_again() {
        AuditEvent appended = audit.append(event(1));

        assertThatThrownBy(() -> audit.append(appended)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_empty_log_verifies_with_nothing_checked() {
        assertThat(audit.verifyChain(tenant)).isEqualTo(new ChainVerification(true, 0, null, null));
    }

    @Test
    void concurrent_appends_from_8_threads_give_a_gap_free_chain_that_verifies() throws Exception {
        List<Long> seqs = appendConcurrently(8, 25, thread -> audit);

        assertThat(seqs)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(audit.verifyChain(tenant)).isEqualTo(new ChainVerification(true, 200, null, null));
    }

    @Test
    void appends_racing_from_separate_processes_give_a_gap_free_chain_that_verifies() throws Exception {
        // each "process" has its own turns, so the two race for every number through the conditional put alone
        List<AuditRepository> processes = List.of(
                new AuditRepository(storage, new TenantTurns()), new AuditRepository(storage, new TenantTurns()));

        List<Long> seqs = appendConcurrently(4, 25, thread -> processes.get(thread % 2));

        assertThat(seqs)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(audit.verifyChain(tenant)).isEqualTo(new ChainVerification(true, 100, null, null));
    }

    /** Starts the threads together; each appends its events through the repository it is given. */
    List<Long> appendConcurrently(int threads, int eventsEach, IntFunction<AuditRepository> repositoryOf)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Callable<List<Long>> appender = () -> {
                start.await();
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < eventsEach; i++) {
                    seqs.add(repositoryOf
                            .apply(thread)
                            .append(event(thread * 1000 + i))
                            .seq());
                }
                return seqs;
            };
            results.add(pool.submit(appender));
        }
        start.countDown();
        List<Long> all = new ArrayList<>();
        try {
            for (Future<List<Long>> result : results) {
                all.addAll(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return all;
    }

    @Test
    void a_changed_field_breaks_the_chain_at_its_event() {
        appendFive();

        update(3, "actor", "mallory@acme.example");

        ChainVerification result = audit.verifyChain(tenant);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3L);
        assertThat(result.eventsChecked()).isEqualTo(2);
        assertThat(result.reason()).contains("does not match its hash");
    }

    @Test
    void a_deleted_event_in_the_middle_is_reported_missing() {
        appendFive();

        storage.dynamo().deleteItem(b -> b.tableName(storage.tableName()).key(key(3)));

        ChainVerification result = audit.verifyChain(tenant);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3L);
        assertThat(result.reason()).contains("event 3 is missing");
    }

    @Test
    void a_replaced_hash_breaks_the_chain_at_its_event() {
        List<AuditEvent> events = appendFive();

        update(2, "hash", events.get(3).hash());

        assertThat(audit.verifyChain(tenant).firstBrokenSeq()).isEqualTo(2L);
    }

    @Test
    void an_event_rewritten_with_a_matching_hash_breaks_the_link_of_the_next_event() {
        List<AuditEvent> events = appendFive();
        AuditEvent original = events.get(2);
        AuditEvent forged = AuditEvent.of(tenant, original.at(), "mallory", original.action(), original.target())
                .chained(3, original.prevHash());

        storage.dynamo().putItem(b -> b.tableName(storage.tableName()).item(AuditItems.toItem(forged)));

        ChainVerification result = audit.verifyChain(tenant);
        assertThat(result.firstBrokenSeq()).isEqualTo(4L);
        assertThat(result.reason()).contains("does not link to event 3");
    }

    @Test
    void swapped_events_break_the_chain_at_the_first_of_them() {
        List<AuditEvent> events = appendFive();
        Map<String, AttributeValue> second = AuditItems.toItem(events.get(1));
        Map<String, AttributeValue> third = AuditItems.toItem(events.get(2));
        third.putAll(key(2));
        second.putAll(key(3));

        storage.dynamo().putItem(b -> b.tableName(storage.tableName()).item(third));
        storage.dynamo().putItem(b -> b.tableName(storage.tableName()).item(second));

        assertThat(audit.verifyChain(tenant).firstBrokenSeq()).isEqualTo(2L);
    }

    @Test
    void appending_continues_the_chain_after_the_last_event() {
        appendFive();

        AuditEvent sixth = audit.append(event(6));

        assertThat(sixth.seq()).isEqualTo(6);
        assertThat(audit.verifyChain(tenant).eventsChecked()).isEqualTo(6);
    }

    @Test
    void a_chain_longer_than_one_read_verifies_across_pages() {
        for (int i = 1; i <= 450; i++) {
            audit.append(event(i));
        }

        assertThat(audit.verifyChain(tenant)).isEqualTo(new ChainVerification(true, 450, null, null));
    }

    Map<String, AttributeValue> key(long seq) {
        return Map.of("pk", AttributeValue.fromS(Keys.auditPk(tenant)), "sk", AttributeValue.fromS(Keys.auditSk(seq)));
    }

    void update(long seq, String attribute, String value) {
        storage.dynamo()
                .updateItem(b -> b.tableName(storage.tableName())
                        .key(key(seq))
                        .updateExpression("SET #a = :v")
                        .expressionAttributeNames(Map.of("#a", attribute))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
    }
}
