package dev.formbridge.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.storage.ConcurrentModificationException;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.InterceptedDynamo;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

class SiteServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final TenantId tenantA = TenantId.next();
    private final TenantId tenantB = TenantId.next();
    private SiteService sites;
    private Path keys;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        this.keys = keys;
        Storage storage = LocalDynamo.newStorage();
        sites = new SiteService(storage, LocalKeyFileCipher.fromKeyFile(keys.resolve("master.key")), clock);
    }

    @Test
    void a_tenant_lists_its_own_sites_only_oldest_first() {
        SiteId first =
                sites.register(tenantA, "Shop", "https://shop.example").site().id();
        SiteId second =
                sites.register(tenantA, "Blog", "https://blog.example").site().id();
        sites.register(tenantB, "Other", "https://other.example");

        assertThat(sites.list(tenantA)).extracting(Site::id).containsExactly(first, second);
    }

    @Test
    void a_deleted_site_is_gone_and_deleting_it_again_says_not_found() {
        SiteId id =
                sites.register(tenantA, "Shop", "https://shop.example").site().id();
        sites.rotateSecret(tenantA, id, Duration.ofHours(1));

        sites.delete(tenantA, id);

        assertThat(sites.list(tenantA)).isEmpty();
        assertThatThrownBy(() -> sites.get(tenantA, id)).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> sites.delete(tenantA, id)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void another_tenant_cannot_delete_or_read_a_site() {
        SiteId id =
                sites.register(tenantA, "Shop", "https://shop.example").site().id();

        assertThatThrownBy(() -> sites.delete(tenantB, id)).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> sites.get(tenantB, id)).isInstanceOf(NoSuchElementException.class);
        assertThat(sites.get(tenantA, id).name()).isEqualTo("Shop");
    }

    @Test
    void a_blank_name_or_a_non_web_address_is_refused_with_a_message() {
        assertThatThrownBy(() -> sites.register(tenantA, "  ", "https://shop.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 80");
        assertThatThrownBy(() -> sites.register(tenantA, "Shop", "ftp://shop.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://www.example.com");
        assertThatThrownBy(() -> sites.register(tenantA, "Shop", "not a url"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sites.list(tenantA)).isEmpty();
    }

    @Test
    void rotation_keeps_the_previous_secret_until_its_grace_deadline_and_retire_ends_it() {
        SiteId id =
                sites.register(tenantA, "Shop", "https://shop.example").site().id();
        sites.rotateSecret(tenantA, id, Duration.ofHours(24));

        assertThat(sites.get(tenantA, id).validSecrets(clock.instant())).hasSize(2);
        clock.advance(Duration.ofHours(25));
        assertThat(sites.get(tenantA, id).validSecrets(clock.instant())).hasSize(1);

        sites.rotateSecret(tenantA, id, Duration.ofHours(24));
        sites.retirePreviousSecret(tenantA, id);
        assertThat(sites.get(tenantA, id).validSecrets(clock.instant()))
                .singleElement()
                .extracting(v -> v.version())
                .isEqualTo(3);
    }

    @Test
    void a_rotation_or_retirement_from_a_stale_page_is_refused_and_keeps_the_secrets_in_use() {
        // GIVEN two admins who see the site with its first secret
        Site shown = sites.register(tenantA, "Shop", "https://shop.example").site();

        // WHEN one rotates (the live site still uses v1 until it is updated), the other rotates or retires from the
        // page they loaded before
        Site rotated = sites.rotateSecret(tenantA, shown.id(), shown.version(), Duration.ofHours(24))
                .site();

        // THEN both are refused: v1 (still in use) and v2 stay valid
        assertThatThrownBy(() -> sites.rotateSecret(tenantA, shown.id(), shown.version(), Duration.ofHours(24)))
                .isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() -> sites.retirePreviousSecret(tenantA, shown.id(), shown.version()))
                .isInstanceOf(ConcurrentModificationException.class);
        assertThat(sites.get(tenantA, shown.id()).validSecrets(clock.instant()))
                .extracting(v -> v.version())
                .containsExactly(2, 1);
        // and the page re-rendered from the rotation's result acts at once
        assertThat(rotated.version()).isEqualTo(sites.get(tenantA, shown.id()).version());
        assertThat(sites.retirePreviousSecret(tenantA, shown.id(), rotated.version())
                        .secrets())
                .hasSize(1);
    }

    @Test
    void a_site_is_read_strongly_consistent_before_it_is_changed() {
        // GIVEN a site service whose reads are recorded
        List<GetItemRequest> reads = new CopyOnWriteArrayList<>();
        Storage storage = LocalDynamo.newStorage();
        SiteService recorded = new SiteService(
                new Storage(
                        InterceptedDynamo.wrap(storage.dynamo(), (request, call) -> {
                            if (request instanceof GetItemRequest read) {
                                reads.add(read);
                            }
                            return call.proceed();
                        }),
                        storage.definition()),
                LocalKeyFileCipher.fromKeyFile(keys.resolve("master.key")),
                clock);
        Site site = recorded.register(tenantA, "Shop", "https://shop.example").site();

        // WHEN it is changed twice back to back
        Site rotated = recorded.rotateSecret(tenantA, site.id(), site.version(), Duration.ofHours(24))
                .site();
        recorded.retirePreviousSecret(tenantA, site.id(), rotated.version());
        recorded.setStatus(tenantA, site.id(), SiteStatus.DISABLED);

        // THEN every read before a write was strongly consistent
        assertThat(reads)
                .isNotEmpty()
                .allSatisfy(read -> assertThat(read.consistentRead()).isTrue());
    }
}
