package dev.formbridge.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formbridge.Json;
import dev.formbridge.connector.FieldCondition.Comparison;
import dev.formbridge.connector.FieldCondition.Equals;
import dev.formbridge.connector.FieldCondition.Exists;
import dev.formbridge.connector.FieldCondition.Numeric;
import dev.formbridge.connector.FieldCondition.Operator;
import dev.formbridge.connector.FieldCondition.Prefix;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Translates between the portal's filter builder ({@link FilterConditions}) and the EventBridge pattern a connector
 * stores, addressed the way the router's filter event exposes a submission ({@link ConnectorFilter}):
 * {@code {"detail": {"siteId": [...], "formId": [...], "fields": {"<name>": [<condition>]}}}}. A pattern written in
 * the JSON view reads back into conditions only when it uses nothing but the builder's vocabulary; otherwise
 * {@link #parse} is empty and the portal offers the JSON view alone.
 */
public final class FilterBuilder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> DETAIL_KEYS = Set.of("siteId", "formId", "fields");

    private FilterBuilder() {}

    /**
     * The pattern for {@code conditions}, or null when there are none (a connector without a filter takes every
     * submission).
     *
     * @throws IllegalArgumentException with {@link FilterConditions#problems()} when the conditions are not complete
     */
    public static String toPattern(FilterConditions conditions) {
        List<String> problems = conditions.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (conditions.isEmpty()) {
            return null;
        }
        ObjectNode pattern = NODES.objectNode();
        ObjectNode detail = pattern.putObject("detail");
        if (!conditions.siteIds().isEmpty()) {
            conditions.siteIds().forEach(detail.putArray("siteId")::add);
        }
        if (!conditions.formIds().isEmpty()) {
            conditions.formIds().forEach(detail.putArray("formId")::add);
        }
        if (!conditions.fields().isEmpty()) {
            ObjectNode fields = detail.putObject("fields");
            for (FieldCondition condition : conditions.fields()) {
                fields.set(condition.field(), matcher(condition));
            }
        }
        return ConnectorFilter.require(pattern.toString());
    }

    /**
     * The conditions {@code pattern} expresses, if it stays within the builder's vocabulary (sites, forms, and per
     * field one of: equals any of some texts, prefix, exists or not, a numeric comparison or range); empty otherwise,
     * and for a pattern that is not valid. No pattern reads as no conditions.
     */
    public static Optional<FilterConditions> parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return Optional.of(FilterConditions.none());
        }
        if (ConnectorFilter.problem(pattern).isPresent()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(pattern);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (!root.isObject() || root.size() != 1 || !root.path("detail").isObject()) {
            return Optional.empty();
        }
        JsonNode detail = root.get("detail");
        for (Iterator<String> keys = detail.fieldNames(); keys.hasNext(); ) {
            if (!DETAIL_KEYS.contains(keys.next())) {
                return Optional.empty();
            }
        }
        Optional<List<String>> sites = texts(detail.get("siteId"));
        Optional<List<String>> forms = texts(detail.get("formId"));
        Optional<List<FieldCondition>> fields = fields(detail.get("fields"));
        if (sites.isEmpty() || forms.isEmpty() || fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FilterConditions(sites.get(), forms.get(), fields.get()));
    }

    private static JsonNode matcher(FieldCondition condition) {
        ArrayNode matcher = NODES.arrayNode();
        switch (condition) {
            case Equals equals -> equals.values().stream().distinct().forEach(matcher::add);
            case Prefix prefix -> matcher.addObject().put("prefix", prefix.prefix());
            case Exists exists -> matcher.addObject().put("exists", exists.present());
            case Numeric numeric -> {
                ArrayNode comparisons = matcher.addObject().putArray("numeric");
                for (Comparison comparison : numeric.comparisons()) {
                    comparisons.add(comparison.operator().symbol());
                    comparisons.add(number(comparison.value()));
                }
            }
        }
        return matcher;
    }

    /** A number as a pattern writes it: integers without a decimal point, others in plain notation. */
    private static JsonNode number(BigDecimal value) {
        if (value.signum() == 0 || value.scale() <= 0 && value.precision() - value.scale() <= 18) {
            return NODES.numberNode(value.longValueExact());
        }
        return NODES.numberNode(new BigDecimal(value.toPlainString()));
    }

    /** A key's list of texts (absent: none), or empty if it holds anything else. */
    private static Optional<List<String>> texts(JsonNode node) {
        if (node == null) {
            return Optional.of(List.of());
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return Optional.empty();
            }
            texts.add(element.asText());
        }
        return Optional.of(texts);
    }

    private static Optional<List<FieldCondition>> fields(JsonNode node) {
        if (node == null) {
            return Optional.of(List.of());
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        List<FieldCondition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            Optional<FieldCondition> condition = condition(field.getKey(), field.getValue());
            if (condition.isEmpty()) {
                return Optional.empty();
            }
            conditions.add(condition.get());
        }
        return Optional.of(conditions);
    }

    private static Optional<FieldCondition> condition(String field, JsonNode matcher) {
        if (!matcher.isArray() || matcher.isEmpty()) {
            return Optional.empty();
        }
        JsonNode first = matcher.get(0);
        if (first.isTextual()) {
            return texts(matcher).map(values -> new Equals(field, values));
        }
        if (matcher.size() != 1 || !first.isObject() || first.size() != 1) {
            return Optional.empty();
        }
        JsonNode prefix = first.get("prefix");
        if (prefix != null) {
            return prefix.isTextual() ? Optional.of(new Prefix(field, prefix.asText())) : Optional.empty();
        }
        JsonNode exists = first.get("exists");
        if (exists != null) {
            return exists.isBoolean() ? Optional.of(new Exists(field, exists.asBoolean())) : Optional.empty();
        }
        JsonNode numeric = first.get("numeric");
        return numeric == null ? Optional.empty() : numeric(field, numeric);
    }

    private static Optional<FieldCondition> numeric(String field, JsonNode numeric) {
        if (!numeric.isArray() || (numeric.size() != 2 && numeric.size() != 4)) {
            return Optional.empty();
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < numeric.size(); i += 2) {
            Operator operator = Operator.ofSymbol(numeric.get(i).asText());
            JsonNode value = numeric.get(i + 1);
            if (!numeric.get(i).isTextual() || operator == null || !value.isNumber()) {
                return Optional.empty();
            }
            comparisons.add(new Comparison(operator, value.decimalValue()));
        }
        return Optional.of(new Numeric(field, comparisons.get(0), comparisons.size() == 2 ? comparisons.get(1) : null));
    }
}
