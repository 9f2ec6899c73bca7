package dev.formbridge.benchmark.coldstart;

import dev.formbridge.testutils.MotoServer;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Where the cold-started ingest publishes: EventBridge on moto_server when it is installed (the SDK honours the
 * service-specific {@code AWS_ENDPOINT_URL_EVENTBRIDGE}), so the first call takes the whole accepted path; without it,
 * ingest gets a bad signature and answers 401 before anything is stored or published.
 */
final class EventBus implements AutoCloseable {
    static final String BUS = "formbridge-bench";
    static final String BAD_SIGNATURE_ENV = "BENCH_BAD_SIGNATURE";

    private final MotoServer moto;

    private EventBus(MotoServer moto) {
        this.moto = moto;
    }

    static EventBus start() {
        try {
            MotoServer moto = MotoServer.start();
            try (EventBridgeClient events = moto.client(EventBridgeClient.builder())) {
                events.createEventBus(b -> b.name(BUS));
            }
            return new EventBus(moto);
        } catch (IllegalStateException noMoto) {
            System.err.println("cold start: moto_server unavailable (" + noMoto.getMessage()
                    + "); ingest is measured on the 401 path");
            return new EventBus(null);
        }
    }

    /** moto_server, or null when it is not installed. */
    MotoServer moto() {
        return moto;
    }

    Map<String, String> environment() {
        return moto == null
                ? Map.of(BAD_SIGNATURE_ENV, "true")
                : Map.of("AWS_ENDPOINT_URL_EVENTBRIDGE", moto.endpoint());
    }

    String expectedIngestAnswer() {
        return moto == null ? "status=401" : "status=202";
    }

    String description() {
        return moto == null
                ? "Ingest gets an API Gateway v2 event for the real site with a bad signature (moto_server was not "
                        + "available), so it answers 401 after the site lookup and the signature check, before storing "
                        + "or publishing."
                : "Ingest gets an API Gateway v2 event for the real site, correctly signed, and takes the whole accepted "
                        + "path: site lookup, secret decryption, signature, schema, PutItem on dynalite and PutEvents to "
                        + "EventBridge on moto_server (`AWS_ENDPOINT_URL_EVENTBRIDGE`) → 202.";
    }

    /** The body the cold-started ingest receives (about 400 bytes, a contact form). */
    static String sampleBody() {
        return "{\"formId\":\"contact\",\"fields\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\","
                + "\"message\":\"Could the engine compose music? I would like to know more about your offer.\","
                + "\"newsletter\":true},\"submittedAt\":\"2026-01-01T10:00:00Z\",\"source\":{\"siteUrl\":"
                + "\"https://bench.example\",\"pageUrl\":\"https://bench.example/contact\",\"plugin\":\"form-bridge-wp/1.0\"}}";
    }

    @Override
    public void close() {
        if (moto != null) {
            moto.close();
        }
    }
}
