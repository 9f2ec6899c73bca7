package dev.formbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.formbridge.Json;
import dev.formbridge.delivery.Mailer.MailException;
import dev.formbridge.delivery.Mailer.MailMessage;
import dev.formbridge.testutils.MotoServer;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;

/**
 * The SES adapter against moto's SES v2 (which checks the sender identity and records what was sent, keeping the HTML
 * body only), and, for the answers moto never gives (throttling, 5xx, suspended account...) and the request as sent,
 * against a local fake.
 */
class SesMailerTest {
    private static final String ANNA = "anna@example.org";
    private static final String BOB = "bob@example.org";
    private static final String SUBJECT = "Neue Anfrage – Zoë";
    private static final String TEXT = "Hallo, eine neue Anfrage von Zoë ist eingetroffen.";
    private static final String HTML = "<p>Hallo <b>Zoë</b></p>";

    /** Against moto; every test sends from its own sender, so tests sharing the server do not see each other's mail. */
    @Nested
    class AgainstMoto {
        private final String sender = "forms-" + UUID.randomUUID() + "@formbridge.test";
        private SesV2Client ses;

        @BeforeEach
        void createClient() {
            ses = MotoServer.shared().client(SesV2Client.builder());
        }

        @AfterEach
        void closeClient() {
            ses.close();
        }

        @Test
        void a_verified_sender_sends_and_ses_records_subject_recipients_and_html() throws Exception {
            // GIVEN a verified sender identity
            ses.createEmailIdentity(b -> b.emailIdentity(sender));

            // WHEN a message with umlauts is sent from it, under a display name with an umlaut, to two recipients
            new SesMailer(ses, Optional.empty())
                    .send(new MailMessage("Formular-Brücke <" + sender + ">", List.of(ANNA, BOB), SUBJECT, TEXT, HTML));

            // THEN SES took it as sent: the subject intact, both recipients, the HTML body, the name MIME-encoded
            JsonNode sent = sentFrom(sender);
            assertThat(sent.path("subject").asText()).isEqualTo(SUBJECT);
            assertThat(sent.path("destinations").path("ToAddresses"))
                    .extracting(JsonNode::asText)
                    .containsExactly(ANNA, BOB);
            assertThat(sent.path("body").asText()).isEqualTo(HTML);
            String source = sent.path("source").asText();
            assertThat(source).startsWith("=?UTF-8?").doesNotContain("ü");
            assertThat(MimeUtility.decodeText(source)).isEqualTo("Formular-Brücke <" + sender + ">");
        }

        @Test
        void an_unverified_sender_is_rejected_and_not_retryable() {
            // GIVEN a sender nobody verified
            // WHEN a message is sent from it
            MailException thrown = catchThrowableOfType(
                    MailException.class,
                    () -> new SesMailer(ses, Optional.empty())
                            .send(new MailMessage(sender, List.of(ANNA), SUBJECT, TEXT, HTML)));

            // THEN SES rejected it (MessageRejected), for good
            assertThat(thrown).isNotNull().hasCauseInstanceOf(MessageRejectedException.class);
            assertThat(thrown.retryable()).isFalse();
        }

        @Test
        void a_malformed_recipient_is_not_retryable() {
            // GIVEN a verified sender and a recipient that is no address
            ses.createEmailIdentity(b -> b.emailIdentity(sender));

            // WHEN a message is sent to it
            MailException thrown = catchThrowableOfType(
                    MailException.class,
                    () -> new SesMailer(ses, Optional.empty())
                            .send(new MailMessage(sender, List.of("not an address"), SUBJECT, TEXT, HTML)));

            // THEN it fails for good
            assertThat(thrown).isNotNull();
            assertThat(thrown.retryable()).isFalse();
        }

        /** moto's backend state: {@code /moto-api/data.json} lists every SES message it accepted. */
        private JsonNode sentFrom(String address) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(MotoServer.shared().endpoint() + "/moto-api/data.json"))
                    .build();
            try (HttpClient http = HttpClient.newHttpClient()) {
                String body =
                        http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                List<JsonNode> sent = StreamSupport.stream(
                                Json.MAPPER
                                        .readTree(body)
                                        .path("ses")
                                        .path("Message")
                                        .spliterator(),
                                false)
                        .filter(m -> m.path("source").asText().contains(address))
                        .toList();
                assertThat(sent).as("messages SES recorded from %s", address).hasSize(1);
                return sent.getFirst();
            }
        }
    }

    /** Against a local fake of SendEmail; the SDK's own retries are off, so one answer decides. */
    @Nested
    class AgainstAFake {
        private FakeSes fake;
        private SesV2Client ses;

        @AfterEach
        void stop() {
            ses.close();
            fake.close();
        }

        private SesMailer mailerAgainst(FakeSes fakeSes, Optional<String> configurationSet) {
            fake = fakeSes;
            ses = client(fakeSes.endpoint());
            return new SesMailer(ses, configurationSet);
        }

        @Test
        void the_request_carries_subject_text_and_html_in_utf8_and_the_configuration_set() {
            // GIVEN SES that accepts
            SesMailer mailer = mailerAgainst(FakeSes.answering(200, null), Optional.of("formbridge-events"));

            // WHEN a message is sent through a configuration set
            mailer.send(new MailMessage("noreply@formbridge.test", List.of(ANNA, BOB), SUBJECT, TEXT, HTML));

            // THEN one SendEmail carried simple content in UTF-8, both recipients and the configuration set
            assertThat(fake.requests()).hasSize(1);
            JsonNode request = fake.requests().getFirst();
            JsonNode simple = request.path("Content").path("Simple");
            assertThat(simple.path("Subject").path("Data").asText()).isEqualTo(SUBJECT);
            assertThat(simple.path("Body").path("Text").path("Data").asText()).isEqualTo(TEXT);
            assertThat(simple.path("Body").path("Html").path("Data").asText()).isEqualTo(HTML);
            assertThat(List.of(
                            simple.path("Subject"),
                            simple.path("Body").path("Text"),
                            simple.path("Body").path("Html")))
                    .allSatisfy(content ->
                            assertThat(content.path("Charset").asText()).isEqualTo("UTF-8"));
            assertThat(request.path("Destination").path("ToAddresses"))
                    .extracting(JsonNode::asText)
                    .containsExactly(ANNA, BOB);
            assertThat(request.path("FromEmailAddress").asText()).isEqualTo("noreply@formbridge.test");
            assertThat(request.path("ConfigurationSetName").asText()).isEqualTo("formbridge-events");
        }

        @ParameterizedTest(name = "HTTP {0} {1} -> retryable {3}")
        @CsvSource({
            "429, TooManyRequestsException, TooManyRequestsException, true",
            "500, InternalFailure, SesV2Exception, true",
            "503, ServiceUnavailable, SesV2Exception, true",
            "400, MessageRejected, MessageRejectedException, false",
            "400, MailFromDomainNotVerifiedException, MailFromDomainNotVerifiedException, false",
            "400, AccountSuspendedException, AccountSuspendedException, false",
            "400, SendingPausedException, SendingPausedException, false",
            "400, BadRequestException, BadRequestException, false",
            "404, NotFoundException, NotFoundException, false",
            "400, LimitExceededException, LimitExceededException, false",
        })
        void an_ses_error_is_retryable_only_when_throttled_or_a_server_error(
                int status, String errorType, String exception, boolean retryable) {
            // GIVEN SES that answers with this error
            SesMailer mailer = mailerAgainst(FakeSes.answering(status, errorType), Optional.empty());

            // WHEN a message is sent
            MailException thrown = catchThrowableOfType(
                    MailException.class,
                    () -> mailer.send(new MailMessage("noreply@formbridge.test", List.of(ANNA), SUBJECT, TEXT, HTML)));

            // THEN the SDK read the error as that exception, and the mailer judged it
            assertThat(thrown).isNotNull();
            assertThat(thrown.getCause().getClass().getSimpleName()).isEqualTo(exception);
            assertThat(thrown.retryable()).isEqualTo(retryable);
        }
    }

    @Test
    void an_unreachable_endpoint_is_retryable() throws IOException {
        // GIVEN an endpoint nobody listens on
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        // WHEN a message is sent there
        try (SesV2Client ses = client("http://127.0.0.1:" + port)) {
            MailException thrown = catchThrowableOfType(
                    MailException.class,
                    () -> new SesMailer(ses, Optional.empty())
                            .send(new MailMessage("noreply@formbridge.test", List.of(ANNA), SUBJECT, TEXT, HTML)));

            // THEN a later attempt may succeed
            assertThat(thrown).isNotNull();
            assertThat(thrown.retryable()).isTrue();
        }
    }

    private static SesV2Client client(String endpoint) {
        return SesV2Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** SendEmail over REST-JSON: records each request body and answers with {@code status} and {@code errorType}. */
    private static final class FakeSes implements AutoCloseable {
        private final HttpServer server;
        private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
        private final int status;
        private final String errorType;

        private FakeSes(int status, String errorType) {
            this.status = status;
            this.errorType = errorType;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/v2/email/outbound-emails", this::handle);
            server.start();
        }

        static FakeSes answering(int status, String errorType) {
            return new FakeSes(status, errorType);
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<JsonNode> requests() {
            return List.copyOf(requests);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                requests.add(Json.MAPPER.readTree(exchange.getRequestBody()));
                String body = errorType == null ? "{\"MessageId\":\"fake-1\"}" : "{\"message\":\"scripted\"}";
                if (errorType != null) {
                    exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
