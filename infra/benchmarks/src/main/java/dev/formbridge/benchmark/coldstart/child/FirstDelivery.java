package dev.formbridge.benchmark.coldstart.child;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.formbridge.lambda.ConnectorHandler;
import dev.formbridge.lambda.LocalContext;
import dev.formbridge.lambda.RouterHandler;
import java.util.List;
import java.util.Map;

/**
 * {@link FirstInvocation} for the asynchronous functions, apart from it so that the authorizer's and ingest's jars
 * never meet the SQS event types: builds the router's or the connector's handler with its public no-arg constructor
 * and hands it one event, a {@code SubmissionAccepted} bus event for the submission in {@code BENCH_*} or one SQS
 * message with the delivery job in {@code BENCH_JOB}. Usage: {@code FirstDelivery router|connector}.
 */
public final class FirstDelivery {
    private FirstDelivery() {}

    public static void main(String[] args) {
        long mainAt = System.currentTimeMillis();
        long start = System.nanoTime();
        String answer;
        long constructed;
        if ("router".equals(args[0])) {
            RouterHandler handler = new RouterHandler();
            constructed = System.nanoTime();
            answer = "queued=" + handler.handleRequest(busEvent(), new LocalContext("formbridge-router"));
        } else {
            ConnectorHandler handler = new ConnectorHandler();
            constructed = System.nanoTime();
            SQSBatchResponse response = handler.handleRequest(queueEvent(), new LocalContext("formbridge-connector"));
            answer = "failures=" + response.getBatchItemFailures().size();
        }
        Answer.print(mainAt, start, constructed, answer);
    }

    /** The bus event as the Lambda runtime hands it to the router: the EventBridge envelope as a map. */
    private static Map<String, Object> busEvent() {
        return Map.of(
                "version", "0",
                "detail-type", "SubmissionAccepted",
                "source", "formbridge.ingest",
                "detail",
                        Map.of(
                                "tenantId", Answer.env("BENCH_TENANT_ID"),
                                "siteId", Answer.env("BENCH_SITE_ID"),
                                "submissionId", Answer.env("BENCH_SUBMISSION_ID"),
                                "webhookId", Answer.env("BENCH_WEBHOOK_ID"),
                                "formId", "contact",
                                "receivedAt", Answer.env("BENCH_RECEIVED_AT"),
                                "sizeBytes", 400));
    }

    private static SQSEvent queueEvent() {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("first-delivery");
        message.setBody(Answer.env("BENCH_JOB"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }
}
