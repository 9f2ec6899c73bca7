package dev.formbridge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.storage.Page;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.LocalDynamo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing audit events per tenant and across tenants, with filters and cursors, against dynalite. */
class AuditListingTest {
    static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");
    static final LocalDate DAY = LocalDate.parse("2026-11-26");

    Storage storage;
    AuditRepository audit;
    final TenantId acme = TenantId.next();
    final TenantId globex = TenantId.next();

    @BeforeEach
    void setUp() {
        storage = LocalDynamo.newStorage();
        audit = new AuditRepository(storage);
    }

    AuditEvent append(TenantId tenant, Instant at, String actor, String action, String target) {
        return audit.append(AuditEvent.of(tenant, at, actor, action, target));
    }

    /** Five events of acme, a minute apart from noon: alternately alice registering sites and the system disabling. */
    List<AuditEvent> appendFive() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(
                    i % 2 == 0
                            ? append(
                                    acme,
                                    NOON.plusSeconds(60L * i),
                                    "alice@acme.example",
                                    "site.registered",
                                    "site_" + i)
                            : append(
                                    acme,
                                    NOON.plusSeconds(60L * i),
                                    "system:delivery",
                                    "connector.disabled",
                                    "con_" + i));
        }
        return events;
    }

    List<AuditEvent> all(TenantId tenant, AuditQuery query, int limit) {
        List<AuditEvent> found = new ArrayList<>();
        String cursor = null;
        do {
            Page<AuditEvent> page = audit.page(tenant, query, cursor, limit);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            found.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return found;
    }

    @Test
    void pages_are_newest_first_and_the_cursor_continues_where_the_previous_page_ended() {
        List<AuditEvent> events = appendFive();

        Page<AuditEvent> first = audit.page(acme, AuditQuery.all(), null, 2);
        Page<AuditEvent> second = audit.page(acme, AuditQuery.all(), first.nextCursor(), 2);
        Page<AuditEvent> last = audit.page(acme, AuditQuery.all(), second.nextCursor(), 2);

        assertThat(first.items()).containsExactly(events.get(4), events.get(3));
        assertThat(second.items()).containsExactly(events.get(2), events.get(1));
        assertThat(last.items()).containsExactly(events.get(0));
        assertThat(last.hasNext()).isFalse();
    }

    @Test
    void a_page_that_ends_the_listing_exactly_has_no_cursor() {
        appendFive();

        assertThat(audit.page(acme, AuditQuery.all(), null, 5).nextCursor()).isNull();
        assertThat(audit.page(acme, AuditQuery.all(), null, 4).nextCursor()).isNotNull();
    }

    @Test
    void filters_select_by_actor_text_action_prefix_and_target() {
        List<AuditEvent> events = appendFive();

        assertThat(all(acme, AuditQuery.all().withActor("alice"), 10))
                .containsExactly(events.get(4), events.get(2), events.get(0));
        assertThat(all(acme, AuditQuery.all().withActionPrefix("connector."), 10))
                .containsExactly(events.get(3), events.get(1));
        assertThat(all(acme, AuditQuery.all().withTarget("site_2"), 10)).containsExactly(events.get(2));
        assertThat(all(acme, AuditQuery.all().withActor("alice").withActionPrefix("connector."), 10))
                .isEmpty();
    }

    @Test
    void a_time_range_includes_its_start_and_excludes_its_end() {
        List<AuditEvent> events = appendFive();

        var query = AuditQuery.all().between(NOON.plusSeconds(60), NOON.plusSeconds(180));

        assertThat(all(acme, query, 10)).containsExactly(events.get(2), events.get(1));
        assertThat(all(acme, AuditQuery.all().between(NOON.plusSeconds(180), null), 10))
                .containsExactly(events.get(4), events.get(3));
        assertThat(all(acme, AuditQuery.all().between(null, NOON.plusSeconds(60)), 10))
                .containsExactly(events.get(0));
    }

    @Test
    void a_sparse_filter_still_fills_the_page_by_reading_on() {
        for (int i = 0; i < 3; i++) {
            append(acme, NOON.plusSeconds(i), "bob@acme.example", "member.invited", "mem_" + i);
        }
        for (int i = 0; i < 150; i++) {
            append(acme, NOON.plusSeconds(100 + i), "system:ingest", "ingest.rejected.bad_signature", "site_x");
        }

        Page<AuditEvent> page = audit.page(acme, AuditQuery.all().withActor("bob"), null, 3);

        assertThat(page.items()).extracting(AuditEvent::target).containsExactly("mem_2", "mem_1", "mem_0");
        assertThat(all(acme, AuditQuery.all().withActor("bob"), 2)).hasSize(3);
        assertThat(all(acme, AuditQuery.all(), 40)).hasSize(153);
    }

    @Test
    void a_tenants_events_never_appear_in_another_tenants_pages() {
        appendFive();
        AuditEvent globexEvent = append(globex, NOON, "carol@globex.example", "site.registered", "site_g");

        assertThat(all(globex, AuditQuery.all(), 10)).containsExactly(globexEvent);
        assertThat(all(acme, AuditQuery.all(), 10))
                .hasSize(5)
                .allMatch(e -> e.tenantId().equals(acme));
    }

    @Test
    void a_cursor_from_another_tenant_or_listing_is_rejected() {
        appendFive();
        append(globex, NOON, "carol@globex.example", "site.registered", "site_g");
        append(globex, NOON.plusSeconds(1), "carol@globex.example", "site.registered", "site_h");
        String acmeCursor = audit.page(acme, AuditQuery.all(), null, 1).nextCursor();
        String dayCursor = audit.acrossTenants(DAY, AuditQuery.all(), null, 1).nextCursor();

        assertThatThrownBy(() -> audit.page(globex, AuditQuery.all(), acmeCursor, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> audit.page(acme, AuditQuery.all(), dayCursor, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> audit.acrossTenants(DAY.plusDays(1), AuditQuery.all(), dayCursor, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> audit.page(acme, AuditQuery.all(), "not-a-cursor!", 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_day_listing_shows_every_tenants_events_of_that_day_newest_first() {
        AuditEvent acmeMorning = append(acme, NOON.minus(Duration.ofHours(3)), "alice", "site.registered", "site_a");
        AuditEvent globexNoon = append(globex, NOON, "carol", "site.registered", "site_g");
        AuditEvent acmeEvening = append(acme, NOON.plus(Duration.ofHours(6)), "alice", "site.renamed", "site_a");
        append(acme, NOON.plus(Duration.ofHours(12)), "alice", "site.deleted", "site_a"); // the next day

        Page<AuditEvent> first = audit.acrossTenants(DAY, AuditQuery.all(), null, 2);
        Page<AuditEvent> rest = audit.acrossTenants(DAY, AuditQuery.all(), first.nextCursor(), 2);

        assertThat(first.items()).containsExactly(acmeEvening, globexNoon);
        assertThat(rest.items()).containsExactly(acmeMorning);
        assertThat(rest.hasNext()).isFalse();
        assertThat(audit.acrossTenants(DAY, AuditQuery.all().withActor("carol"), null, 10)
                        .items())
                .containsExactly(globexNoon);
    }

    @Test
    void a_limit_outside_1_to_1000_is_refused() {
        assertThatThrownBy(() -> audit.page(acme, AuditQuery.all(), null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> audit.page(acme, AuditQuery.all(), null, 1001))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
