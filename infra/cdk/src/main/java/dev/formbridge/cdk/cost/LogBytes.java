package dev.formbridge.cdk.cost;

/**
 * Log bytes one accepted and delivered submission writes, with Lambda's JSON log format, system logs at WARN (no
 * START/END/REPORT lines) and the application at INFO. Sizes are of the lines as the Powertools JSON layout writes them
 * (timestamp, level, service, function name, ARN, version, memory, request id, cold start, the MDC ids, the message).
 */
final class LogBytes {
    private LogBytes() {}

    /** IngestService "submission accepted (N bytes)"; IngestHandler's EMF flush (Accepted). */
    static final int INGEST = 560 + 330;
    /** Router "submission … routed to 1 connector(s)"; RouterHandler's EMF flush (DeliveriesQueued). */
    static final int ROUTER = 540 + 300;
    /** DeliveryWorker "delivered on attempt 1"; ConnectorHandler's EMF flush (Delivered, DeliveryJobsFailed). */
    static final int CONNECTOR = 560 + 360;
    /** One API Gateway access log line (IngestApi.ACCESS_LOG_FORMAT with its values). */
    static final int ACCESS_LOG = 330;

    static int perSubmission() {
        return INGEST + ROUTER + CONNECTOR + ACCESS_LOG;
    }

    static String explain() {
        return "ingest " + INGEST + " B, router " + ROUTER + " B, connector " + CONNECTOR + " B (one INFO line and one"
                + " EMF line each), access log " + ACCESS_LOG + " B = " + perSubmission() + " B";
    }
}
