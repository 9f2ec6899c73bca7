package dev.formbridge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The canonical encoding behind each event's hash, without storage. */
class AuditHashTest {
    final TenantId tenant = TenantId.next();
    final AuditEvent event = AuditEvent.of(tenant, Instant.parse("2026-11-26T10:00:00Z"), "alice", "site.renamed", "x");

    @Test
    void the_hash_is_hex_sha_256_and_the_same_for_the_same_event() {
        String hash = event.chained(1, AuditHash.GENESIS).hash();

        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(event.chained(1, AuditHash.GENESIS).hash()).isEqualTo(hash);
    }

    @Test
    void null_and_empty_text_hash_differently() {
        assertThat(event.withChange(null, "{}").chained(1, AuditHash.GENESIS).hash())
                .isNotEqualTo(
                        event.withChange("", "{}").chained(1, AuditHash.GENESIS).hash());
    }

    @Test
    void text_cannot_move_from_one_field_to_the_next() {
        assertThat(event.withChange("ab", "c").chained(1, AuditHash.GENESIS).hash())
                .isNotEqualTo(event.withChange("a", "bc")
                        .chained(1, AuditHash.GENESIS)
                        .hash());
        assertThat(event.withOrigin("1.2.3.4", null)
                        .chained(1, AuditHash.GENESIS)
                        .hash())
                .isNotEqualTo(event.withOrigin(null, "1.2.3.4")
                        .chained(1, AuditHash.GENESIS)
                        .hash());
    }

    @Test
    void the_sequence_number_and_the_previous_hash_are_part_of_the_hash() {
        String first = event.chained(1, AuditHash.GENESIS).hash();

        assertThat(event.chained(2, AuditHash.GENESIS).hash()).isNotEqualTo(first);
        assertThat(event.chained(1, "1".repeat(64)).hash()).isNotEqualTo(first);
    }
}
