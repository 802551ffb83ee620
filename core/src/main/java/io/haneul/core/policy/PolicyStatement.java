package io.haneul.core.policy;

import java.util.List;
import java.util.Locale;

/**
 * One parsed statement of a resource policy. It applies to a request when its principal, action,
 * resource and every condition clause (AND) match. A statement without {@code Principal} or
 * {@code NotPrincipal} applies to no one (AWS refuses such resource policies); one without
 * {@code Resource} or {@code NotResource} applies to the resource the policy is attached to.
 *
 * @param principal    the Principal or NotPrincipal element, null when absent
 * @param notPrincipal whether {@code principal} came from NotPrincipal (applies to everyone else)
 * @param actions      Action or NotAction patterns ({@code sqs:Send*}, case-insensitive)
 * @param resources    Resource or NotResource patterns (ARNs with {@code *}/{@code ?}), null when absent
 */
record PolicyStatement(String sid, boolean allow, PrincipalPattern principal, boolean notPrincipal,
                              List<String> actions, boolean notAction, List<String> resources, boolean notResource,
                              List<ConditionClause> conditions) {

    /** Whether the statement applies: YES, NO, or INVALID when it matches but names a condition Haneul cannot evaluate. */
    ConditionClause.Match applies(AccessRequest r) {
        if (principal == null || principal.matches(r.principal()) == notPrincipal) {
            return ConditionClause.Match.NO;
        }
        boolean actionListed = actions.stream().anyMatch(a -> Wildcards.matches(a.toLowerCase(Locale.ROOT),
                r.action().toLowerCase(Locale.ROOT), true));
        if (actionListed == notAction) {
            return ConditionClause.Match.NO;
        }
        if (resources != null && r.resource() != null
                && resources.stream().anyMatch(p -> Wildcards.matches(p, r.resource(), false)) == notResource) {
            return ConditionClause.Match.NO;
        }
        ConditionClause.Match result = ConditionClause.Match.YES;
        for (ConditionClause c : conditions) {
            ConditionClause.Match m = c.evaluate(r.keys());
            if (m == ConditionClause.Match.NO) {
                return m;
            }
            if (m == ConditionClause.Match.INVALID) {
                result = m;
            }
        }
        return result;
    }

    /** Whether the statement grants something to {@code *} (everyone) with no condition: S3's test of a public policy. */
    boolean grantsEveryoneUnconditionally() {
        return allow && !notPrincipal && principal != null && principal.matches(PolicyPrincipal.anonymous()) && conditions.isEmpty();
    }
}
