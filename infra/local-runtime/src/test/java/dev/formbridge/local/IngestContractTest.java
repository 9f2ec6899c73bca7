package dev.formbridge.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formbridge.Json;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.secret.WebhookSignature;
import dev.formbridge.site.SiteKey;
import dev.formbridge.site.SiteService;
import dev.formbridge.site.SiteService.NewSecret;
import dev.formbridge.site.SiteStatus;
import dev.formbridge.tenant.TenantService;
import dev.formbridge.tenant.TenantStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of the ingest contract table (docs/protocol.md), over real HTTP against the local runtime: the production
 * authorizer and ingest handlers, a real dynalite, the event-ruler bus.
 */
class IngestContractTest {
    static final String UNAUTHORIZED =
            "{\"error\":\"unauthorized\",\"message\":\"The request could not be authenticated.\"}";

    @TempDir
    static Path data;

    static LocalRuntime runtime;
    static HttpClient http;
    static NewSecret site;
    static LogCapture logs;

    @BeforeAll
    static void start() {
        logs = new LogCapture();
        runtime = LocalRuntime.start(LocalConfig.forTests(data, Map.of("FORMBRIDGE_SITE_CACHE_MILLIS", "0")));
        http = HttpClient.newHttpClient();
        site = LocalAdmin.create(runtime.storage(), runtime.cipher(), "Acme", "Shop", "https://shop.example");
    }

    @AfterAll
    static void stop() {
        runtime.close();
        http.close();
        logs.close();
    }

    static String body() {
        return "{\"formId\":\"contact\",\"fields\":{\"email\":\"ada.secret-value@example.org\",\"age\":36,"
                + "\"consent\":true,\"topics\":[\"x\",2]},\"submittedAt\":\"2026-11-26T10:00:00Z\","
                + "\"source\":{\"siteUrl\":\"https://shop.example\",\"plugin\":\"cf7\"},\"unknownTopLevel\":\"kept\"}";
    }

    static Map<String, String> signed(NewSecret to, String id, long timestamp, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-FormBridge-Site", to.site().key().value());
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.sign(to.secret(), id, timestamp, body));
        return headers;
    }

    static Map<String, String> signed(String body) {
        return signed(site, "msg_" + UUID.randomUUID(), now(), body.getBytes(StandardCharsets.UTF_8));
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static HttpResponse<String> post(Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.ingestUrl()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(Map<String, String> headers, String body) throws Exception {
        return post(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void a_signed_submission_is_accepted_with_202_and_published_on_the_bus() throws Exception {
        HttpResponse<String> response = post(signed(body()), body());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode answer = json(response);
        assertThat(answer.get("status").asText()).isEqualTo("accepted");
        String id = answer.get("submissionId").asText();
        assertThat(id).startsWith("sub_");
        await(() -> runtime.bus().received().stream().anyMatch(e -> e.detail().contains(id)));
    }

    @Test
    void the_same_webhook_id_again_answers_200_with_the_original_submission_id() throws Exception {
        byte[] bytes = body().getBytes(StandardCharsets.UTF_8);
        String id = "msg_" + UUID.randomUUID();
        HttpResponse<String> first = post(signed(site, id, now(), bytes), bytes);
        HttpResponse<String> again = post(signed(site, id, now() + 1, bytes), bytes);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("submissionId").asText())
                .isEqualTo(json(first).get("submissionId").asText());
        assertThat(json(again).get("status").asText()).isEqualTo("duplicate");
        String original = json(first).get("submissionId").asText();
        Thread.sleep(200);
        assertThat(runtime.bus().received())
                .filteredOn(e -> e.detail().contains(original))
                .hasSize(1);
    }

    @Test
    void malformed_json_is_refused_with_400_invalid_json() throws Exception {
        String broken = "{\"formId\":\"contact\",\"fields\":";
        HttpResponse<String> response = post(signed(broken), broken);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_json");
    }

    @Test
    void schema_violations_are_refused_with_400_naming_the_field() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"fields\":{}}", "formId",
                "{\"formId\":\"f\"}", "fields",
                "{\"formId\":\"f\",\"fields\":{\"address\":{\"street\":\"x\"}}}", "fields.address",
                "{\"formId\":\"f\",\"fields\":{\"tags\":[[1]]}}", "fields.tags",
                "{\"formId\":\"f\",\"fields\":{\"a\":null}}", "fields.a",
                "{\"formId\":\"f\",\"fields\":{},\"submittedAt\":\"yesterday\"}", "submittedAt",
                "[1,2]", "JSON object");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = post(signed(c.getKey()), c.getKey());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(json(response).get("error").asText()).as(c.getKey()).isEqualTo("invalid_submission");
            assertThat(json(response).get("message").asText()).as(c.getKey()).contains(c.getValue());
        }
    }

    @Test
    void every_authentication_failure_answers_401_with_one_and_the_same_body() throws Exception {
        byte[] bytes = body().getBytes(StandardCharsets.UTF_8);
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();

        Map<String, String> unknownSite = signed(site, "msg_u", now(), bytes);
        SiteKey madeUp = SiteKey.of(dev.formbridge.tenant.TenantId.next(), dev.formbridge.site.SiteId.next());
        unknownSite.put("X-FormBridge-Site", madeUp.value());
        cases.put("unknown site", unknownSite);

        Map<String, String> garbageKey = signed(site, "msg_g", now(), bytes);
        garbageKey.put("X-FormBridge-Site", "not-a-site-key");
        cases.put("malformed site key", garbageKey);

        Map<String, String> noKey = signed(site, "msg_n", now(), bytes);
        noKey.remove("X-FormBridge-Site");
        cases.put("missing site key", noKey);

        Map<String, String> wrongSignature = signed(site, "msg_w", now(), bytes);
        wrongSignature.put("webhook-signature", WebhookSignature.sign(SigningSecret.generate(), "msg_w", now(), bytes));
        cases.put("wrong signature", wrongSignature);

        Map<String, String> missingSignature = signed(site, "msg_m", now(), bytes);
        missingSignature.remove("webhook-signature");
        cases.put("missing signature", missingSignature);

        Map<String, String> missingId = signed(site, "msg_i", now(), bytes);
        missingId.remove("webhook-id");
        cases.put("missing webhook-id", missingId);

        cases.put("stale timestamp", signed(site, "msg_s", now() - 310, bytes));
        cases.put("future timestamp", signed(site, "msg_f", now() + 310, bytes));

        Map<String, String> notANumber = signed(site, "msg_t", now(), bytes);
        notANumber.put("webhook-timestamp", "yesterday");
        cases.put("timestamp not a number", notANumber);

        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            HttpResponse<String> response = post(c.getValue(), bytes);
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(401);
            assertThat(response.body()).as(c.getKey()).isEqualTo(UNAUTHORIZED);
        }
    }

    @Test
    void a_disabled_site_or_tenant_answers_the_same_401() throws Exception {
        NewSecret other =
                LocalAdmin.create(runtime.storage(), runtime.cipher(), "Beta", "Blog", "https://blog.example");
        SiteService sites = new SiteService(runtime.storage(), runtime.cipher(), Clock.systemUTC());
        sites.setStatus(other.site().tenantId(), other.site().id(), SiteStatus.DISABLED);
        HttpResponse<String> disabledSite =
                post(signed(other, "msg_1", now(), body().getBytes(StandardCharsets.UTF_8)), body());

        sites.setStatus(other.site().tenantId(), other.site().id(), SiteStatus.ACTIVE);
        new TenantService(runtime.storage(), Clock.systemUTC())
                .setStatus(other.site().tenantId(), TenantStatus.DISABLED);
        HttpResponse<String> disabledTenant =
                post(signed(other, "msg_2", now(), body().getBytes(StandardCharsets.UTF_8)), body());

        assertThat(disabledSite.statusCode()).isEqualTo(401);
        assertThat(disabledSite.body()).isEqualTo(UNAUTHORIZED);
        assertThat(disabledTenant.statusCode()).isEqualTo(401);
        assertThat(disabledTenant.body()).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void a_body_over_256_kib_answers_413() throws Exception {
        String padding = "x".repeat(256 * 1024);
        String big = "{\"formId\":\"f\",\"fields\":{\"note\":\"" + padding + "\"}}";
        HttpResponse<String> response = post(signed(big), big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void a_body_of_exactly_256_kib_is_accepted() throws Exception {
        String head = "{\"formId\":\"f\",\"fields\":{\"note\":\"";
        String tail = "\"}}";
        String exact = head + "y".repeat(256 * 1024 - head.length() - tail.length()) + tail;
        assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSize(256 * 1024);

        assertThat(post(signed(exact), exact).statusCode()).isEqualTo(202);
    }

    @Test
    void a_wrong_content_type_answers_415() throws Exception {
        Map<String, String> headers = signed(body());
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        HttpResponse<String> response = post(headers, body());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("error").asText()).isEqualTo("unsupported_media_type");
        headers.remove("Content-Type");
        assertThat(post(headers, body()).statusCode()).isEqualTo(415);
    }

    @Test
    void a_json_content_type_with_a_charset_is_accepted() throws Exception {
        Map<String, String> headers = signed(body());
        headers.put("Content-Type", "application/json; charset=utf-8");
        assertThat(post(headers, body()).statusCode()).isEqualTo(202);
    }

    @Test
    void header_names_are_matched_in_any_case() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        signed(body()).forEach((name, value) -> headers.put(name.toUpperCase(java.util.Locale.ROOT), value));
        assertThat(post(headers, body()).statusCode()).isEqualTo(202);
    }

    @Test
    void a_signature_header_with_several_entries_passes_when_one_is_valid() throws Exception {
        Map<String, String> headers = signed(body());
        headers.put(
                "webhook-signature",
                "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + headers.get("webhook-signature"));
        assertThat(post(headers, body()).statusCode()).isEqualTo(202);
    }

    @Test
    void other_paths_and_methods_answer_404_and_405() throws Exception {
        HttpResponse<String> wrongPath = http.send(
                HttpRequest.newBuilder(URI.create(runtime.ingestUrl().replace("/v1/submissions", "/v2/x")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongMethod = http.send(
                HttpRequest.newBuilder(URI.create(runtime.ingestUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongPath.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    @Test
    void no_secret_and_no_field_value_appears_in_any_log_line() throws Exception {
        post(signed(body()), body());
        Map<String, String> bad = signed(body());
        bad.put("webhook-signature", "v1,AAAA");
        post(bad, body());
        String invalid = "{\"formId\":\"f\",\"fields\":{\"card\":{\"number\":\"4111-secret-card\"}}}";
        post(signed(invalid), invalid);
        String broken = "{\"formId\":\"f\",\"fields\":{\"pin\":\"9876-secret-pin\" oops";
        post(signed(broken), broken);

        String logged = logs.text();
        assertThat(logged).contains("submission accepted").contains("invalid_submission");
        assertThat(logged)
                .doesNotContain("ada.secret-value@example.org")
                .doesNotContain("4111-secret-card")
                .doesNotContain("9876-secret-pin")
                .doesNotContain(site.secret().reveal())
                .doesNotContain(site.secret().reveal().substring(6));
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
