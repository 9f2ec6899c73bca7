package dev.formbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.formbridge.Json;
import dev.formbridge.delivery.Delivery;
import dev.formbridge.delivery.Router;
import dev.formbridge.event.SubmissionAccepted;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The target of the bus rule for {@code SubmissionAccepted}: routes the submission to its tenant's matching connectors.
 * A failure (storage, queue) throws, so EventBridge retries the event; routing is idempotent. The event arrives as a
 * plain map (the runtime's JSON) rather than the events library's {@code ScheduledEvent}, whose time field would
 * bring joda-time into the router's jar for nothing: only {@code detail} is read.
 */
public final class RouterHandler implements RequestHandler<Map<String, Object>, Integer> {
    private final Router router;
    private final Metrics metrics;

    public RouterHandler() {
        this(
                new Router(
                        Environment.storage(),
                        DeliveryEnvironment.deliveryQueue(),
                        Clock.systemUTC(),
                        Duration.ofSeconds(30)),
                Environment.metrics());
    }

    public RouterHandler(Router router, Metrics metrics) {
        this.router = router;
        this.metrics = metrics;
    }

    /** Returns how many deliveries were queued. */
    @Override
    public Integer handleRequest(Map<String, Object> event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            try {
                List<Delivery> queued =
                        router.route(SubmissionAccepted.fromDetail(Json.MAPPER.valueToTree(event.get("detail"))));
                metrics.addMetric("DeliveriesQueued", queued.size(), MetricUnit.COUNT);
                return queued.size();
            } finally {
                metrics.flush();
            }
        });
    }
}
