package dev.formbridge.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.formbridge.Json;
import dev.formbridge.submission.Submission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders connector bodies with Mustache (jmustache). The context a template sees: {@code submissionId}, {@code formId},
 * {@code siteId}, {@code receivedAt}, {@code deliveryId}, {@code fields} (a list of {@code name}/{@code value}),
 * {@code field} (a map by name, e.g. {@code {{field.email}}}) and {@code source} (a map). Values are escaped for the
 * output: JSON string content for webhook templates, HTML for HTML, Slack's {@code & < >} for Slack, nothing for
 * plain text. Partials ({@code {{>name}}}) and parents ({@code {{<name}}}) are not supported: there is nowhere to load
 * them from.
 */
public final class Templates {
    /** Escapes text for the inside of a JSON string literal. */
    private static final Mustache.Escaper JSON_STRING = text -> {
        try {
            String quoted = Json.MAPPER.writeValueAsString(text);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    };

    /**
     * Escapes text for Slack's mrkdwn as Slack asks for untrusted text: a submitted {@code <!channel>} would ping the
     * channel and {@code <https://evil.example|Reset your password>} would show a disguised link.
     */
    private static final Mustache.Escaper SLACK =
            Escapers.simple(new String[][] {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}});

    /** jmustache loads partials while rendering; its default loader's exception would surface only at delivery. */
    private static final Mustache.TemplateLoader NO_PARTIALS = name -> {
        throw TemplateCheck.partialsNotSupported("{{>" + name + "}}");
    };

    public static final String DEFAULT_SLACK =
            "New submission of form *{{formId}}*\n{{#fields}}• {{name}}: {{value}}\n{{/fields}}";
    public static final String DEFAULT_EMAIL_SUBJECT = "New submission: {{formId}}";
    public static final String DEFAULT_EMAIL_TEXT =
            "A new submission of form {{formId}} arrived at {{receivedAt}}.\n\n{{#fields}}{{name}}: {{value}}\n{{/fields}}";
    public static final String DEFAULT_EMAIL_HTML = "<p>A new submission of form <b>{{formId}}</b> arrived at "
            + "{{receivedAt}}.</p><table>{{#fields}}<tr><th align=\"left\">{{name}}</th><td>{{value}}</td></tr>"
            + "{{/fields}}</table>";

    private Templates() {}

    /** Why {@code template} cannot be used, or null when it can (see {@link TemplateCheck}). */
    public static String problem(String template) {
        return TemplateCheck.problem(template);
    }

    /** The webhook body: the template rendered with JSON escaping, or the default JSON envelope. */
    public static String webhookBody(String template, Submission submission, String deliveryId) {
        if (template == null || template.isBlank()) {
            return defaultJson(submission, deliveryId);
        }
        return render(compiler().withEscaper(JSON_STRING), template, submission, deliveryId);
    }

    public static String text(String template, Submission submission, String deliveryId) {
        return render(compiler().escapeHTML(false), template, submission, deliveryId);
    }

    /**
     * A Slack message: values escaped for Slack ({@code &}, {@code <}, {@code >}), the template's own markup as written;
     * {@code {{{name}}}} leaves a value raw, for a tenant who wants that.
     */
    public static String slack(String template, Submission submission, String deliveryId) {
        return render(compiler().withEscaper(SLACK), template, submission, deliveryId);
    }

    public static String html(String template, Submission submission, String deliveryId) {
        return render(compiler().withEscaper(Escapers.HTML), template, submission, deliveryId);
    }

    /** Every compiler here: one that refuses partials with a message a tenant admin understands. */
    static Mustache.Compiler compiler() {
        return Mustache.compiler().withLoader(NO_PARTIALS);
    }

    private static String render(Mustache.Compiler compiler, String template, Submission submission, String id) {
        Template compiled = compiler.defaultValue("").compile(template);
        return compiled.execute(context(submission, id));
    }

    static Map<String, Object> context(Submission submission, String deliveryId) {
        return context(
                submission.id().value(),
                submission.formId(),
                submission.siteId().value(),
                submission.receivedAt().toString(),
                deliveryId,
                payload(submission));
    }

    /** The context a template sees; {@link TemplateCheck} builds a sample one with it. */
    static Map<String, Object> context(
            String submissionId, String formId, String siteId, String receivedAt, String deliveryId, JsonNode payload) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("submissionId", submissionId);
        context.put("formId", formId);
        context.put("siteId", siteId);
        context.put("receivedAt", receivedAt);
        context.put("deliveryId", deliveryId);
        List<Map<String, String>> fields = new ArrayList<>();
        Map<String, String> byName = new LinkedHashMap<>();
        payload.path("fields").properties().forEach(field -> {
            String value = text(field.getValue());
            fields.add(Map.of("name", field.getKey(), "value", value));
            byName.put(field.getKey(), value);
        });
        context.put("fields", fields);
        context.put("field", byName);
        Map<String, String> source = new LinkedHashMap<>();
        payload.path("source").properties().forEach(e -> source.put(e.getKey(), text(e.getValue())));
        context.put("source", source);
        return context;
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.asText()));
            return String.join(", ", parts);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String defaultJson(Submission submission, String deliveryId) {
        JsonNode payload = payload(submission);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "submission.accepted");
        body.put("deliveryId", deliveryId);
        body.put("submissionId", submission.id().value());
        body.put("siteId", submission.siteId().value());
        body.put("formId", submission.formId());
        body.put("receivedAt", submission.receivedAt().toString());
        body.set("fields", payload.path("fields"));
        if (payload.has("source")) {
            body.set("source", payload.get("source"));
        }
        if (payload.has("submittedAt")) {
            body.set("submittedAt", payload.get("submittedAt"));
        }
        return body.toString();
    }

    private static JsonNode payload(Submission submission) {
        try {
            return Json.MAPPER.readTree(submission.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored payload is always valid JSON", e);
        }
    }
}
