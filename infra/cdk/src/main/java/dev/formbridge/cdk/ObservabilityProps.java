package dev.formbridge.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.sqs.IQueue;

/** What to watch: every function, the ingest API, every dead-letter queue by name, and where alarms are mailed. */
public record ObservabilityProps(
        List<JavaFunction> functions, IngestApi ingest, Map<String, IQueue> deadLetterQueues, String alarmEmail) {}
