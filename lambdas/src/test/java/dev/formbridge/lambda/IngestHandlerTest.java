package dev.formbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.formbridge.secret.WebhookSignature;
import dev.formbridge.site.SiteService.NewSecret;
import dev.formbridge.testutils.RecordingPublisher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestHandlerTest {
    @TempDir
    Path keys;

    HandlerFixture fixture;
    final RecordingPublisher bus = new RecordingPublisher();
    IngestHandler handler;

    @BeforeEach
    void setUp() {
        fixture = new HandlerFixture(keys);
        handler = fixture.ingest(bus);
    }

    /** GIVEN a body as bytes on the wire, signed by {@code signer}, under the authorizer context of {@code context}. */
    APIGatewayV2HTTPEvent event(NewSecret signer, NewSecret context, byte[] body, boolean base64) {
        String id = "msg_" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> values = new HashMap<>();
        values.put("SITE_KEY", signer.site().key().value());
        values.put("WEBHOOK_ID", id);
        values.put("TIMESTAMP", Long.toString(timestamp));
        values.put("SIGNATURE", WebhookSignature.sign(signer.secret(), id, timestamp, body));
        values.put("TENANT_ID", context.site().tenantId().value());
        values.put("SITE_ID", context.site().id().value());
        values.put(
                "BODY",
                base64
                        ? Base64.getEncoder().encodeToString(body)
                        : new String(body, StandardCharsets.UTF_8)
                                .replace("\\", "\\\\")
                                .replace("\"", "\\\""));
        values.put("BASE64", Boolean.toString(base64));
        return SampleEvents.load("ingest-request.json", APIGatewayV2HTTPEvent.class, values);
    }

    static byte[] body(String name) {
        return ("{\"formId\":\"contact\",\"fields\":{\"name\":\"" + name + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_base64_encoded_body_is_verified_over_its_raw_bytes() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event(fixture.site, fixture.site, body("Zoë Ørsted — 東京"), true), new LocalContext("test"));

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getBody()).contains("\"status\":\"accepted\"");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void with_too_little_time_left_in_the_function_it_answers_503_and_stores_and_publishes_nothing() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event(fixture.site, fixture.site, body("late"), false),
                new LocalContext("test", java.time.Duration.ofSeconds(8)));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsKey("Retry-After");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void a_plain_text_body_is_verified_as_utf8_bytes() {
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(event(fixture.site, fixture.site, body("Zoë"), false), new LocalContext("test"));
        assertThat(response.getStatusCode()).isEqualTo(202);
    }

    @Test
    void the_tenant_and_site_come_from_the_authorizer_context_not_from_the_site_header() {
        NewSecret other = fixture.sites.register(
                new dev.formbridge.tenant.TenantService(fixture.storage, fixture.clock)
                        .create("Other")
                        .id(),
                "Other",
                "https://other.example");
        // signed with the other site's secret, header names the other site, but the authorizer resolved our site
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(event(other, fixture.site, body("x"), false), new LocalContext("test"));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void an_oversized_base64_body_answers_413_before_it_is_decoded() {
        byte[] big = new byte[300 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(event(fixture.site, fixture.site, big, true), new LocalContext("test"));

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(response.getBody()).contains("payload_too_large");
    }

    @Test
    void an_unavailable_bus_answers_503_with_retry_after() {
        bus.failing(true);
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(event(fixture.site, fixture.site, body("x"), false), new LocalContext("test"));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsKey("Retry-After");
        assertThat(response.getBody()).contains("\"error\":\"unavailable\"");
    }

    @Test
    void a_key_the_authorizer_refused_gets_the_contracts_401_without_a_read_or_a_write() {
        APIGatewayV2HTTPEvent event = event(fixture.site, fixture.site, body("x"), false);
        Map<String, Object> refused = new HashMap<>();
        refused.put(AuthorizerHandler.DENIED, "tenant_disabled");
        event.getRequestContext().getAuthorizer().setLambda(refused);
        // over a table that does not exist, any storage call would answer 503, not 401
        dev.formbridge.storage.Storage missing = new dev.formbridge.storage.Storage(
                fixture.storage.dynamo(), dev.formbridge.storage.TableDefinition.named("no-such-table"));
        IngestHandler withoutStorage = new IngestHandler(
                new dev.formbridge.ingest.IngestService(
                        missing, fixture.cipher, bus, fixture.clock, dev.formbridge.ingest.IngestSettings.defaults()),
                Environment.metrics());

        APIGatewayV2HTTPResponse response = withoutStorage.handleRequest(event, new LocalContext("test"));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getBody())
                .isEqualTo("{\"error\":\"unauthorized\",\"message\":\"The request could not be authenticated.\"}");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void any_refusal_reason_from_the_authorizer_answers_401() {
        assertThat(IngestHandler.deniedBy("site_disabled")).isEqualTo(dev.formbridge.ingest.Rejection.SITE_DISABLED);
        assertThat(IngestHandler.deniedBy("rate_limited").status()).isEqualTo(401);
        assertThat(IngestHandler.deniedBy("something new").status()).isEqualTo(401);
    }

    @Test
    void without_a_site_from_the_authorizer_ingest_resolves_the_site_header_itself() {
        APIGatewayV2HTTPEvent event = event(fixture.site, fixture.site, body("x"), false);
        event.getRequestContext().getAuthorizer().setLambda(new HashMap<>(Map.of("authorizer", "unavailable")));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new LocalContext("test"));

        assertThat(response.getStatusCode()).isEqualTo(202);
    }
}
