package dev.formbridge.cdk.testutils;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** Reading a synthesized template as plain maps, for assertions over every resource of a type. */
public final class Resources {
    private Resources() {}

    /** Logical id → properties of every resource of {@code type}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> properties(Template template, String type) {
        Map<String, Map<String, Object>> found = template.findResources(type);
        Map<String, Map<String, Object>> properties = new java.util.TreeMap<>();
        found.forEach((id, resource) ->
                properties.put(id, (Map<String, Object>) resource.getOrDefault("Properties", Map.of())));
        return properties;
    }

    /** A nested value by path of map keys, or null. */
    @SuppressWarnings("unchecked")
    public static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(key);
        }
        return current;
    }

    /** {@code {"Ref": id}} */
    public static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    /** {@code {"Fn::GetAtt": [id, attribute]}} */
    public static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    /** The one logical id of {@code type} whose id starts with {@code prefix} (CDK appends a hash). */
    public static String logicalId(Template template, String type, String prefix) {
        List<String> ids = template.findResources(type).keySet().stream()
                .filter(id -> id.startsWith(prefix))
                .toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one " + type + " named " + prefix + "…, found " + ids);
        }
        return ids.getFirst();
    }
}
