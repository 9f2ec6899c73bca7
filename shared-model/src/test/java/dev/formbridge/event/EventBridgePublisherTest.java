package dev.formbridge.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.formbridge.Json;
import dev.formbridge.event.EventPublisher.EventPublishException;
import dev.formbridge.testutils.MotoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The EventBridge adapter in three groups: the pure batching rule, the contract with moto's EventBridge, and the re-send
 * of refused entries against a local fake (moto never refuses an entry).
 */
class EventBridgePublisherTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-26T10:00:00Z");

    @Nested
    class Batching {
        @Test
        void twenty_five_events_go_out_in_batches_of_at_most_ten_in_their_order() {
            // GIVEN 25 small events
            List<EventEnvelope> events = accepted(25);

            // WHEN they are batched
            List<List<EventEnvelope>> batches = EventBridgePublisher.batches(events);

            // THEN PutEvents' limit of 10 entries holds, and nothing is lost or reordered
            assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
            assertThat(batches.stream().flatMap(List::stream)).containsExactlyElementsOf(events);
        }

        @Test
        void events_of_about_100_KB_are_split_so_that_every_batch_stays_under_256_KiB() {
            // GIVEN five distinct events of about 100 KB each
            List<EventEnvelope> events =
                    IntStream.range(0, 5).mapToObj(i -> sized(100_000 + i)).toList();

            // WHEN they are batched
            List<List<EventEnvelope>> batches = EventBridgePublisher.batches(events);

            // THEN two fit in a batch, never three, and nothing is lost or reordered
            assertThat(batches).extracting(List::size).containsExactly(2, 2, 1);
            assertThat(batches)
                    .allSatisfy(batch -> assertThat(batch.stream()
                                    .mapToInt(EventEnvelope::sizeBytes)
                                    .sum())
                            .isLessThan(256 * 1024));
            assertThat(batches.stream().flatMap(List::stream)).containsExactlyElementsOf(events);
        }

        @Test
        void an_event_larger_than_256_KB_is_rejected() {
            // GIVEN a small event and one of 300 KB
            List<EventEnvelope> events = List.of(accepted(1).getFirst(), sized(300_000));

            // WHEN they are batched
            // THEN the big one is refused up front, naming the limit
            assertThatThrownBy(() -> EventBridgePublisher.batches(events))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("256 KB");
        }
    }

    /** Against moto's EventBridge, which evaluates rule patterns and delivers to SQS targets. */
    @Nested
    class AgainstMoto {
        private EventBridgeClient eventBridge;
        private SqsClient sqs;

        @BeforeEach
        void createClients() {
            eventBridge = MotoServer.shared().client(EventBridgeClient.builder());
            sqs = MotoServer.shared().client(SqsClient.builder());
        }

        @AfterEach
        void closeClients() {
            eventBridge.close();
            sqs.close();
        }

        @Test
        void twenty_five_accepted_submissions_reach_the_router_queue_exactly_once_with_their_detail() {
            // GIVEN a bus whose router rule (the production pattern) targets a queue
            String bus = "formbridge-" + UUID.randomUUID();
            String queueUrl = sqs.createQueue(b -> b.queueName(bus)).queueUrl();
            String queueArn = sqs.getQueueAttributes(
                            b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            eventBridge.createEventBus(b -> b.name(bus));
            eventBridge.putRule(b -> b.name(EventContract.ROUTER_RULE)
                    .eventBusName(bus)
                    .eventPattern(EventContract.SUBMISSION_ACCEPTED_PATTERN));
            eventBridge.putTargets(b -> b.rule(EventContract.ROUTER_RULE)
                    .eventBusName(bus)
                    .targets(Target.builder().id("router").arn(queueArn).build()));
            List<EventEnvelope> events = accepted(25);

            // WHEN they are published through the adapter (three PutEvents calls)
            new EventBridgePublisher(eventBridge, bus).publish(events);

            // THEN each arrives once, with its source, detail-type, detail and time intact
            List<JsonNode> received = receive(queueUrl, events.size(), Duration.ofSeconds(10));
            assertThat(received).hasSize(25);
            assertThat(received).allSatisfy(event -> {
                assertThat(event.path("source").asText()).isEqualTo(EventContract.SOURCE_INGEST);
                assertThat(event.path("detail-type").asText()).isEqualTo(EventContract.SUBMISSION_ACCEPTED);
            });
            assertThat(received.stream().map(event -> event.path("detail")))
                    .containsExactlyInAnyOrderElementsOf(
                            events.stream().map(e -> json(e.detail())).toList());
            assertThat(received.stream()
                            .map(event -> Instant.parse(event.path("time").asText())))
                    .containsExactlyInAnyOrderElementsOf(
                            events.stream().map(EventEnvelope::time).toList());
        }

        /** Receives until {@code expected} messages arrived or the time is up, then once more to catch duplicates. */
        private List<JsonNode> receive(String queueUrl, int expected, Duration timeout) {
            List<JsonNode> received = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                received.addAll(receiveOnce(queueUrl));
            }
            received.addAll(receiveOnce(queueUrl));
            return received;
        }

        private List<JsonNode> receiveOnce(String queueUrl) {
            List<Message> messages = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            messages.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
            return messages.stream().map(m -> json(m.body())).toList();
        }
    }

    /** Against a local HTTP server playing PutEvents; the SDK's own retries are off, so every call seen is ours. */
    @Nested
    class ResendingRefusedEntries {
        private static final String BUS = "formbridge";

        private FakeBus fake;
        private EventBridgeClient eventBridge;

        @AfterEach
        void stop() {
            eventBridge.close();
            fake.close();
        }

        private EventBridgePublisher publisherAgainst(FakeBus bus) {
            fake = bus;
            eventBridge = EventBridgeClient.builder()
                    .endpointOverride(URI.create(bus.endpoint()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build();
            return new EventBridgePublisher(eventBridge, BUS);
        }

        @Test
        void an_entry_refused_once_is_sent_again_alone_and_the_publish_succeeds() {
            // GIVEN a bus that refuses the second entry of the first call only
            EventBridgePublisher publisher =
                    publisherAgainst(FakeBus.refusing((call, index) -> call == 1 && index == 1));
            List<EventEnvelope> events = accepted(2);

            // WHEN two events are published
            publisher.publish(events);

            // THEN a second call carried exactly the refused entry
            assertThat(fake.calls()).hasSize(2);
            assertThat(details(fake.calls().get(0)))
                    .containsExactly(events.get(0).detail(), events.get(1).detail());
            assertThat(details(fake.calls().get(1)))
                    .containsExactly(events.get(1).detail());
            assertThat(fake.calls())
                    .allSatisfy(call -> assertThat(call.path("Entries")
                                    .get(0)
                                    .path("EventBusName")
                                    .asText())
                            .isEqualTo(BUS));
        }

        @Test
        void an_entry_refused_on_every_attempt_is_reported_after_three_attempts() {
            // GIVEN a bus that always refuses the middle entry of the first call, then every entry it is sent again
            EventBridgePublisher publisher =
                    publisherAgainst(FakeBus.refusing((call, index) -> call > 1 || index == 1));
            List<EventEnvelope> events = accepted(3);

            // WHEN three events are published
            EventPublishException thrown =
                    catchThrowableOfType(EventPublishException.class, () -> publisher.publish(events));

            // THEN only the refused one is reported, after one call with all three and two re-sends of it alone
            assertThat(thrown).isNotNull().hasMessageContaining("1 of 3");
            assertThat(thrown.failed()).containsExactly(events.get(1));
            assertThat(fake.calls()).hasSize(EventBridgePublisher.MAX_ATTEMPTS);
            assertThat(details(fake.calls().get(0))).hasSize(3);
            assertThat(fake.calls().subList(1, 3))
                    .allSatisfy(call -> assertThat(details(call))
                            .containsExactly(events.get(1).detail()));
        }

        @Test
        void a_bus_that_fails_every_call_makes_the_publish_fail_with_all_events_and_the_cause() {
            // GIVEN a bus that answers every call with a server error
            EventBridgePublisher publisher = publisherAgainst(FakeBus.down());
            List<EventEnvelope> events = accepted(2);

            // WHEN two events are published
            EventPublishException thrown =
                    catchThrowableOfType(EventPublishException.class, () -> publisher.publish(events));

            // THEN both are reported, with the SDK's error as the cause, after three calls
            assertThat(thrown).isNotNull().hasCauseInstanceOf(SdkException.class);
            assertThat(thrown.failed()).containsExactlyElementsOf(events);
            assertThat(fake.calls()).hasSize(EventBridgePublisher.MAX_ATTEMPTS);
        }

        @Test
        void a_bus_that_never_answers_fails_a_bounded_publish_within_its_bound() throws IOException {
            // GIVEN a bus that takes connections and never answers, and a client with the SDK's default retries
            try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                    EventBridgeClient client = EventBridgeClient.builder()
                            .endpointOverride(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                            .region(Region.US_EAST_1)
                            .credentialsProvider(
                                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                            .httpClientBuilder(ApacheHttpClient.builder())
                            .build()) {
                EventBridgePublisher publisher = new EventBridgePublisher(client, BUS);
                long started = System.nanoTime();

                // WHEN one event is published with 2 s to do it
                EventPublishException thrown = catchThrowableOfType(
                        EventPublishException.class,
                        () -> publisher.publish(accepted(1).getFirst(), Duration.ofSeconds(2)));

                // THEN it fails within the bound ingest gave it, not after the HTTP client's 30 s per read and the
                // SDK's and the publisher's retries
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(thrown).isNotNull();
                assertThat(took).isBetween(Duration.ofMillis(1_900), Duration.ofSeconds(4));
            }
            fake = FakeBus.down(); // for stop()
            eventBridge = EventBridgeClient.builder()
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .build();
        }

        private static List<String> details(JsonNode call) {
            List<String> details = new ArrayList<>();
            call.path("Entries")
                    .forEach(entry -> details.add(entry.path("Detail").asText()));
            return details;
        }
    }

    /**
     * PutEvents over the JSON protocol: records each call and refuses the entries {@code refuses(call, index)} names
     * (call numbers start at 1), or answers every call with HTTP 500 when {@code down}.
     */
    private static final class FakeBus implements AutoCloseable {
        private final HttpServer server;
        private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
        private final BiPredicate<Integer, Integer> refuses;
        private final boolean down;

        private FakeBus(BiPredicate<Integer, Integer> refuses, boolean down) {
            this.refuses = refuses;
            this.down = down;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        static FakeBus refusing(BiPredicate<Integer, Integer> refuses) {
            return new FakeBus(refuses, false);
        }

        static FakeBus down() {
            return new FakeBus((call, index) -> true, true);
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<JsonNode> calls() {
            return List.copyOf(calls);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                if (!"AWSEvents.PutEvents".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                    respond(exchange, 400, "{\"__type\":\"UnknownOperationException\",\"message\":\"not PutEvents\"}");
                    return;
                }
                JsonNode call = Json.MAPPER.readTree(exchange.getRequestBody());
                calls.add(call);
                if (down) {
                    respond(exchange, 500, "{\"__type\":\"InternalException\",\"message\":\"down\"}");
                    return;
                }
                respond(exchange, 200, answer(calls.size(), call.path("Entries").size()));
            }
        }

        private String answer(int callNumber, int entries) {
            StringBuilder results = new StringBuilder();
            int failed = 0;
            for (int i = 0; i < entries; i++) {
                boolean refused = refuses.test(callNumber, i);
                failed += refused ? 1 : 0;
                results.append(i == 0 ? "" : ",")
                        .append(
                                refused
                                        ? "{\"ErrorCode\":\"InternalException\",\"ErrorMessage\":\"x\"}"
                                        : "{\"EventId\":\"e" + callNumber + "-" + i + "\"}");
            }
            return "{\"FailedEntryCount\":" + failed + ",\"Entries\":[" + results + "]}";
        }

        private static void respond(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static List<EventEnvelope> accepted(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new SubmissionAccepted(
                                "ten_1",
                                "site_1",
                                "sub_" + i,
                                "msg_" + i,
                                "contact",
                                RECEIVED.plusSeconds(i),
                                1_000 + i)
                        .toEnvelope())
                .toList();
    }

    private static EventEnvelope sized(int detailBytes) {
        String detail = "{\"pad\":\"" + "x".repeat(detailBytes - 10) + "\"}";
        return new EventEnvelope(EventContract.SOURCE_INGEST, "Padded", detail, RECEIVED);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }
}
