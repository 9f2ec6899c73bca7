package dev.formbridge.cdk.cost;

import dev.formbridge.cdk.JavaFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The functions and indexes of a synthesized template, as the cost model needs them. */
record SynthesizedFunctions(List<Function> functions) {

    /** {@code logLevel}: the function's own level ({@code FORMBRIDGE_LOG_LEVEL}), INFO where the template sets none. */
    record Function(String name, String handlerClass, int memoryMb, String architecture, String logLevel) {
        boolean logsInfo() {
            return logLevel.equals("INFO") || logLevel.equals("DEBUG") || logLevel.equals("TRACE");
        }
    }

    @SuppressWarnings("unchecked")
    static SynthesizedFunctions of(Map<String, Object> template) {
        List<Function> found = new ArrayList<>();
        resources(template, "AWS::Lambda::Function").forEach(properties -> {
            String handler = ((String) properties.get("Handler")).replaceFirst("::.*$", "");
            Object architectures = properties.get("Architectures");
            String architecture = architectures instanceof List<?> list && !list.isEmpty()
                    ? (String) list.getFirst()
                    : "x86_64"; // Lambda's default when the template names none
            Object memory = properties.getOrDefault("MemorySize", 128);
            Map<String, Object> variables =
                    (Map<String, Object>) ((Map<String, Object>) properties.getOrDefault("Environment", Map.of()))
                            .getOrDefault("Variables", Map.of());
            String name = String.valueOf(variables.getOrDefault("POWERTOOLS_SERVICE_NAME", handler))
                    .replaceFirst("^formbridge-", "");
            String logLevel = String.valueOf(variables.getOrDefault(JavaFunction.LOG_LEVEL_ENV, "INFO"));
            found.add(new Function(name, handler, ((Number) memory).intValue(), architecture, logLevel));
        });
        return new SynthesizedFunctions(List.copyOf(found));
    }

    Function byHandler(String handlerClass) {
        return functions.stream()
                .filter(f -> f.handlerClass().equals(handlerClass))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the template has no function for " + handlerClass));
    }

    /** The projection type ({@code ALL}, {@code INCLUDE}, {@code KEYS_ONLY}) of each global secondary index, by name. */
    @SuppressWarnings("unchecked")
    static Map<String, String> indexProjections(Map<String, Object> template) {
        Map<String, String> projections = new java.util.TreeMap<>();
        for (Map<String, Object> table : resources(template, "AWS::DynamoDB::Table")) {
            for (Object index : (List<Object>) table.getOrDefault("GlobalSecondaryIndexes", List.of())) {
                Map<String, Object> gsi = (Map<String, Object>) index;
                Map<String, Object> projection = (Map<String, Object>) gsi.get("Projection");
                projections.put((String) gsi.get("IndexName"), (String) projection.get("ProjectionType"));
            }
        }
        return projections;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> resources(Map<String, Object> template, String type) {
        List<Map<String, Object>> found = new ArrayList<>();
        ((Map<String, Object>) template.get("Resources")).values().forEach(r -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            if (type.equals(resource.get("Type"))) {
                found.add((Map<String, Object>) resource.getOrDefault("Properties", Map.of()));
            }
        });
        return found;
    }
}
