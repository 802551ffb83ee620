package io.haneul.core.policy;

import java.util.List;
import java.util.Locale;

/**
 * One key of one condition operator, e.g. {@code "ArnEquals": {"aws:SourceArn": [...]}}, with its
 * {@code IfExists} suffix and {@code ForAnyValue:}/{@code ForAllValues:} qualifier. Evaluated as the
 * IAM documentation describes:
 * <ul>
 *   <li>the policy's values are alternatives (OR); a negated operator holds when the request's value
 *       matches none of them (NOR);</li>
 *   <li>a key the request does not carry makes a positive operator false and a negated one true,
 *       unless {@code IfExists} (then true) or {@code Null} (which tests exactly that);</li>
 *   <li>{@code ForAllValues:} holds when every request value matches (and when there are none),
 *       {@code ForAnyValue:} when at least one does (never when there are none).</li>
 * </ul>
 * An operator Haneul does not know, or a policy value its operator cannot read (a date that is not a
 * date), makes the clause {@link Match#INVALID}: such a statement never grants, and a Deny still
 * applies, so an unreadable policy fails closed.
 */
record ConditionClause(String operatorText, ConditionOperator operator, Kind kind, Qualifier qualifier, boolean ifExists,
                       String key, List<String> values) {

    enum Kind { VALUES, NULL_CHECK, UNSUPPORTED }

    enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    enum Match { YES, NO, INVALID }

    private static final String IF_EXISTS = "IfExists";

    /** Reads an operator as a policy spells it ({@code ForAnyValue:StringLikeIfExists}). */
    static ConditionClause of(String operatorText, String key, List<String> values) {
        String name = operatorText;
        Qualifier qualifier = Qualifier.NONE;
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("foranyvalue:")) {
            qualifier = Qualifier.FOR_ANY_VALUE;
            name = name.substring("ForAnyValue:".length());
        } else if (lower.startsWith("forallvalues:")) {
            qualifier = Qualifier.FOR_ALL_VALUES;
            name = name.substring("ForAllValues:".length());
        }
        if (name.equalsIgnoreCase("Null")) {
            boolean valid = qualifier == Qualifier.NONE && !values.isEmpty()
                    && values.stream().allMatch(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"));
            return new ConditionClause(operatorText, null, valid ? Kind.NULL_CHECK : Kind.UNSUPPORTED, qualifier, false, key, values);
        }
        boolean ifExists = name.toLowerCase(Locale.ROOT).endsWith(IF_EXISTS.toLowerCase(Locale.ROOT));
        String base = ifExists ? name.substring(0, name.length() - IF_EXISTS.length()) : name;
        ConditionOperator operator = ConditionOperator.named(base).orElse(null);
        boolean valid = operator != null && !values.isEmpty() && values.stream().allMatch(operator::acceptsPolicyValue);
        return new ConditionClause(operatorText, operator, valid ? Kind.VALUES : Kind.UNSUPPORTED, qualifier, ifExists, key, values);
    }

    Match evaluate(ContextKeys keys) {
        if (kind == Kind.UNSUPPORTED) {
            return Match.INVALID;
        }
        List<String> actual = keys.get(key);
        boolean present = actual != null && !actual.isEmpty();
        if (kind == Kind.NULL_CHECK) {
            return of(values.stream().anyMatch(v -> v.equalsIgnoreCase("true") != present));
        }
        if (!present) {
            return of(ifExists || qualifier == Qualifier.FOR_ALL_VALUES
                    || qualifier == Qualifier.NONE && operator.negated());
        }
        return of(switch (qualifier) {
            case FOR_ALL_VALUES -> actual.stream().allMatch(this::holdsFor);
            case FOR_ANY_VALUE -> actual.stream().anyMatch(this::holdsFor);
            case NONE -> operator.negated() ? actual.stream().allMatch(this::holdsFor) : actual.stream().anyMatch(this::holdsFor);
        });
    }

    /** Whether one request value satisfies the operator against the policy's values. */
    private boolean holdsFor(String requestValue) {
        boolean anyMatch = values.stream().anyMatch(p -> operator.positiveMatch(p, requestValue));
        return operator.negated() != anyMatch;
    }

    private static Match of(boolean b) {
        return b ? Match.YES : Match.NO;
    }
}
