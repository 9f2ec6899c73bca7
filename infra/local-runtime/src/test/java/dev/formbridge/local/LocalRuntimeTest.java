package dev.formbridge.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.site.SiteService.NewSecret;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runtime as a whole: failures of its parts, limits, and data that survives a restart. */
class LocalRuntimeTest {
    @TempDir
    Path data;

    @Test
    void the_test_sender_without_a_url_sends_to_the_port_the_running_runtime_wrote() throws Exception {
        LocalConfig config = LocalConfig.forTests(data, Map.of());
        assertThat(TestSender.runningIngestUrl(config.runtimeFile())).isEqualTo("http://127.0.0.1:8080/v1/submissions");

        try (LocalRuntime runtime = LocalRuntime.start(config)) {
            assertThat(runtime.ingestUrl()).doesNotContain(":8080/");
            assertThat(TestSender.runningIngestUrl(config.runtimeFile())).isEqualTo(runtime.ingestUrl());
        }
    }

    @Test
    void the_test_sender_answers_bad_arguments_and_a_stopped_runtime_with_one_line_not_a_stack_trace()
            throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream o = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        java.io.PrintStream e = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        String key = "fbk_01ARZ3NDEKTSV4RRFFQ69G5FAV_01ARZ3NDEKTSV4RRFFQ69G5FAW";
        String secret = dev.formbridge.secret.SigningSecret.generate().reveal();
        Path noRuntime = data.resolve("runtime.properties");

        int badSecret = TestSender.run(new String[] {key, "not-a-secret"}, noRuntime, o, e);
        int nothingThere =
                TestSender.run(new String[] {key, secret, "http://127.0.0.1:9/v1/submissions"}, noRuntime, o, e);

        assertThat(badSecret).isEqualTo(2);
        assertThat(nothingThere).isEqualTo(1);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList())
                .hasSize(2)
                .satisfiesExactly(
                        line -> assertThat(line).startsWith("send: invalid signing secret"),
                        line -> assertThat(line).startsWith("send: nothing answers at http://127.0.0.1:9/"));
        assertThat(out.size()).isZero();
    }

    @Test
    void with_storage_down_ingest_answers_503_with_retry_after_and_publishes_nothing() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(LocalConfig.forTests(data, Map.of()))) {
            Sender sender = new Sender(runtime);
            assertThat(sender.send("msg_before").statusCode()).isEqualTo(202);
            long published = runtime.bus().acceptedCount();

            runtime.dynalite().close();
            HttpResponse<String> down = sender.send("msg_during");

            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(down.body()).contains("\"error\":\"unavailable\"");
            Thread.sleep(100);
            assertThat(runtime.bus().acceptedCount()).isEqualTo(published);
        }
    }

    @Test
    void a_burst_above_the_site_limit_gets_429_with_retry_after_over_http() throws Exception {
        Map<String, String> limits = Map.of("FORMBRIDGE_SITE_RATE_PER_SECOND", "0.5", "FORMBRIDGE_SITE_BURST", "3");
        try (LocalRuntime runtime = LocalRuntime.start(LocalConfig.forTests(data, limits))) {
            Sender sender = new Sender(runtime);
            List<HttpResponse<String>> burst = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                burst.add(sender.send("msg_" + i));
            }
            assertThat(burst.subList(0, 3))
                    .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
            assertThat(burst.subList(3, 6)).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.headers().firstValue("Retry-After").map(Long::parseLong))
                        .hasValueSatisfying(s -> assertThat(s).isBetween(1L, 2L));
            });
        }
    }

    @Test
    void data_survives_a_restart_and_dynalite_stops_with_the_runtime() throws Exception {
        LocalConfig config = new LocalConfig(data, 0, 0, true, Map.of());
        String original;
        NewSecret site;
        try (LocalRuntime first = LocalRuntime.start(config)) {
            Sender sender = new Sender(first);
            site = sender.site;
            HttpResponse<String> accepted = sender.send("msg_restart");
            assertThat(accepted.statusCode()).isEqualTo(202);
            original = accepted.body();
            first.close();
            assertThat(first.dynalite().isRunning()).isFalse();
        }
        try (LocalRuntime second = LocalRuntime.start(config)) {
            HttpResponse<String> again = new Sender(second, site).send("msg_restart");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body())
                    .contains(original.substring(original.indexOf("sub_"), original.indexOf("sub_") + 30));
        }
    }

    /** A WordPress-like sender for one site of the runtime. */
    static final class Sender {
        final LocalRuntime runtime;
        final NewSecret site;

        Sender(LocalRuntime runtime) {
            this(
                    runtime,
                    LocalAdmin.create(runtime.storage(), runtime.cipher(), "Acme", "Shop", "https://shop.example"));
        }

        Sender(LocalRuntime runtime, NewSecret site) {
            this.runtime = runtime;
            this.site = site;
        }

        HttpResponse<String> send(String id) throws Exception {
            return send(IngestContractTest.body(), id);
        }

        HttpResponse<String> send(String text, String id) throws Exception {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = IngestContractTest.signed(site, id, IngestContractTest.now(), body);
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(runtime.ingestUrl()))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            try (var http = java.net.http.HttpClient.newHttpClient()) {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
        }
    }
}
