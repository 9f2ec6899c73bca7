package dev.formbridge.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.secret.EncryptedSecret;
import dev.formbridge.secret.SecretVersion;
import dev.formbridge.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SiteTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final EncryptedSecret S1 = new EncryptedSecret(new byte[] {1}, new byte[] {1}, new byte[] {1});
    static final EncryptedSecret S2 = new EncryptedSecret(new byte[] {2}, new byte[] {2}, new byte[] {2});

    final Site site = Site.create(TenantId.next(), SiteId.next(), "Shop", "https://shop.example", S1, T0);

    @Test
    void after_a_rotation_the_previous_secret_is_valid_until_its_deadline_and_not_after() {
        Site rotated = site.rotate(S2, T0, Duration.ofHours(24));

        assertThat(rotated.primary().version()).isEqualTo(2);
        assertThat(rotated.validSecrets(T0.plus(Duration.ofHours(23))))
                .extracting(SecretVersion::version)
                .containsExactly(2, 1);
        assertThat(rotated.validSecrets(T0.plus(Duration.ofHours(24))))
                .extracting(SecretVersion::version)
                .containsExactly(2);
    }

    @Test
    void retiring_the_previous_secret_leaves_only_the_primary() {
        Site retired = site.rotate(S2, T0, Duration.ofHours(24)).retirePrevious();
        assertThat(retired.validSecrets(T0)).extracting(SecretVersion::version).containsExactly(2);
    }

    @Test
    void a_second_rotation_drops_the_oldest_version() {
        Site twice = site.rotate(S2, T0, Duration.ofHours(1)).rotate(S1, T0.plusSeconds(60), Duration.ofHours(1));
        assertThat(twice.secrets()).extracting(SecretVersion::version).containsExactlyInAnyOrder(3, 2);
    }

    @Test
    void the_site_key_names_tenant_and_site_and_parses_back() {
        SiteKey key = site.key();
        assertThat(SiteKey.parse(key.value())).contains(key);
        assertThat(SiteKey.parse(key.value() + "x")).isEmpty();
        assertThat(SiteKey.parse("fbk_" + "I".repeat(26) + "_" + "0".repeat(26)))
                .isEmpty();
        assertThat(SiteKey.parse(null)).isEmpty();
    }
}
