package dev.formbridge.connector;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One condition of the filter builder on a form field ({@code detail.fields.<field>} of the filter event), in the
 * EventBridge pattern language. A field holding an array matches when any of its elements matches. Text conditions
 * ({@link Equals}, {@link Prefix}) match text values only and {@link Numeric} matches JSON numbers only, as in
 * EventBridge: a number sent as text ({@code "1500"}) is text.
 */
public sealed interface FieldCondition {

    /** The form field's name as the site sends it. */
    String field();

    /** The field's text equals one of {@code values}: {@code ["a", "b"]}. */
    record Equals(String field, List<String> values) implements FieldCondition {
        public Equals {
            values = List.copyOf(values);
        }
    }

    /** The field's text starts with {@code prefix}: {@code [{"prefix": "sales@"}]}. */
    record Prefix(String field, String prefix) implements FieldCondition {}

    /** The field is present with a value ({@code present}) or is absent: {@code [{"exists": true}]}. */
    record Exists(String field, boolean present) implements FieldCondition {}

    /**
     * The field's number compares with one or two bounds: {@code [{"numeric": [">=", 1000, "<", 5000]}]}. With two
     * comparisons, {@code first} is the lower bound ({@code >} or {@code >=}) and {@code second} the upper one;
     * {@code =} stands alone ({@code second} null).
     */
    record Numeric(String field, Comparison first, Comparison second) implements FieldCondition {
        public Numeric {
            Objects.requireNonNull(first, "a numeric condition needs a comparison");
        }

        /** One comparison, e.g. {@code of("rating", GREATER, 4)}. */
        public static Numeric of(String field, Operator operator, Number value) {
            return new Numeric(field, new Comparison(operator, new BigDecimal(value.toString())), null);
        }

        /** A range: a lower bound ({@code >}, {@code >=}) and an upper one ({@code <}, {@code <=}). */
        public static Numeric between(
                String field, Operator lower, Number lowerValue, Operator upper, Number upperValue) {
            return new Numeric(
                    field,
                    new Comparison(lower, new BigDecimal(lowerValue.toString())),
                    new Comparison(upper, new BigDecimal(upperValue.toString())));
        }

        /** The comparisons in pattern order: {@code first}, then {@code second} if there is one. */
        public List<Comparison> comparisons() {
            return second == null ? List.of(first) : List.of(first, second);
        }
    }

    /** One numeric comparison; the value is kept without trailing zeros, so {@code 10.0} and {@code 10} are equal. */
    record Comparison(Operator operator, BigDecimal value) {
        public Comparison {
            Objects.requireNonNull(operator, "operator");
            value = value.stripTrailingZeros();
        }
    }

    /** The comparisons EventBridge's numeric matching offers, with their symbols in a pattern. */
    enum Operator {
        EQUAL("="),
        LESS("<"),
        LESS_OR_EQUAL("<="),
        GREATER(">"),
        GREATER_OR_EQUAL(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** How a pattern writes it: {@code =}, {@code <}, {@code <=}, {@code >}, {@code >=}. */
        public String symbol() {
            return symbol;
        }

        /** {@code >} or {@code >=}: may start a range. */
        public boolean isLowerBound() {
            return this == GREATER || this == GREATER_OR_EQUAL;
        }

        /** {@code <} or {@code <=}: may end a range. */
        public boolean isUpperBound() {
            return this == LESS || this == LESS_OR_EQUAL;
        }

        /** The operator written as {@code symbol} in a pattern, or null. */
        public static Operator ofSymbol(String symbol) {
            for (Operator operator : values()) {
                if (operator.symbol.equals(symbol)) {
                    return operator;
                }
            }
            return null;
        }
    }
}
