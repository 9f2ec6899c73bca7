package dev.formbridge.portal.connector.ui;

import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.connector.FieldCondition;
import dev.formbridge.connector.FilterBuilder;
import dev.formbridge.connector.FilterConditions;
import dev.formbridge.connector.RetryPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The fields of a connector: type, name, target, the filter — the builder (sites, form ids, one "field equals one of"
 * condition) or the EventBridge pattern as JSON for experts — the template, and credentials (bearer token, basic, API
 * key), which are write-only: left empty, the stored ones stay.
 */
final class ConnectorForm extends VerticalLayout {
    static final String AUTH_KEEP = "None, or keep the stored credentials";
    static final String AUTH_BEARER = "Bearer token";
    static final String AUTH_BASIC = "Basic (user and password)";
    static final String AUTH_API_KEY = "API key in a header";

    final Select<ConnectorType> type = new Select<>();
    final TextField name = new TextField("Name");
    final TextField target = new TextField("URL");
    final MultiSelectComboBox<String> sites = new MultiSelectComboBox<>("Only these sites");
    final TextField forms = new TextField("Only these forms (form ids, comma-separated)");
    final TextField field = new TextField("Only when this field…");
    final TextField fieldValues = new TextField("…equals one of (comma-separated)");
    final TextArea pattern = new TextArea("Filter pattern (JSON, for experts)");
    final TextArea template = new TextArea("Template (Mustache; empty: the default for the type)");
    final Select<String> auth = new Select<>();
    final TextField credentialName = new TextField();
    final PasswordField credential = new PasswordField();

    ConnectorForm(boolean creating, Map<String, String> siteChoices) {
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
        sites.setItems(siteChoices.keySet());
        sites.setItemLabelGenerator(id -> siteChoices.getOrDefault(id, id));
        sites.setHelperText("Empty: every site.");
        sites.setWidthFull();
        forms.setWidthFull();
        forms.setHelperText("Empty: every form.");
        field.setPlaceholder("e.g. country");
        fieldValues.setPlaceholder("e.g. DE, AT");
        pattern.setWidthFull();
        pattern.setHelperText("Filled in, it replaces the form list: EventBridge pattern language on the event's "
                + "detail (siteId, formId, fields).");
        template.setWidthFull();
        auth.setLabel("Authentication (write-only: left empty, the stored credentials stay)");
        auth.setItems(AUTH_KEEP, AUTH_BEARER, AUTH_BASIC, AUTH_API_KEY);
        auth.setValue(AUTH_KEEP);
        auth.setWidthFull();
        auth.addValueChangeListener(change -> showCredentialFields(change.getValue()));
        credentialName.setWidthFull();
        credential.setWidthFull();
        showCredentialFields(AUTH_KEEP);
        HorizontalLayout fieldCondition = new HorizontalLayout(field, fieldValues);
        fieldCondition.setWidthFull();
        add(type, name, target, sites, forms, fieldCondition, pattern, template, auth, credentialName, credential);
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
                .filter(ConnectorForm::fitsTheForm)
                .ifPresentOrElse(
                        this::loadConditions,
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
        return credentials(new ConnectorService.Spec(
                type.getValue(),
                name.getValue(),
                url,
                filter,
                template.getValue().isBlank() ? null : template.getValue(),
                Map.of(),
                current == null ? Connector.DEFAULT_TIMEOUT : current.timeout(),
                current == null ? RetryPolicy.defaults() : current.retryPolicy()));
    }

    /** The credentials typed in, as headers; none typed: the spec carries no headers and the stored ones stay. */
    private ConnectorService.Spec credentials(ConnectorService.Spec spec) {
        String secret = credential.getValue();
        String named = credentialName.getValue().strip();
        return switch (auth.getValue()) {
            case AUTH_BEARER -> secret.isBlank() ? spec : spec.withBearer(secret.strip());
            case AUTH_BASIC -> secret.isBlank() || named.isEmpty() ? spec : spec.withBasic(named, secret);
            case AUTH_API_KEY -> secret.isBlank() || named.isEmpty() ? spec : spec.withApiKey(named, secret.strip());
            default -> spec;
        };
    }

    private void showCredentialFields(String kind) {
        credentialName.setVisible(AUTH_BASIC.equals(kind) || AUTH_API_KEY.equals(kind));
        credentialName.setLabel(AUTH_BASIC.equals(kind) ? "User" : "Header name (e.g. X-Api-Key)");
        credential.setVisible(!AUTH_KEEP.equals(kind));
        credential.setLabel(AUTH_BASIC.equals(kind) ? "Password" : AUTH_API_KEY.equals(kind) ? "API key" : "Token");
    }

    /** Conditions this form can show: sites, forms and at most one "field equals one of". */
    private static boolean fitsTheForm(FilterConditions conditions) {
        return conditions.fields().isEmpty()
                || (conditions.fields().size() == 1 && conditions.fields().getFirst() instanceof FieldCondition.Equals);
    }

    private void loadConditions(FilterConditions conditions) {
        sites.setValue(new java.util.LinkedHashSet<>(conditions.siteIds()));
        forms.setValue(String.join(", ", conditions.formIds()));
        if (!conditions.fields().isEmpty() && conditions.fields().getFirst() instanceof FieldCondition.Equals equals) {
            field.setValue(equals.field());
            fieldValues.setValue(String.join(", ", equals.values()));
        }
    }

    private String formsPattern() {
        FilterConditions conditions = FilterConditions.none()
                .withSites(sites.getValue().toArray(String[]::new))
                .withForms(split(forms.getValue()).toArray(String[]::new));
        if (!field.getValue().isBlank()) {
            conditions =
                    conditions.and(new FieldCondition.Equals(field.getValue().strip(), split(fieldValues.getValue())));
        }
        if (conditions.isEmpty()) {
            return null;
        }
        if (!conditions.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", conditions.problems()));
        }
        return FilterBuilder.toPattern(conditions);
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String targetLabel(ConnectorType type) {
        return switch (type) {
            case EMAIL -> "Recipients (comma-separated e-mail addresses)";
            case SLACK -> "Slack incoming-webhook URL";
            default -> "URL";
        };
    }
}
