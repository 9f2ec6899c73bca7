package dev.formbridge.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Alarms on the signals an operator must act on — function errors and throttles (on the {@code live} aliases), any
 * message in a dead-letter queue, ingest's p99 latency as senders see it, and server errors of the API — sent to one
 * SNS topic; and a dashboard with the same signals next to Form-Bridge's own EMF metrics.
 */
public final class Observability extends Construct {
    /** Senders wait for ingest: p99 above this for three 5-minute periods alarms. */
    public static final Duration INGEST_P99_LIMIT = Duration.seconds(1);

    private final Topic alarms;
    private final List<Alarm> created = new ArrayList<>();

    public Observability(Construct scope, String id, ObservabilityProps props) {
        super(scope, id);
        this.alarms = Topic.Builder.create(this, "Alarms")
                .displayName("Form-Bridge alarms")
                .build();
        if (!props.alarmEmail().isBlank()) {
            alarms.addSubscription(new EmailSubscription(props.alarmEmail()));
        }
        for (JavaFunction function : props.functions()) {
            String name = function.getNode().getId();
            alarm(name + "Errors", function.alias().metricErrors(fiveMinutes("Sum")), 1, 1);
            alarm(name + "Throttles", function.alias().metricThrottles(fiveMinutes("Sum")), 1, 1);
        }
        props.deadLetterQueues()
                .forEach((name, queue) -> alarm(
                        name + "DeadLetters",
                        queue.metricApproximateNumberOfMessagesVisible(fiveMinutes("Maximum")),
                        1,
                        1));
        alarm(
                "IngestLatencyP99",
                props.ingest().api().metricLatency(fiveMinutes("p99")),
                INGEST_P99_LIMIT.toMilliseconds().doubleValue(),
                3);
        alarm("IngestServerErrors", props.ingest().api().metricServerError(fiveMinutes("Sum")), 5, 1);
        createDashboard(props);
    }

    private static MetricOptions fiveMinutes(String statistic) {
        return MetricOptions.builder()
                .statistic(statistic)
                .period(Duration.minutes(5))
                .build();
    }

    private void alarm(String id, IMetric metric, double threshold, int periods) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(alarms));
        created.add(alarm);
    }

    private void createDashboard(ObservabilityProps props) {
        List<IWidget> widgets = new ArrayList<>();
        widgets.add(graph(
                "Ingest API: requests, 4xx, 5xx",
                List.of(
                        props.ingest().api().metricCount(fiveMinutes("Sum")),
                        props.ingest().api().metricClientError(fiveMinutes("Sum")),
                        props.ingest().api().metricServerError(fiveMinutes("Sum")))));
        widgets.add(graph(
                "Ingest API latency (ms): p50, p99",
                List.of(
                        props.ingest().api().metricLatency(fiveMinutes("p50")),
                        props.ingest().api().metricLatency(fiveMinutes("p99")))));
        widgets.add(graph("Submissions", List.of(emf("Accepted"), emf("Duplicate"), emf("Rejected"))));
        widgets.add(graph(
                "Deliveries",
                List.of(emf("DeliveriesQueued"), emf("Delivered"), emf("DeliveryRetried"), emf("DeliveryFailed"))));
        List<IMetric> errors = new ArrayList<>();
        List<IMetric> durations = new ArrayList<>();
        for (JavaFunction function : props.functions()) {
            errors.add(function.alias().metricErrors(fiveMinutes("Sum")));
            errors.add(function.alias().metricThrottles(fiveMinutes("Sum")));
            durations.add(function.alias().metricDuration(fiveMinutes("p99")));
        }
        widgets.add(graph("Function errors and throttles", errors));
        widgets.add(graph("Function duration p99 (ms)", durations));
        widgets.add(graph(
                "Dead-letter queues (messages)",
                props.deadLetterQueues().values().stream()
                        .map(q -> (IMetric) q.metricApproximateNumberOfMessagesVisible(fiveMinutes("Maximum")))
                        .toList()));
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("FormBridge")
                .build();
        for (int i = 0; i < widgets.size(); i += 2) {
            dashboard.addWidgets(
                    widgets.subList(i, Math.min(i + 2, widgets.size())).toArray(IWidget[]::new));
        }
    }

    /** A Form-Bridge EMF metric over all its dimensions (service, reason; never a tenant: each value is billed). */
    private static IMetric emf(String name) {
        return MathExpression.Builder.create()
                .expression("SEARCH('{FormBridge} MetricName=\"" + name + "\"', 'Sum', 300)")
                .usingMetrics(Map.of())
                .label(name)
                .period(Duration.minutes(5))
                .build();
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(12).build();
    }

    public Topic alarms() {
        return alarms;
    }

    public List<Alarm> alarmList() {
        return List.copyOf(created);
    }
}
