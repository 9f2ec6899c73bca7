package dev.formbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.formbridge.Json;
import dev.formbridge.delivery.DeliveryQueue.DeliveryQueueException;
import dev.formbridge.testutils.MotoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The SQS adapter in three groups: the pure batching and delay rules, the contract with moto's SQS (which honours
 * per-message delays and refuses delays over 900 s), and the re-send of refused entries against a local fake (moto
 * never refuses an entry that is valid).
 */
class SqsDeliveryQueueTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Nested
    class Batching {
        @Test
        void twenty_five_jobs_go_out_in_batches_of_at_most_ten_in_their_order() {
            // GIVEN 25 jobs
            List<DeliveryJob> jobs = jobs(25, NOW);

            // WHEN they are batched
            List<List<DeliveryJob>> batches = SqsDeliveryQueue.batches(jobs);

            // THEN SendMessageBatch's limit of 10 entries holds, and nothing is lost or reordered
            assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
            assertThat(batches.stream().flatMap(List::stream)).containsExactlyElementsOf(jobs);
        }

        @Test
        void jobs_of_about_100_KB_are_split_so_that_every_batch_stays_under_256_KiB() {
            // GIVEN five jobs whose bodies are about 100 KB each
            List<DeliveryJob> jobs = IntStream.range(0, 5)
                    .mapToObj(i -> new DeliveryJob("ten_1", "dlv_" + i, "sub_" + i, "x".repeat(100_000), NOW))
                    .toList();

            // WHEN they are batched
            List<List<DeliveryJob>> batches = SqsDeliveryQueue.batches(jobs);

            // THEN two fit in a batch, never three, and nothing is lost or reordered
            assertThat(batches).extracting(List::size).containsExactly(2, 2, 1);
            assertThat(batches)
                    .allSatisfy(batch -> assertThat(batch.stream()
                                    .mapToInt(job -> job.toJson().getBytes(StandardCharsets.UTF_8).length)
                                    .sum())
                            .isLessThanOrEqualTo(256 * 1024));
            assertThat(batches.stream().flatMap(List::stream)).containsExactlyElementsOf(jobs);
        }

        @Test
        void a_job_larger_than_256_KiB_is_rejected() {
            // GIVEN a job whose body alone is over 256 KiB
            DeliveryJob huge = new DeliveryJob("ten_1", "dlv_1", "sub_1", "x".repeat(300_000), NOW);

            // WHEN it is batched
            // THEN it is refused up front, naming the limit
            assertThatThrownBy(() -> SqsDeliveryQueue.batches(List.of(huge)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("256 KiB");
        }
    }

    @Nested
    class Delay {
        @Test
        void the_delay_is_the_whole_seconds_until_not_before_rounded_up() {
            assertThat(SqsDeliveryQueue.delaySeconds(NOW, NOW.plusSeconds(60))).isEqualTo(60);
            assertThat(SqsDeliveryQueue.delaySeconds(NOW, NOW.plusMillis(59_500)))
                    .isEqualTo(60);
        }

        @Test
        void a_job_already_due_has_no_delay_and_one_due_after_15_minutes_is_capped_at_900_seconds() {
            assertThat(SqsDeliveryQueue.delaySeconds(NOW, NOW.minusSeconds(30))).isZero();
            assertThat(SqsDeliveryQueue.delaySeconds(NOW, NOW.plus(Duration.ofHours(2))))
                    .isEqualTo(900);
        }
    }

    /** Against moto's SQS, which enforces the batch limits, distinct entry ids and the 900 s delay cap. */
    @Nested
    class AgainstMoto {
        private final List<SendMessageBatchRequest> requests = new CopyOnWriteArrayList<>();
        private final Instant now = Instant.now();
        private SqsClient sqs;
        private String queueUrl;
        private SqsDeliveryQueue queue;

        @BeforeEach
        void createQueueWithDeadLetterQueue() {
            sqs = MotoServer.shared()
                    .client(SqsClient.builder()
                            .overrideConfiguration(c -> c.addExecutionInterceptor(new RecordBatchRequests(requests))));
            String name = "deliveries-" + UUID.randomUUID();
            String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"5\"}";
            queueUrl = sqs.createQueue(
                            b -> b.queueName(name).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive)))
                    .queueUrl();
            assertThat(sqs.getQueueAttributes(
                                    b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                            .attributes()
                            .get(QueueAttributeName.REDRIVE_POLICY))
                    .contains(dlqArn);
            queue = new SqsDeliveryQueue(sqs, queueUrl, Clock.fixed(now, ZoneOffset.UTC));
        }

        @AfterEach
        void closeClient() {
            sqs.close();
        }

        @Test
        void twenty_five_due_jobs_are_received_exactly_once_and_parse_back_to_the_same_jobs() {
            // GIVEN 25 jobs that are due now
            List<DeliveryJob> jobs = jobs(25, now);

            // WHEN they are sent (three SendMessageBatch calls)
            queue.send(jobs);

            // THEN each arrives once, its body parsing back to the job
            assertThat(requests).extracting(r -> r.entries().size()).containsExactly(10, 10, 5);
            List<DeliveryJob> received = receive(jobs.size(), Duration.ofSeconds(10));
            assertThat(received).containsExactlyInAnyOrderElementsOf(jobs);
        }

        @Test
        void a_job_due_in_60_seconds_is_sent_with_that_delay_and_is_not_receivable_yet() {
            // GIVEN a job due now and one due in 60 s
            DeliveryJob due = job(1, now);
            DeliveryJob later = job(2, now.plusSeconds(60));

            // WHEN both are sent in one batch
            queue.send(List.of(due, later));

            // THEN the request delays only the later one, by 60 s, and moto holds it back while handing out the other
            assertThat(requests).hasSize(1);
            assertThat(requests.getFirst().entries())
                    .extracting(SendMessageBatchRequestEntry::delaySeconds)
                    .containsExactly(0, 60);
            assertThat(receiveOnce()).containsExactly(due);
            assertThat(delayedMessages()).isEqualTo(1);
        }

        @Test
        void a_job_due_in_two_hours_is_sent_with_the_maximum_delay_of_900_seconds() {
            // GIVEN a job due in two hours, past SQS's 15-minute delay cap (moto refuses a larger delay)
            DeliveryJob muchLater = job(1, now.plus(Duration.ofHours(2)));

            // WHEN it is sent
            queue.send(muchLater);

            // THEN it is accepted with the delay capped at 900 s and held back
            assertThat(requests.getFirst().entries())
                    .extracting(SendMessageBatchRequestEntry::delaySeconds)
                    .containsExactly(900);
            assertThat(receiveOnce()).isEmpty();
            assertThat(delayedMessages()).isEqualTo(1);
        }

        /** Receives until {@code expected} jobs arrived or the time is up, then once more to catch duplicates. */
        private List<DeliveryJob> receive(int expected, Duration timeout) {
            List<DeliveryJob> received = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                received.addAll(receiveOnce());
            }
            received.addAll(receiveOnce());
            return received;
        }

        private List<DeliveryJob> receiveOnce() {
            List<Message> messages = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            messages.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
            return messages.stream().map(m -> DeliveryJob.fromJson(m.body())).toList();
        }

        private int delayedMessages() {
            return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                    .attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
        }
    }

    /** Against a local HTTP server playing SendMessageBatch; the SDK's own retries are off, so every call seen is ours. */
    @Nested
    class ResendingRefusedEntries {
        private FakeQueue fake;
        private SqsClient sqs;

        @AfterEach
        void stop() {
            sqs.close();
            fake.close();
        }

        private SqsDeliveryQueue queueAgainst(FakeQueue queue) {
            fake = queue;
            sqs = SqsClient.builder()
                    .endpointOverride(URI.create(queue.endpoint()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build();
            return new SqsDeliveryQueue(
                    sqs, queue.endpoint() + "/000000000000/deliveries", Clock.fixed(NOW, ZoneOffset.UTC));
        }

        @Test
        void an_entry_refused_once_is_sent_again_alone_and_the_send_succeeds() {
            // GIVEN a queue that refuses the second entry of the first call only
            SqsDeliveryQueue queue = queueAgainst(FakeQueue.refusing((call, index) -> call == 1 && index == 1));
            List<DeliveryJob> jobs = jobs(3, NOW);

            // WHEN three jobs are sent
            queue.send(jobs);

            // THEN a second call carried exactly the refused job, and ids were distinct within each call
            assertThat(fake.calls()).hasSize(2);
            assertThat(jobsIn(fake.calls().get(0))).containsExactlyElementsOf(jobs);
            assertThat(jobsIn(fake.calls().get(1))).containsExactly(jobs.get(1));
            assertThat(fake.calls()).allSatisfy(call -> assertThat(ids(call)).doesNotHaveDuplicates());
        }

        @Test
        void an_entry_refused_on_every_attempt_is_reported_after_three_attempts() {
            // GIVEN a queue that refuses the middle entry of the first call, then every entry it is sent again
            SqsDeliveryQueue queue = queueAgainst(FakeQueue.refusing((call, index) -> call > 1 || index == 1));
            List<DeliveryJob> jobs = jobs(3, NOW);

            // WHEN three jobs are sent
            DeliveryQueueException thrown = catchThrowableOfType(DeliveryQueueException.class, () -> queue.send(jobs));

            // THEN only the refused one is reported, after one call with all three and two re-sends of it alone
            assertThat(thrown).isNotNull().hasMessageContaining("1 of 3");
            assertThat(thrown.failed()).containsExactly(jobs.get(1));
            assertThat(fake.calls()).hasSize(SqsDeliveryQueue.MAX_ATTEMPTS);
            assertThat(jobsIn(fake.calls().get(0))).hasSize(3);
            assertThat(fake.calls().subList(1, 3))
                    .allSatisfy(call -> assertThat(jobsIn(call)).containsExactly(jobs.get(1)));
        }

        @Test
        void a_queue_that_fails_every_call_makes_the_send_fail_with_all_jobs_and_the_cause() {
            // GIVEN a queue that answers every call with a server error
            SqsDeliveryQueue queue = queueAgainst(FakeQueue.down());
            List<DeliveryJob> jobs = jobs(2, NOW);

            // WHEN two jobs are sent
            DeliveryQueueException thrown = catchThrowableOfType(DeliveryQueueException.class, () -> queue.send(jobs));

            // THEN both are reported, with the SDK's error as the cause, after three calls
            assertThat(thrown).isNotNull().hasCauseInstanceOf(SdkException.class);
            assertThat(thrown.failed()).containsExactlyElementsOf(jobs);
            assertThat(fake.calls()).hasSize(SqsDeliveryQueue.MAX_ATTEMPTS);
        }

        private static List<DeliveryJob> jobsIn(JsonNode call) {
            List<DeliveryJob> jobs = new ArrayList<>();
            call.path("Entries")
                    .forEach(entry -> jobs.add(
                            DeliveryJob.fromJson(entry.path("MessageBody").asText())));
            return jobs;
        }

        private static List<String> ids(JsonNode call) {
            List<String> ids = new ArrayList<>();
            call.path("Entries").forEach(entry -> ids.add(entry.path("Id").asText()));
            return ids;
        }
    }

    /** Records the SendMessageBatch requests a client makes, as the SDK built them. */
    private record RecordBatchRequests(List<SendMessageBatchRequest> requests) implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof SendMessageBatchRequest request) {
                requests.add(request);
            }
        }
    }

    /**
     * SendMessageBatch over SQS's JSON 1.0 protocol: records each call and refuses the entries {@code refuses(call,
     * index)} names (call numbers start at 1), or answers every call with HTTP 500 when {@code down}.
     */
    private static final class FakeQueue implements AutoCloseable {
        private final HttpServer server;
        private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
        private final BiPredicate<Integer, Integer> refuses;
        private final boolean down;

        private FakeQueue(BiPredicate<Integer, Integer> refuses, boolean down) {
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

        static FakeQueue refusing(BiPredicate<Integer, Integer> refuses) {
            return new FakeQueue(refuses, false);
        }

        static FakeQueue down() {
            return new FakeQueue((call, index) -> true, true);
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<JsonNode> calls() {
            return List.copyOf(calls);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                if (!"AmazonSQS.SendMessageBatch"
                        .equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                    respond(exchange, 400, "{\"__type\":\"com.amazonaws.sqs#InvalidAction\",\"message\":\"no\"}");
                    return;
                }
                JsonNode call = Json.MAPPER.readTree(exchange.getRequestBody());
                calls.add(call);
                if (down) {
                    respond(exchange, 500, "{\"__type\":\"com.amazonaws.sqs#InternalError\",\"message\":\"down\"}");
                    return;
                }
                respond(exchange, 200, answer(calls.size(), call.path("Entries")));
            }
        }

        private String answer(int callNumber, JsonNode entries) {
            List<String> successful = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                String id = entries.get(i).path("Id").asText();
                if (refuses.test(callNumber, i)) {
                    failed.add("{\"Id\":\"" + id
                            + "\",\"SenderFault\":false,\"Code\":\"InternalError\",\"Message\":\"x\"}");
                } else {
                    // the SDK checks each accepted body against its MD5
                    String md5 = md5(entries.get(i).path("MessageBody").asText());
                    successful.add("{\"Id\":\"" + id + "\",\"MessageId\":\"m" + callNumber + "-" + i
                            + "\",\"MD5OfMessageBody\":\"" + md5 + "\"}");
                }
            }
            return "{\"Successful\":[" + String.join(",", successful) + "],\"Failed\":[" + String.join(",", failed)
                    + "]}";
        }

        private static String md5(String text) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void respond(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static List<DeliveryJob> jobs(int count, Instant notBefore) {
        return IntStream.range(0, count).mapToObj(i -> job(i, notBefore)).toList();
    }

    private static DeliveryJob job(int i, Instant notBefore) {
        return new DeliveryJob("ten_1", "dlv_" + i, "sub_" + i, "con_1", notBefore);
    }
}
