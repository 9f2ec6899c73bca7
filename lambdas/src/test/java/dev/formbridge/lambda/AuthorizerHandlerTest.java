package dev.formbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.ingest.SiteAuthorizer;
import dev.formbridge.site.SiteDirectory;
import dev.formbridge.site.SiteRepository;
import dev.formbridge.site.SiteStatus;
import dev.formbridge.storage.DynaliteServer;
import dev.formbridge.storage.DynamoClients;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableBootstrap;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.TenantRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizerHandlerTest {
    @TempDir
    Path keys;

    HandlerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new HandlerFixture(keys);
    }

    static APIGatewayV2CustomAuthorizerEvent event(String siteKey) {
        return SampleEvents.load(
                "authorizer-request.json", APIGatewayV2CustomAuthorizerEvent.class, Map.of("SITE_KEY", siteKey));
    }

    @Test
    void an_active_site_is_authorized_with_its_tenant_and_site_as_context() {
        SimpleIAMPolicyResponse response = fixture.authorizer()
                .handleRequest(event(fixture.site.site().key().value()), new LocalContext("test"));

        assertThat(response.getIsAuthorized()).isTrue();
        assertThat(response.getContext())
                .containsEntry("tenantId", fixture.site.site().tenantId().value())
                .containsEntry("siteId", fixture.site.site().id().value());
    }

    @Test
    void unknown_malformed_and_missing_site_keys_are_denied() {
        String unknown = dev.formbridge.site.SiteKey.of(
                        dev.formbridge.tenant.TenantId.next(), dev.formbridge.site.SiteId.next())
                .value();
        assertThat(fixture.authorizer()
                        .handleRequest(event(unknown), new LocalContext("test"))
                        .getIsAuthorized())
                .isFalse();
        assertThat(fixture.authorizer()
                        .handleRequest(event("fbk_nonsense"), new LocalContext("test"))
                        .getIsAuthorized())
                .isFalse();
        APIGatewayV2CustomAuthorizerEvent noHeader = event("x");
        Map<String, String> headers = new HashMap<>(noHeader.getHeaders());
        headers.remove("x-formbridge-site");
        noHeader.setHeaders(headers);
        assertThat(fixture.authorizer()
                        .handleRequest(noHeader, new LocalContext("test"))
                        .getIsAuthorized())
                .isFalse();
    }

    @Test
    void a_disabled_site_is_denied() {
        fixture.sites.setStatus(
                fixture.site.site().tenantId(), fixture.site.site().id(), SiteStatus.DISABLED);
        assertThat(fixture.authorizer()
                        .handleRequest(event(fixture.site.site().key().value()), new LocalContext("test"))
                        .getIsAuthorized())
                .isFalse();
    }

    @Test
    void the_site_header_is_found_in_any_case() {
        APIGatewayV2CustomAuthorizerEvent upper =
                event(fixture.site.site().key().value());
        Map<String, String> headers = new HashMap<>();
        upper.getHeaders().forEach((k, v) -> headers.put(k.toUpperCase(java.util.Locale.ROOT), v));
        upper.setHeaders(headers);
        assertThat(fixture.authorizer()
                        .handleRequest(upper, new LocalContext("test"))
                        .getIsAuthorized())
                .isTrue();
    }

    @Test
    void with_storage_down_the_authorizer_fails_instead_of_caching_a_deny() {
        DynaliteServer own = DynaliteServer.startInMemory();
        Storage storage = new Storage(DynamoClients.local(own.endpoint()), TableDefinition.named("down"));
        TableBootstrap.createIfAbsent(storage.dynamo(), storage.definition());
        IngestSettings settings = IngestSettings.defaults();
        SiteDirectory directory = new SiteDirectory(
                new SiteRepository(storage), new TenantRepository(storage), Clock.systemUTC(), Duration.ZERO);
        AuthorizerHandler handler = new AuthorizerHandler(
                new SiteAuthorizer(directory, storage, Clock.systemUTC(), settings), Environment.metrics());
        own.close();

        assertThatThrownBy(() ->
                        handler.handleRequest(event(fixture.site.site().key().value()), new LocalContext("test")))
                .isInstanceOf(AuthorizerHandler.StorageUnavailable.class);
    }

    @Test
    void handing_refusals_to_ingest_allows_a_refused_key_with_the_reason_and_no_site() {
        AuthorizerHandler handler = new AuthorizerHandler(
                new SiteAuthorizer(fixture.directory(), fixture.storage, fixture.clock, IngestSettings.defaults()),
                Environment.metrics(),
                true);
        fixture.sites.setStatus(
                fixture.site.site().tenantId(), fixture.site.site().id(), SiteStatus.DISABLED);

        SimpleIAMPolicyResponse response =
                handler.handleRequest(event(fixture.site.site().key().value()), new LocalContext("test"));

        assertThat(response.getIsAuthorized()).isTrue();
        assertThat(response.getContext())
                .containsExactly(Map.entry(AuthorizerHandler.DENIED, "site_disabled"))
                .doesNotContainKeys("tenantId", "siteId");
    }

    @Test
    void handing_refusals_to_ingest_lets_ingest_check_the_site_itself_while_storage_is_down() {
        DynaliteServer own = DynaliteServer.startInMemory();
        Storage storage = new Storage(DynamoClients.local(own.endpoint()), TableDefinition.named("down"));
        TableBootstrap.createIfAbsent(storage.dynamo(), storage.definition());
        SiteDirectory directory = new SiteDirectory(
                new SiteRepository(storage), new TenantRepository(storage), Clock.systemUTC(), Duration.ZERO);
        AuthorizerHandler handler = new AuthorizerHandler(
                new SiteAuthorizer(directory, storage, Clock.systemUTC(), IngestSettings.defaults()),
                Environment.metrics(),
                true);
        own.close();

        SimpleIAMPolicyResponse response =
                handler.handleRequest(event(fixture.site.site().key().value()), new LocalContext("test"));

        assertThat(response.getIsAuthorized()).isTrue();
        assertThat(response.getContext()).doesNotContainKeys("tenantId", "siteId", AuthorizerHandler.DENIED);
    }
}
