package dev.formbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formbridge.Json;
import dev.formbridge.connector.FieldCondition.Comparison;
import dev.formbridge.connector.FieldCondition.Equals;
import dev.formbridge.connector.FieldCondition.Exists;
import dev.formbridge.connector.FieldCondition.Numeric;
import dev.formbridge.connector.FieldCondition.Operator;
import dev.formbridge.connector.FieldCondition.Prefix;
import dev.formbridge.delivery.Router;
import dev.formbridge.site.SiteId;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/**
 * The filter builder: its patterns, matched by event-ruler against the router's own filter event, select exactly the
 * submissions the conditions describe, and read back into the same conditions.
 */
class ConnectorFilterBuilderTest {
    static final TenantId TENANT = TenantId.next();
    static final List<SiteId> SITES = List.of(SiteId.next(), SiteId.next(), SiteId.next());
    static final List<String> FORMS = List.of("contact", "quote", "newsletter");
    static final List<String> FIELDS = List.of("email", "country", "budget", "topics", "first name", "a.b");
    static final List<String> TEXTS = List.of("", "DE", "de", "FR", "sales@acme.example", "sales", "info@acme.example");
    static final List<String> PREFIXES = List.of("sales", "s", "D", "info@", "x");
    static final List<String> NUMBERS = List.of("-5", "0", "0.5", "3", "10", "999.99", "1000", "1500", "5000", "12345");

    @Test
    void the_documented_examples_build_the_documented_patterns() {
        assertThat(FilterBuilder.toPattern(FilterConditions.none().withForms("contact")))
                .isEqualTo("{\"detail\":{\"formId\":[\"contact\"]}}");
        assertThat(FilterBuilder.toPattern(FilterConditions.none()
                        .and(new Prefix("email", "sales@"))
                        .and(Numeric.between("budget", Operator.GREATER_OR_EQUAL, 1000, Operator.LESS, 5000))
                        .and(new Exists("phone", true))
                        .and(new Equals("country", List.of("DE", "AT")))))
                .isEqualTo("{\"detail\":{\"fields\":{\"email\":[{\"prefix\":\"sales@\"}],"
                        + "\"budget\":[{\"numeric\":[\">=\",1000,\"<\",5000]}],\"phone\":[{\"exists\":true}],"
                        + "\"country\":[\"DE\",\"AT\"]}}}");
        assertThat(FilterBuilder.toPattern(
                        FilterConditions.none().and(Numeric.of("rating", Operator.GREATER, new BigDecimal("4.50")))))
                .isEqualTo("{\"detail\":{\"fields\":{\"rating\":[{\"numeric\":[\">\",4.5]}]}}}");
    }

    @Test
    void no_conditions_mean_no_filter_and_no_filter_reads_as_no_conditions() {
        assertThat(FilterBuilder.toPattern(FilterConditions.none())).isNull();
        assertThat(FilterBuilder.parse(null)).contains(FilterConditions.none());
        assertThat(FilterBuilder.parse("  ")).contains(FilterConditions.none());
    }

    @Test
    void patterns_outside_the_builders_vocabulary_are_for_the_json_view_only() {
        List<String> expertOnly = List.of(
                "{\"source\":[\"formbridge.ingest\"]}",
                "{\"detail\":{\"sizeBytes\":[{\"numeric\":[\">\",100]}]}}",
                "{\"detail\":{\"fields\":{\"x\":[{\"anything-but\":\"a\"}]}}}",
                "{\"detail\":{\"fields\":{\"x\":[\"a\",{\"prefix\":\"b\"}]}}}",
                "{\"detail\":{\"fields\":{\"x\":[{\"suffix\":\".de\"}]}}}",
                "{\"detail\":{\"fields\":{\"x\":[5]}}}",
                "{\"detail\":{\"fields\":{\"x\":[true]}}}",
                "{\"detail\":{\"fields\":{\"address\":{\"city\":[\"Berlin\"]}}}}",
                "{\"detail\":{\"formId\":[\"a\"],\"$or\":[{\"siteId\":[\"s\"]},{\"fields\":{\"x\":[\"y\"]}}]}}",
                "{\"detail\":{\"formId\":[{\"prefix\":\"con\"}]}}",
                "not json at all");
        for (String pattern : expertOnly) {
            assertThat(FilterBuilder.parse(pattern)).as(pattern).isEmpty();
        }
    }

    @Test
    void a_pattern_typed_in_the_json_view_reads_back_when_the_builder_can_show_it() {
        assertThat(FilterBuilder.parse("{\"detail\":{\"formId\":[\"contact\",\"quote\"],\"fields\":{"
                        + "\"budget\":[{\"numeric\":[\">\",0.50,\"<=\",1e3]}],\"phone\":[{\"exists\":false}]}}}"))
                .contains(new FilterConditions(
                        List.of(),
                        List.of("contact", "quote"),
                        List.of(
                                Numeric.between("budget", Operator.GREATER, 0.5, Operator.LESS_OR_EQUAL, 1000),
                                new Exists("phone", false))));
    }

    @Nested
    class ValidationMessages {
        @Test
        void each_problem_is_named_for_the_admin_and_no_pattern_is_built() {
            FilterConditions wrong = new FilterConditions(
                    List.of("shop", SITES.getFirst().value()),
                    List.of(" "),
                    List.of(
                            new Equals("country", List.of()),
                            new Prefix("email", ""),
                            new Exists(" ", true),
                            Numeric.between("budget", Operator.GREATER, 5000, Operator.LESS, 1000),
                            Numeric.between("age", Operator.LESS, 10, Operator.GREATER, 1),
                            new Numeric(
                                    "score",
                                    new Comparison(Operator.EQUAL, BigDecimal.ONE),
                                    new Comparison(Operator.LESS, BigDecimal.TEN)),
                            new Exists("country", false)));

            assertThat(wrong.problems())
                    .containsExactly(
                            "“shop” is not a site id (site ids look like site_01J…)",
                            "a form id is empty",
                            "the field “country” needs at least one value to equal",
                            "the field “email” needs a prefix",
                            "a field condition needs the field's name",
                            "the field “budget” needs a lower bound below its upper bound",
                            "the field “age” needs a lower bound (> or >=) first and an upper bound (< or <=) second",
                            "the field “score” compares with “=” alone, without a second bound",
                            "the field “country” has more than one condition; the builder takes one per field (the"
                                    + " JSON view takes more)");
            assertThatThrownBy(() -> FilterBuilder.toPattern(wrong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("“shop” is not a site id");
        }

        @Test
        void ids_are_kept_stripped_and_without_duplicates() {
            FilterConditions conditions = FilterConditions.none().withForms(" contact", "contact ", "quote");

            assertThat(conditions.formIds()).containsExactly("contact", "quote");
            assertThat(conditions.problems()).isEmpty();
        }
    }

    /** Generated cases (a fixed seed, so a failure repeats): conditions × submissions, matched by event-ruler. */
    @Nested
    class Properties {
        final Random random = new Random(20261126L);

        @Test
        void a_built_pattern_matches_exactly_the_submissions_its_conditions_describe() throws Exception {
            int matched = 0;
            int compared = 0;
            for (int run = 0; run < 300; run++) {
                FilterConditions conditions = randomConditions();
                String pattern = FilterBuilder.toPattern(conditions);
                Machine machine = machine(pattern);
                for (int i = 0; i < 40; i++) {
                    Submission submission = randomSubmission();
                    boolean expected = Reference.matches(conditions, submission);
                    boolean actual = machine == null
                            || !machine.rulesForJSONEvent(Router.filterEvent(submission))
                                    .isEmpty();
                    assertThat(actual)
                            .as("pattern %s on %s", pattern, submission.payload())
                            .isEqualTo(expected);
                    matched += actual ? 1 : 0;
                    compared++;
                }
            }
            // the generator is useful only if both outcomes are common
            assertThat(matched).isBetween(compared / 20, compared - compared / 20);
        }

        @Test
        void a_built_pattern_reads_back_into_the_same_conditions() {
            for (int run = 0; run < 500; run++) {
                FilterConditions conditions = randomConditions();
                String pattern = FilterBuilder.toPattern(conditions);

                assertThat(FilterBuilder.parse(pattern)).as(pattern).contains(normalised(conditions));
                assertThat(ConnectorFilter.problem(pattern)).as(pattern).isEmpty();
            }
        }

        /** What the builder keeps: equal values once each. */
        FilterConditions normalised(FilterConditions conditions) {
            List<FieldCondition> fields = conditions.fields().stream()
                    .map(c -> c instanceof Equals e
                            ? new Equals(
                                    e.field(), e.values().stream().distinct().toList())
                            : c)
                    .toList();
            return new FilterConditions(conditions.siteIds(), conditions.formIds(), fields);
        }

        FilterConditions randomConditions() {
            List<String> sites = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                sites = pick(SITES.stream().map(SiteId::value).toList(), 1 + random.nextInt(2));
            }
            List<String> forms = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                forms = pick(FORMS, 1 + random.nextInt(2));
            }
            List<FieldCondition> fields = new ArrayList<>();
            for (String field : pick(FIELDS, random.nextInt(3))) {
                fields.add(randomCondition(field));
            }
            return new FilterConditions(sites, forms, fields);
        }

        FieldCondition randomCondition(String field) {
            return switch (random.nextInt(4)) {
                case 0 -> new Equals(field, pick(TEXTS, 1 + random.nextInt(3)));
                case 1 -> new Prefix(field, PREFIXES.get(random.nextInt(PREFIXES.size())));
                case 2 -> new Exists(field, random.nextBoolean());
                default -> randomNumeric(field);
            };
        }

        Numeric randomNumeric(String field) {
            BigDecimal a = new BigDecimal(NUMBERS.get(random.nextInt(NUMBERS.size())));
            if (random.nextBoolean()) {
                Operator operator = Operator.values()[random.nextInt(Operator.values().length)];
                return new Numeric(field, new Comparison(operator, a), null);
            }
            BigDecimal b = new BigDecimal(NUMBERS.get(random.nextInt(NUMBERS.size())));
            if (a.compareTo(b) == 0) {
                b = b.add(BigDecimal.ONE);
            }
            BigDecimal low = a.min(b);
            BigDecimal high = a.max(b);
            return new Numeric(
                    field,
                    new Comparison(random.nextBoolean() ? Operator.GREATER : Operator.GREATER_OR_EQUAL, low),
                    new Comparison(random.nextBoolean() ? Operator.LESS : Operator.LESS_OR_EQUAL, high));
        }

        Submission randomSubmission() {
            ObjectNode fields = Json.MAPPER.createObjectNode();
            for (String field : FIELDS) {
                switch (random.nextInt(6)) {
                    case 0 -> {} // absent
                    case 1 -> fields.put(field, TEXTS.get(random.nextInt(TEXTS.size())));
                    case 2 -> fields.put(field, new BigDecimal(NUMBERS.get(random.nextInt(NUMBERS.size()))));
                    case 3 -> {
                        ArrayNode values = fields.putArray(field);
                        for (int i = random.nextInt(3); i > 0; i--) {
                            if (random.nextBoolean()) {
                                values.add(TEXTS.get(random.nextInt(TEXTS.size())));
                            } else {
                                values.add(new BigDecimal(NUMBERS.get(random.nextInt(NUMBERS.size()))));
                            }
                        }
                    }
                    case 4 -> fields.put(field, random.nextBoolean());
                    default -> fields.put(field, "sales@" + random.nextInt(3) + ".example");
                }
            }
            String form = FORMS.get(random.nextInt(FORMS.size()));
            String payload = "{\"formId\":\"" + form + "\",\"fields\":" + fields + "}";
            Instant at = Instant.parse("2026-11-26T10:00:00Z");
            return new Submission(
                    TENANT,
                    SITES.get(random.nextInt(SITES.size())),
                    SubmissionId.receivedAt(at),
                    "msg_1",
                    form,
                    payload,
                    payload.getBytes(StandardCharsets.UTF_8).length,
                    at,
                    SubmissionStatus.ACCEPTED,
                    at.plusSeconds(3600));
        }

        <T> List<T> pick(List<T> from, int count) {
            List<T> pool = new ArrayList<>(from);
            java.util.Collections.shuffle(pool, random);
            return new ArrayList<>(pool.subList(0, Math.min(count, pool.size())));
        }
    }

    @SuppressWarnings("deprecation") // the router builds its machine the same way
    static Machine machine(String pattern) throws Exception {
        if (pattern == null) {
            return null;
        }
        Machine machine = new Machine();
        machine.addRule("connector", pattern);
        return machine;
    }

    /** The meaning of conditions, written independently of event-ruler, over the submission's payload. */
    static final class Reference {
        static boolean matches(FilterConditions conditions, Submission submission) {
            if (!conditions.siteIds().isEmpty()
                    && !conditions.siteIds().contains(submission.siteId().value())) {
                return false;
            }
            if (!conditions.formIds().isEmpty() && !conditions.formIds().contains(submission.formId())) {
                return false;
            }
            JsonNode fields;
            try {
                fields = Json.MAPPER.readTree(submission.payload()).path("fields");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return conditions.fields().stream().allMatch(c -> matches(c, fields.get(c.field())));
        }

        static boolean matches(FieldCondition condition, JsonNode value) {
            List<JsonNode> elements = new ArrayList<>();
            if (value != null && value.isArray()) {
                value.forEach(elements::add);
            } else if (value != null) {
                elements.add(value);
            }
            return switch (condition) {
                case Exists e -> e.present() != elements.isEmpty();
                case Equals e ->
                    elements.stream().anyMatch(v -> v.isTextual() && e.values().contains(v.asText()));
                case Prefix p ->
                    elements.stream().anyMatch(v -> v.isTextual() && v.asText().startsWith(p.prefix()));
                case Numeric n ->
                    elements.stream()
                            .anyMatch(v ->
                                    v.isNumber() && n.comparisons().stream().allMatch(c -> holds(c, v.decimalValue())));
            };
        }

        static boolean holds(Comparison comparison, BigDecimal value) {
            int sign = value.compareTo(comparison.value());
            return switch (comparison.operator()) {
                case EQUAL -> sign == 0;
                case LESS -> sign < 0;
                case LESS_OR_EQUAL -> sign <= 0;
                case GREATER -> sign > 0;
                case GREATER_OR_EQUAL -> sign >= 0;
            };
        }
    }

    @Test
    void conditions_on_a_field_address_it_the_way_the_router_exposes_it() throws Exception {
        // the router's event puts fields under detail.fields, sites and forms under detail
        Submission submission = new Properties().randomSubmission();
        JsonNode event = Json.MAPPER.readTree(Router.filterEvent(submission));
        assertThat(event.path("detail").path("formId").asText()).isEqualTo(submission.formId());
        assertThat(event.path("detail").path("siteId").asText())
                .isEqualTo(submission.siteId().value());
        assertThat(event.path("detail").path("fields").isObject()).isTrue();
        assertThat(Optional.ofNullable(FilterBuilder.toPattern(FilterConditions.none()
                        .withSites(submission.siteId().value())
                        .withForms(submission.formId()))))
                .hasValueSatisfying(
                        p -> assertThat(machineMatches(p, submission)).isTrue());
    }

    static boolean machineMatches(String pattern, Submission submission) {
        try {
            return !machine(pattern)
                    .rulesForJSONEvent(Router.filterEvent(submission))
                    .isEmpty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
