package dev.formbridge.portal.connector.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.connector.FilterBuilder;
import dev.formbridge.connector.FilterConditions;
import dev.formbridge.connector.RetryPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The fields of a connector: type, name, target, the filter — form ids for the builder, or the EventBridge pattern as
 * JSON for experts — and the template. Credentials are write-only: a bearer token field that, left empty, keeps the
 * stored one.
 */
final class ConnectorForm extends VerticalLayout {
    final Select<ConnectorType> type = new Select<>();
    final TextField name = new TextField("Name");
    final TextField target = new TextField("URL");
    final TextField forms = new TextField("Only these forms (form ids, comma-separated)");
    final TextArea pattern = new TextArea("Filter pattern (JSON, for experts)");
    final TextArea template = new TextArea("Template (Mustache; empty: the default for the type)");
    final TextField bearer = new TextField("Bearer token (write-only; empty keeps the stored one)");

    ConnectorForm(boolean creating) {
        type.setLabel("Type");
        type.setItems(ConnectorType.values());
        type.setItemLabelGenerator(t -> t == null ? "" : t.name().toLowerCase());
        type.setValue(ConnectorType.WEBHOOK);
        type.setEnabled(creating);
        type.addValueChangeListener(change -> target.setLabel(targetLabel(change.getValue())));
        name.setRequired(true);
        name.setMaxLength(80);
        target.setRequired(true);
        target.setWidthFull();
        forms.setWidthFull();
        forms.setHelperText("Empty: every submission of every site.");
        pattern.setWidthFull();
        pattern.setHelperText("Filled in, it replaces the form list: EventBridge pattern language on the event's "
                + "detail (siteId, formId, fields).");
        template.setWidthFull();
        bearer.setWidthFull();
        add(type, name, target, forms, pattern, template, bearer);
        setPadding(false);
    }

    void load(Connector connector) {
        type.setValue(connector.type());
        name.setValue(connector.name());
        target.setValue(connector.type() == ConnectorType.SLACK ? "" : connector.target());
        if (connector.type() == ConnectorType.SLACK) {
            target.setPlaceholder("stored; enter a new webhook URL to change it");
            target.setRequired(false);
        }
        FilterBuilder.parse(connector.filter())
                .filter(c -> c.siteIds().isEmpty() && c.fields().isEmpty())
                .ifPresentOrElse(
                        c -> forms.setValue(String.join(", ", c.formIds())),
                        () -> pattern.setValue(connector.filter() == null ? "" : connector.filter()));
        template.setValue(connector.template() == null ? "" : connector.template());
    }

    /** The spec the fields describe; refused input throws IllegalArgumentException with a message for the user. */
    ConnectorService.Spec spec(Connector current) {
        String filter = pattern.getValue().isBlank()
                ? formsPattern()
                : pattern.getValue().strip();
        String url = target.getValue().strip();
        if (url.isEmpty() && current != null) {
            url = current.target();
        }
        Map<String, String> headers = bearer.getValue().isBlank()
                ? Map.of()
                : Map.of("Authorization", "Bearer " + bearer.getValue().strip());
        return new ConnectorService.Spec(
                type.getValue(),
                name.getValue(),
                url,
                filter,
                template.getValue().isBlank() ? null : template.getValue(),
                headers,
                current == null ? Connector.DEFAULT_TIMEOUT : current.timeout(),
                current == null ? RetryPolicy.defaults() : current.retryPolicy());
    }

    private String formsPattern() {
        List<String> ids = Arrays.stream(forms.getValue().split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        if (ids.isEmpty()) {
            return null;
        }
        FilterConditions conditions = FilterConditions.none().withForms(ids.toArray(String[]::new));
        if (!conditions.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", conditions.problems()));
        }
        return FilterBuilder.toPattern(conditions);
    }

    private static String targetLabel(ConnectorType type) {
        return switch (type) {
            case EMAIL -> "Recipients (comma-separated e-mail addresses)";
            case SLACK -> "Slack incoming-webhook URL";
            default -> "URL";
        };
    }
}
