package dev.formbridge.connector;

import dev.formbridge.connector.FieldCondition.Comparison;
import dev.formbridge.connector.FieldCondition.Equals;
import dev.formbridge.connector.FieldCondition.Exists;
import dev.formbridge.connector.FieldCondition.Numeric;
import dev.formbridge.connector.FieldCondition.Operator;
import dev.formbridge.connector.FieldCondition.Prefix;
import dev.formbridge.site.SiteId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the portal's filter builder holds: the sites and forms a connector takes (any of them; none listed means any)
 * and conditions on form fields (all of them, one per field). {@link FilterBuilder} turns it into the EventBridge
 * pattern the router evaluates. Site and form ids are kept stripped, without duplicates, in the order given.
 */
public record FilterConditions(List<String> siteIds, List<String> formIds, List<FieldCondition> fields) {
    public FilterConditions {
        siteIds = distinct(siteIds);
        formIds = distinct(formIds);
        fields = List.copyOf(fields);
    }

    /** No condition: every submission. */
    public static FilterConditions none() {
        return new FilterConditions(List.of(), List.of(), List.of());
    }

    /** These conditions for the sites with these ids (replacing the sites listed before). */
    public FilterConditions withSites(String... ids) {
        return new FilterConditions(List.of(ids), formIds, fields);
    }

    /** These conditions for the forms with these ids (replacing the forms listed before). */
    public FilterConditions withForms(String... ids) {
        return new FilterConditions(siteIds, List.of(ids), fields);
    }

    /** These conditions and {@code condition} as well. */
    public FilterConditions and(FieldCondition condition) {
        List<FieldCondition> more = new ArrayList<>(fields);
        more.add(condition);
        return new FilterConditions(siteIds, formIds, more);
    }

    /** No site, no form, no field condition: every submission (no filter). */
    public boolean isEmpty() {
        return siteIds.isEmpty() && formIds.isEmpty() && fields.isEmpty();
    }

    /** What the portal should tell the admin before these conditions can become a filter; empty when they can. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String site : siteIds) {
            if (!isSiteId(site)) {
                problems.add("“" + site + "” is not a site id (site ids look like site_01J…)");
            }
        }
        if (formIds.contains("")) {
            problems.add("a form id is empty");
        }
        Set<String> seen = new HashSet<>();
        for (FieldCondition condition : fields) {
            String field = condition.field();
            if (field == null || field.isBlank()) {
                problems.add("a field condition needs the field's name");
                continue;
            }
            if (!seen.add(field)) {
                problems.add("the field “" + field + "” has more than one condition; the builder takes one per field"
                        + " (the JSON view takes more)");
            }
            problem(condition).ifPresent(p -> problems.add("the field “" + field + "” " + p));
        }
        return List.copyOf(problems);
    }

    private static java.util.Optional<String> problem(FieldCondition condition) {
        String problem = switch (condition) {
            case Equals e -> e.values().isEmpty() ? "needs at least one value to equal" : null;
            case Prefix p -> p.prefix() == null || p.prefix().isEmpty() ? "needs a prefix" : null;
            case Exists x -> null;
            case Numeric n -> numericProblem(n);
        };
        return java.util.Optional.ofNullable(problem);
    }

    private static String numericProblem(Numeric numeric) {
        Comparison first = numeric.first();
        Comparison second = numeric.second();
        if (second == null) {
            return null;
        }
        if (first.operator() == Operator.EQUAL || second.operator() == Operator.EQUAL) {
            return "compares with “=” alone, without a second bound";
        }
        if (!first.operator().isLowerBound() || !second.operator().isUpperBound()) {
            return "needs a lower bound (> or >=) first and an upper bound (< or <=) second";
        }
        if (first.value().compareTo(second.value()) >= 0) {
            return "needs a lower bound below its upper bound";
        }
        return null;
    }

    private static boolean isSiteId(String text) {
        try {
            new SiteId(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> distinct(List<String> values) {
        Set<String> kept = new LinkedHashSet<>();
        for (String value : values) {
            kept.add(value == null ? "" : value.strip());
        }
        return List.copyOf(kept);
    }
}
