package dev.formbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.formbridge.delivery.DeliveryJob;
import dev.formbridge.delivery.DeliveryWorker;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Consumes the delivery queue: one delivery attempt per message. Destination failures are handled inside the worker
 * (retry scheduling, dead letters); only storage or queue failures report the message as failed (partial batch
 * response), so SQS redelivers just that message and, after its max receives, moves it to the DLQ. EMF metrics count
 * outcomes without a tenant dimension (each dimension value is a billed metric); per-tenant numbers are in the table.
 */
public final class ConnectorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger log = LoggerFactory.getLogger(ConnectorHandler.class);

    private final DeliveryWorker worker;
    private final Metrics metrics;

    public ConnectorHandler() {
        this(ConnectorEnvironment.deliveryWorker(), Environment.metrics());
    }

    public ConnectorHandler(DeliveryWorker worker, Metrics metrics) {
        this.worker = worker;
        this.metrics = metrics;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                if (!handle(message)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
            metrics.addMetric("DeliveryJobsFailed", failures.size(), MetricUnit.COUNT);
            metrics.flush();
            return new SQSBatchResponse(failures);
        });
    }

    /**
     * Processes one message; false when SQS should deliver it again. Only a body that is not a job is dropped: whatever
     * processing throws (also an IllegalArgumentException) is a failure, or the job would be lost without an attempt.
     */
    private boolean handle(SQSEvent.SQSMessage message) {
        DeliveryJob job;
        try {
            job = DeliveryJob.fromJson(message.getBody());
        } catch (IllegalArgumentException unreadable) {
            log.error("unreadable delivery job {} dropped", message.getMessageId());
            return true;
        }
        try {
            count(worker.process(job));
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "delivery job {} failed: {}",
                    message.getMessageId(),
                    e.getClass().getSimpleName());
            return false;
        }
    }

    private void count(DeliveryWorker.Outcome outcome) {
        switch (outcome) {
            case DELIVERED -> metrics.addMetric("Delivered", 1, MetricUnit.COUNT);
            case RETRY_SCHEDULED -> metrics.addMetric("DeliveryRetried", 1, MetricUnit.COUNT);
            case FAILED -> metrics.addMetric("DeliveryFailed", 1, MetricUnit.COUNT);
            case NO_ATTEMPT -> {}
        }
    }
}
