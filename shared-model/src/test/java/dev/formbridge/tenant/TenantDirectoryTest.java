package dev.formbridge.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.storage.Page;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Support staff page through all tenants by name, against a real local DynamoDB server (dynalite). */
class TenantDirectoryTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    TenantService tenants;

    @BeforeEach
    void setUp() {
        tenants = new TenantService(LocalDynamo.newStorage(), clock);
    }

    @Test
    void tenants_are_listed_by_name_ignoring_case_a_page_at_a_time() {
        for (String name : List.of("delta", "Alpha", "echo", "Charlie", "bravo")) {
            tenants.create(name);
        }

        Page<Tenant> first = tenants.list(null, 2);
        Page<Tenant> second = tenants.list(first.nextCursor(), 2);
        Page<Tenant> last = tenants.list(second.nextCursor(), 2);

        assertThat(names(first)).containsExactly("Alpha", "bravo");
        assertThat(names(second)).containsExactly("Charlie", "delta");
        assertThat(names(last)).containsExactly("echo");
        assertThat(last.hasNext()).isFalse();
    }

    @Test
    void a_page_that_ends_the_directory_exactly_has_no_next_cursor() {
        tenants.create("One");
        tenants.create("Two");

        Page<Tenant> page = tenants.list(null, 2);

        assertThat(names(page)).containsExactly("One", "Two");
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void tenants_with_the_same_name_are_each_listed_once_across_pages() {
        List<TenantId> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(tenants.create("Same").id());
        }

        List<TenantId> listed = new ArrayList<>();
        Page<Tenant> page = tenants.list(null, 2);
        listed.addAll(page.items().stream().map(Tenant::id).toList());
        while (page.hasNext()) {
            page = tenants.list(page.nextCursor(), 2);
            listed.addAll(page.items().stream().map(Tenant::id).toList());
        }

        assertThat(listed).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
    }

    @Test
    void a_saved_change_keeps_the_tenant_in_the_directory_once_with_its_new_state() {
        Tenant acme = tenants.create("Acme");

        tenants.setStatus(acme.id(), TenantStatus.DISABLED);

        assertThat(tenants.list(null, 10).items())
                .singleElement()
                .satisfies(t -> assertThat(t.status()).isEqualTo(TenantStatus.DISABLED));
    }

    @Test
    void a_cursor_that_was_not_issued_and_a_page_size_out_of_range_are_refused() {
        tenants.create("Acme");

        assertThatThrownBy(() -> tenants.list("not a cursor!", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(() -> tenants.list("YWNtZSN0ZW5fbm9wZQ", 10)) // "acme#ten_nope"
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(() -> tenants.list(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tenants.list(null, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> names(Page<Tenant> page) {
        return page.items().stream().map(Tenant::name).toList();
    }
}
