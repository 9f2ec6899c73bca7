package dev.formbridge.cdk.cost;

import dev.formbridge.cdk.LambdaJars;

/**
 * Log bytes one accepted and delivered submission writes, with Lambda's JSON log format, system logs at WARN (no
 * START/END/REPORT lines) and Lambda's application level at INFO (EMF lines have no level: Lambda files them as INFO).
 * A function's INFO line counts when its own level in the template ({@code FORMBRIDGE_LOG_LEVEL}) lets INFO through.
 * Sizes are of the lines as the Powertools JSON layout writes them (timestamp, level, service, function name, ARN,
 * version, memory, request id, cold start, the MDC ids, the message).
 */
record LogBytes(int ingest, int router, int connector) {
    /** IngestService "submission accepted (N bytes)"; IngestHandler's EMF flush (Accepted). */
    static final int INGEST_INFO = 560, INGEST_EMF = 330;
    /** Router "submission … routed to 1 connector(s)"; RouterHandler's EMF flush (DeliveriesQueued). */
    static final int ROUTER_INFO = 540, ROUTER_EMF = 300;
    /** DeliveryWorker "delivered on attempt 1"; ConnectorHandler's EMF flush (Delivered, DeliveryJobsFailed). */
    static final int CONNECTOR_INFO = 560, CONNECTOR_EMF = 360;
    /** One API Gateway access log line (IngestApi.ACCESS_LOG_FORMAT with its values). */
    static final int ACCESS_LOG = 330;

    static LogBytes of(SynthesizedFunctions functions) {
        return new LogBytes(
                bytes(functions, LambdaJars.INGEST_HANDLER, INGEST_INFO, INGEST_EMF),
                bytes(functions, LambdaJars.ROUTER_HANDLER, ROUTER_INFO, ROUTER_EMF),
                bytes(functions, LambdaJars.CONNECTOR_HANDLER, CONNECTOR_INFO, CONNECTOR_EMF));
    }

    private static int bytes(SynthesizedFunctions functions, String handler, int info, int emf) {
        return emf + (functions.byHandler(handler).logsInfo() ? info : 0);
    }

    int perSubmission() {
        return ingest + router + connector + ACCESS_LOG;
    }

    String explain() {
        return "ingest " + ingest + " B, router " + router + " B, connector " + connector + " B (an EMF line each, and"
                + " an INFO line where the function logs at INFO), access log " + ACCESS_LOG + " B = "
                + perSubmission() + " B";
    }
}
