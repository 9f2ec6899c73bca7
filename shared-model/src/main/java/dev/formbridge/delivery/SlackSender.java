package dev.formbridge.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.formbridge.Json;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.Templates;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.submission.Submission;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** Delivers to a Slack incoming webhook: {@code {"text": <the rendered template>}}. */
public final class SlackSender implements RequestSender {
    private final OutboundHttp http;

    public SlackSender(OutboundHttp http) {
        this.http = http;
    }

    @Override
    public DeliveryRequest request(Connector connector, String deliveryId, Submission submission) {
        String template = connector.template() == null ? Templates.DEFAULT_SLACK : connector.template();
        String text = Templates.slack(template, submission, deliveryId);
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(Map.of("text", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
        // the path of a Slack incoming-webhook URL is its credential
        return new DeliveryRequest.Http(
                URI.create(connector.target()),
                Map.of("Content-Type", "application/json; charset=utf-8"),
                body,
                connector.timeout(),
                Set.of(),
                true);
    }

    @Override
    public SendOutcome send(DeliveryRequest request) {
        if (!(request instanceof DeliveryRequest.Http post)) {
            throw new IllegalArgumentException("Slack takes HTTP requests");
        }
        return HttpOutcomes.post(http, post.url(), post.headers(), post.body(), post.timeout());
    }
}
