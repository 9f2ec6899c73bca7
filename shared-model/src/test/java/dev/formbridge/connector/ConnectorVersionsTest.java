package dev.formbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.formbridge.Json;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.storage.ConcurrentModificationException;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.StorageUnavailableException;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.FailingDynamo;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Editing connectors, their version history and restore, against a real local DynamoDB server (dynalite). */
class ConnectorVersionsTest {
    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    static final String URL = "https://hooks.acme.example/forms";

    final MutableClock clock = new MutableClock(START);
    final TenantId tenant = TenantId.next();
    Storage storage;
    SecretCipher cipher;
    ConnectorService connectors;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        storage = LocalDynamo.newStorage();
        cipher = LocalKeyFileCipher.fromKeyFile(keys.resolve("master.key"));
        connectors = new ConnectorService(storage, cipher, OutboundPolicy.allowLocal(), clock);
    }

    Connector create(Spec spec) {
        return connectors.create(tenant, spec, "alice").connector();
    }

    Map<String, String> storedHeaders(Connector connector) {
        byte[] json = cipher.decrypt(connector.headers(), connector.secretContext("headers"));
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void every_change_of_the_settings_is_a_version_listed_newest_first_with_who_and_when() {
        // GIVEN a connector alice created
        Connector created = create(Spec.webhook("Orders", URL));

        // WHEN bob renames it a minute later and carol adds a filter another minute later
        clock.advance(Duration.ofMinutes(1));
        connectors.update(tenant, created.id(), Spec.webhook("Orders (CRM)", URL), "bob");
        clock.advance(Duration.ofMinutes(1));
        Connector current = connectors.update(
                tenant,
                created.id(),
                Spec.webhook("Orders (CRM)", URL).withFilter("{\"detail\":{\"formId\":[\"order\"]}}"),
                "carol");

        // THEN the history has three versions, newest first, each with its settings, actor and time
        assertThat(connectors.versions(tenant, created.id()))
                .extracting(v -> v.number(), v -> v.spec().name(), v -> v.spec().filter(), v -> v.actor(), v -> v.at())
                .containsExactly(
                        tuple(
                                3,
                                "Orders (CRM)",
                                "{\"detail\":{\"formId\":[\"order\"]}}",
                                "carol",
                                START.plusSeconds(120)),
                        tuple(2, "Orders (CRM)", null, "bob", START.plusSeconds(60)),
                        tuple(1, "Orders", null, "alice", START));
        assertThat(current.revision()).isEqualTo(new Revision(3, "carol", START.plusSeconds(120), 0));
        assertThat(connectors.get(tenant, created.id()).filter()).isEqualTo("{\"detail\":{\"formId\":[\"order\"]}}");
    }

    @Test
    void an_edit_of_the_connector_as_loaded_before_someone_else_saved_is_refused_and_overwrites_nothing() {
        // GIVEN bob and carol both open the connector's form
        Connector created = create(Spec.webhook("Orders", URL));
        Connector loadedByBob = connectors.get(tenant, created.id());
        Connector loadedByCarol = connectors.get(tenant, created.id());

        // WHEN bob saves first, then carol saves her form
        Connector saved = connectors.update(
                tenant, created.id(), loadedByBob.version(), Spec.webhook("Orders (Bob)", URL), "bob");

        // THEN carol's save is refused and bob's change stays
        assertThatThrownBy(() -> connectors.update(
                        tenant, created.id(), loadedByCarol.version(), Spec.webhook("Orders (Carol)", URL), "carol"))
                .isInstanceOf(ConcurrentModificationException.class);
        assertThat(connectors.get(tenant, created.id()).name()).isEqualTo("Orders (Bob)");
        assertThat(connectors.versions(tenant, created.id())).hasSize(2);
        // and bob's form, reloaded from what the save returned, saves again
        assertThat(saved.version())
                .isEqualTo(connectors.get(tenant, created.id()).version());
        Connector enabled = connectors.setEnabled(tenant, created.id(), false);
        assertThat(connectors
                        .update(tenant, created.id(), enabled.version(), Spec.webhook("Orders 3", URL), "bob")
                        .name())
                .isEqualTo("Orders 3");
    }

    @Test
    void an_update_without_headers_keeps_the_stored_credentials_and_no_version_holds_a_value() {
        // GIVEN a webhook with a bearer token
        Connector created = create(Spec.webhook("Orders", URL).withBearer("tok-SECRET-123"));

        // WHEN its name and timeout change and no headers are sent (the portal never has them)
        Connector updated = connectors.update(
                tenant, created.id(), Spec.webhook("Orders v2", URL).withTimeout(Duration.ofSeconds(5)), "bob");

        // THEN the token is still the stored one, versions name the header but never hold its value
        assertThat(updated.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(storedHeaders(connectors.get(tenant, created.id())))
                .containsExactly(Map.entry("Authorization", "Bearer tok-SECRET-123"));
        assertThat(connectors.versions(tenant, created.id())).allSatisfy(v -> {
            assertThat(v.headerNames()).containsExactly("Authorization");
            assertThat(v.spec().headers()).isEmpty();
        });
        String everything = storage.dynamo()
                .scan(b -> b.tableName(storage.tableName()))
                .items()
                .toString();
        assertThat(everything).doesNotContain("tok-SECRET-123");
    }

    @Test
    void new_headers_replace_all_stored_ones_and_clearing_removes_them_each_as_a_version() {
        Connector created = create(Spec.webhook("Orders", URL).withBearer("old").withApiKey("X-Api-Key", "k1"));

        connectors.update(tenant, created.id(), Spec.webhook("Orders", URL).withBasic("form", "pass"), "bob");
        assertThat(storedHeaders(connectors.get(tenant, created.id())))
                .containsOnlyKeys("Authorization")
                .containsEntry("Authorization", "Basic Zm9ybTpwYXNz");

        Connector cleared = connectors.clearHeaders(tenant, created.id(), "carol");

        assertThat(cleared.headers()).isNull();
        assertThat(connectors.versions(tenant, created.id()))
                .extracting(ConnectorVersion::number, ConnectorVersion::headerNames, ConnectorVersion::actor)
                .containsExactly(
                        tuple(3, List.of(), "carol"),
                        tuple(2, List.of("Authorization"), "bob"),
                        tuple(1, List.of("Authorization", "X-Api-Key"), "alice"));
    }

    @Test
    void restore_makes_an_old_version_current_again_as_a_new_version_with_the_credentials_of_now() {
        // GIVEN version 1 with a template, version 2 without it and with a new token
        Connector created = create(Spec.webhook("Orders", URL).withTemplate("{\"id\":\"{{submissionId}}\"}"));
        clock.advance(Duration.ofMinutes(5));
        connectors.update(
                tenant,
                created.id(),
                Spec.webhook("Renamed", "https://other.acme.example/hook").withBearer("new-token"),
                "bob");

        // WHEN carol restores version 1
        clock.advance(Duration.ofMinutes(5));
        Connector restored = connectors.restore(tenant, created.id(), 1, "carol");

        // THEN version 1's settings are current, as version 3 restored from 1, and the token of version 2 stays
        assertThat(restored.name()).isEqualTo("Orders");
        assertThat(restored.target()).isEqualTo(URL);
        assertThat(restored.template()).isEqualTo("{\"id\":\"{{submissionId}}\"}");
        assertThat(restored.revision()).isEqualTo(new Revision(3, "carol", START.plusSeconds(600), 1));
        assertThat(storedHeaders(restored)).containsEntry("Authorization", "Bearer new-token");
        assertThat(connectors.version(tenant, created.id(), 3).restoredFrom()).isEqualTo(1);
        assertThat(connectors.version(tenant, created.id(), 3).headerNames()).containsExactly("Authorization");
        // the signing secret is untouched by edits and restores
        assertThat(restored.signingSecrets()).usingRecursiveComparison().isEqualTo(created.signingSecrets());
    }

    @Test
    void an_update_that_changes_nothing_and_a_restore_of_the_current_settings_make_no_version() {
        Connector created = create(Spec.webhook("Orders", URL));

        Connector same = connectors.update(tenant, created.id(), Spec.webhook("  Orders ", URL + " "), "bob");
        Connector restored = connectors.restore(tenant, created.id(), 1, "bob");

        assertThat(same.revision().number()).isEqualTo(1);
        assertThat(restored.revision().number()).isEqualTo(1);
        assertThat(connectors.versions(tenant, created.id())).hasSize(1);
    }

    @Test
    void invalid_settings_and_a_change_of_type_are_refused_and_make_no_version() {
        Connector created = create(Spec.webhook("Orders", URL));

        assertThatThrownBy(() -> connectors.update(
                        tenant, created.id(), Spec.webhook("Orders", URL).withFilter("{\"detail\":\"x\"}"), "bob"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid filter pattern");
        assertThatThrownBy(() -> connectors.update(
                        tenant,
                        created.id(),
                        new Spec(
                                ConnectorType.EMAIL,
                                "Orders",
                                "ops@acme.example",
                                null,
                                null,
                                Map.of(),
                                Connector.DEFAULT_TIMEOUT,
                                RetryPolicy.defaults()),
                        "bob"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type cannot change");
        assertThatThrownBy(() -> connectors.update(tenant, created.id(), Spec.webhook("Orders", URL), " "))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(connectors.versions(tenant, created.id())).hasSize(1);
    }

    @Test
    void a_change_based_on_a_stale_read_fails_and_leaves_no_version_behind() {
        // GIVEN two admins who read the same connector, the first of whom saves a change
        Connector created = create(Spec.webhook("Orders", URL));
        ConnectorRepository repository = new ConnectorRepository(storage);
        Connector staleCopy = repository.find(tenant, created.id()).orElseThrow();
        connectors.update(tenant, created.id(), Spec.webhook("First", URL), "bob");

        // WHEN a write based on the stale copy arrives (as the second admin's would)
        assertThatThrownBy(() -> repository.save(staleCopy.withSettings(
                        "Second",
                        URL,
                        null,
                        null,
                        null,
                        staleCopy.timeout(),
                        staleCopy.retryPolicy(),
                        staleCopy.revision().next("carol", clock.instant(), 0))))
                .isInstanceOf(ConcurrentModificationException.class);

        // THEN the first change stands and the history has no version 2 by carol
        assertThat(connectors.get(tenant, created.id()).name()).isEqualTo("First");
        assertThat(connectors.versions(tenant, created.id()))
                .extracting(ConnectorVersion::actor)
                .containsExactly("bob", "alice");
    }

    @Test
    void a_crash_between_the_connector_write_and_the_version_write_is_repaired_by_the_next_history_read() {
        // GIVEN a store that fails the first version write after the connector was saved (a crash between the two)
        Connector created = create(Spec.webhook("Orders", URL));
        Storage failing = new Storage(
                FailingDynamo.failingOnce(storage.dynamo(), ConnectorVersionsTest::isVersionWrite),
                storage.definition());
        ConnectorService crashing = new ConnectorService(failing, cipher, OutboundPolicy.allowLocal(), clock);

        // WHEN bob's update fails after its first write
        assertThatThrownBy(() -> crashing.update(tenant, created.id(), Spec.webhook("Renamed", URL), "bob"))
                .isInstanceOf(StorageUnavailableException.class);

        // THEN the change is current, and the history shows it as soon as it is read
        assertThat(connectors.get(tenant, created.id()).name()).isEqualTo("Renamed");
        assertThat(connectors.versions(tenant, created.id()))
                .extracting(ConnectorVersion::number, v -> v.spec().name(), ConnectorVersion::actor)
                .containsExactly(tuple(2, "Renamed", "bob"), tuple(1, "Orders", "alice"));
    }

    @Test
    void a_crash_before_the_version_write_is_repaired_before_the_next_change_so_no_version_is_missing() {
        Connector created = create(Spec.webhook("Orders", URL));
        Storage failing = new Storage(
                FailingDynamo.failingOnce(storage.dynamo(), ConnectorVersionsTest::isVersionWrite),
                storage.definition());
        ConnectorService crashing = new ConnectorService(failing, cipher, OutboundPolicy.allowLocal(), clock);
        assertThatThrownBy(() -> crashing.update(tenant, created.id(), Spec.webhook("Second", URL), "bob"))
                .isInstanceOf(StorageUnavailableException.class);

        // WHEN the next change comes before anyone read the history
        connectors.update(tenant, created.id(), Spec.webhook("Third", URL), "carol");

        assertThat(connectors.versions(tenant, created.id()))
                .extracting(v -> v.spec().name())
                .containsExactly("Third", "Second", "Orders");
    }

    @Test
    void another_tenant_finds_neither_the_connector_nor_its_versions() {
        Connector created = create(Spec.webhook("Orders", URL));
        TenantId other = TenantId.next();

        assertThatThrownBy(() -> connectors.versions(other, created.id())).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> connectors.restore(other, created.id(), 1, "mallory"))
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> connectors.update(other, created.id(), Spec.webhook("x", URL), "mallory"))
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> connectors.restore(tenant, created.id(), 7, "alice"))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void connectors_still_list_as_before_with_version_items_beside_them() {
        Connector first = create(Spec.webhook("One", URL));
        Connector second = create(Spec.webhook("Two", URL));
        connectors.update(tenant, first.id(), Spec.webhook("One again", URL), "bob");

        assertThat(connectors.list(tenant)).extracting(Connector::name).containsExactlyInAnyOrder("One again", "Two");
        assertThat(second.revision().number()).isEqualTo(1);
    }

    static boolean isVersionWrite(Object request) {
        return request instanceof PutItemRequest put && put.item().get("sk").s().startsWith("VERSION#");
    }
}
