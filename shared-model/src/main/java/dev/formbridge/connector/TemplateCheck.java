package dev.formbridge.connector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.formbridge.Json;
import java.util.Map;

/**
 * Checks a template when a connector is saved, so that what would fail only when a delivery renders it is refused
 * with a message instead: it must compile, contain no partial or parent (jmustache loads those only while rendering,
 * and only in the sections it enters) and render a sample submission.
 */
final class TemplateCheck {
    private TemplateCheck() {}

    /** Why {@code template} cannot be used, or null when it can (also for no template: the default is used). */
    static String problem(String template) {
        if (template == null) {
            return null;
        }
        try {
            Template compiled = Templates.compiler().defaultValue("").compile(template);
            compiled.visit(new PartialFinder());
            compiled.execute(sampleContext());
            return null;
        } catch (MustacheException e) {
            return "invalid template: " + e.getMessage();
        }
    }

    static MustacheException partialsNotSupported(String tag) {
        return new MustacheException("partials ({{>name}}) are not supported: remove " + tag);
    }

    /** A context of the same shape as a real one, every part present: fields (one with a list value) and source. */
    static Map<String, Object> sampleContext() {
        ObjectNode payload = Json.MAPPER.createObjectNode();
        payload.putObject("fields")
                .put("name", "Ada Lovelace")
                .put("email", "ada@example.org")
                .putArray("topics")
                .add("engines")
                .add("poetry");
        payload.putObject("source").put("plugin", "form-bridge-sample").put("url", "https://example.org/contact");
        return Templates.context("sub_sample", "contact", "site_sample", "2026-01-01T00:00:00Z", "dlv_sample", payload);
    }

    /** Refuses a partial or a parent anywhere, also in a section the sample would not enter (e.g. {@code {{^fields}}}). */
    private static final class PartialFinder implements Mustache.Visitor {
        @Override
        public void visitText(String text) {}

        @Override
        public void visitVariable(String name) {}

        @Override
        public boolean visitInclude(String name) {
            throw partialsNotSupported("{{>" + name + "}}");
        }

        @Override
        public boolean visitParent(String name) {
            throw partialsNotSupported("{{<" + name + "}}");
        }

        @Override
        public boolean visitSection(String name) {
            return true;
        }

        @Override
        public boolean visitInvertedSection(String name) {
            return true;
        }
    }
}
