package io.haneul.core.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The condition operators Haneul evaluates, without their {@code IfExists} suffix and set
 * qualifier. Each compares one value from the policy with one value of the request; a negated
 * operator ({@code StringNotEquals}, {@code NotIpAddress}, ...) holds when its positive form matches
 * none of the policy's values. {@code Null} is not here: it tests presence, not values
 * ({@link ConditionClause}). Binary operators are not supported, so a policy using them never grants.
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", false, String::equals, v -> true),
    STRING_NOT_EQUALS("StringNotEquals", true, String::equals, v -> true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, String::equalsIgnoreCase, v -> true),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, String::equalsIgnoreCase, v -> true),
    STRING_LIKE("StringLike", false, (p, r) -> Wildcards.matches(p, r, false), v -> true),
    STRING_NOT_LIKE("StringNotLike", true, (p, r) -> Wildcards.matches(p, r, false), v -> true),
    ARN_EQUALS("ArnEquals", false, ConditionOperator::arnMatches, v -> true),
    ARN_NOT_EQUALS("ArnNotEquals", true, ConditionOperator::arnMatches, v -> true),
    ARN_LIKE("ArnLike", false, ConditionOperator::arnMatches, v -> true),
    ARN_NOT_LIKE("ArnNotLike", true, ConditionOperator::arnMatches, v -> true),
    NUMERIC_EQUALS("NumericEquals", false, numeric(c -> c == 0), ConditionOperator::isNumber),
    NUMERIC_NOT_EQUALS("NumericNotEquals", true, numeric(c -> c == 0), ConditionOperator::isNumber),
    NUMERIC_LESS_THAN("NumericLessThan", false, numeric(c -> c < 0), ConditionOperator::isNumber),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false, numeric(c -> c <= 0), ConditionOperator::isNumber),
    NUMERIC_GREATER_THAN("NumericGreaterThan", false, numeric(c -> c > 0), ConditionOperator::isNumber),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false, numeric(c -> c >= 0), ConditionOperator::isNumber),
    DATE_EQUALS("DateEquals", false, date(c -> c == 0), ConditionOperator::isDate),
    DATE_NOT_EQUALS("DateNotEquals", true, date(c -> c == 0), ConditionOperator::isDate),
    DATE_LESS_THAN("DateLessThan", false, date(c -> c < 0), ConditionOperator::isDate),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", false, date(c -> c <= 0), ConditionOperator::isDate),
    DATE_GREATER_THAN("DateGreaterThan", false, date(c -> c > 0), ConditionOperator::isDate),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false, date(c -> c >= 0), ConditionOperator::isDate),
    BOOL("Bool", false, String::equalsIgnoreCase, v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")),
    IP_ADDRESS("IpAddress", false, IpRanges::contains, IpRanges::valid),
    NOT_IP_ADDRESS("NotIpAddress", true, IpRanges::contains, IpRanges::valid);

    private final String policyName;
    private final boolean negated;
    private final BiPredicate<String, String> positiveMatch;
    private final Predicate<String> validPolicyValue;

    ConditionOperator(String policyName, boolean negated, BiPredicate<String, String> positiveMatch,
                      Predicate<String> validPolicyValue) {
        this.policyName = policyName;
        this.negated = negated;
        this.positiveMatch = positiveMatch;
        this.validPolicyValue = validPolicyValue;
    }

    /** The operator a policy names (case-insensitively), or empty when Haneul does not know it. */
    static Optional<ConditionOperator> named(String name) {
        for (ConditionOperator o : values()) {
            if (o.policyName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    boolean negated() {
        return negated;
    }

    /** Whether a policy value can be compared by this operator (a number for Numeric, a CIDR for IpAddress...). */
    boolean acceptsPolicyValue(String policyValue) {
        return validPolicyValue.test(policyValue);
    }

    /** The positive comparison (equal, like, in range...) of one policy value with one request value. */
    boolean positiveMatch(String policyValue, String requestValue) {
        return positiveMatch.test(policyValue, requestValue);
    }

    /**
     * ARNs compare component by component (partition, service, region, account, resource), wildcards
     * allowed in each and never crossing a colon, except that a policy ARN with fewer components
     * ({@code arn:aws:sns:*}) lets its last one cover the rest of the request's ARN.
     */
    private static boolean arnMatches(String policyArn, String requestArn) {
        String[] p = policyArn.split(":", 6);
        String[] r = requestArn.split(":", p.length);
        if (p.length != r.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (!Wildcards.matches(p[i], r[i], false)) {
                return false;
            }
        }
        return true;
    }

    private static BiPredicate<String, String> numeric(java.util.function.IntPredicate comparison) {
        return (p, r) -> {
            BigDecimal policy = PolicyValues.number(p);
            BigDecimal request = PolicyValues.number(r);
            return policy != null && request != null && comparison.test(request.compareTo(policy));
        };
    }

    private static BiPredicate<String, String> date(java.util.function.IntPredicate comparison) {
        return (p, r) -> {
            Instant policy = PolicyValues.date(p);
            Instant request = PolicyValues.date(r);
            return policy != null && request != null && comparison.test(request.compareTo(policy));
        };
    }

    private static boolean isNumber(String v) {
        return PolicyValues.number(v) != null;
    }

    private static boolean isDate(String v) {
        return PolicyValues.date(v) != null;
    }
}
