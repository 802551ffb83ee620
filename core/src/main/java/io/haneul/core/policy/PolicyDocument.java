package io.haneul.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A resource policy (an SQS queue's, an SNS topic's, an S3 bucket's), parsed once and evaluated
 * per request as AWS evaluates resource policies: every statement that applies is considered; an
 * explicit Deny wins, else an Allow grants, else the request is not granted (implicit deny).
 *
 * <p>A statement that applies but carries a condition Haneul cannot evaluate (an unknown operator,
 * a value its operator cannot read) never grants, and as a Deny it still denies: an unreadable
 * policy fails closed.
 */
public final class PolicyDocument {

    /** Duplicate keys are refused: a repeated "Condition" must not silently replace the first. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final java.util.Set<String> ELEMENTS = java.util.Set.of("Version", "Id", "Statement");

    private final List<PolicyStatement> statements;

    private PolicyDocument(List<PolicyStatement> statements) {
        this.statements = List.copyOf(statements);
    }

    /**
     * @throws MalformedPolicyException when the text is not JSON (duplicate keys included), names an
     *                                  element a policy does not have (a misspelt {@code "condition"}
     *                                  must not drop the conditions), or its {@code Statement},
     *                                  {@code Effect}, {@code Action} or {@code Condition} is not
     *                                  shaped as a policy's
     */
    public static PolicyDocument parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException("Policies must be valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException("A policy must be a JSON object");
        }
        for (String name : (Iterable<String>) root::fieldNames) {
            if (!ELEMENTS.contains(name)) {
                throw new MalformedPolicyException("Policy document contains an unknown element: " + name);
            }
        }
        JsonNode st = root.path("Statement");
        if (!st.isArray() && !st.isObject()) {
            throw new MalformedPolicyException("Missing required field Statement");
        }
        List<PolicyStatement> parsed = new ArrayList<>();
        for (JsonNode s : st.isArray() ? st : List.of(st)) {
            parsed.add(StatementParser.statement(s));
        }
        return new PolicyDocument(parsed);
    }

    /** The decision of this policy alone for the request. */
    public Decision evaluate(AccessRequest request) {
        boolean allowed = false;
        for (PolicyStatement s : statements) {
            ConditionClause.Match m = s.applies(request);
            if (m == ConditionClause.Match.NO) {
                continue;
            }
            if (!s.allow()) {
                return Decision.DENY;
            }
            allowed |= m == ConditionClause.Match.YES;
        }
        return allowed ? Decision.ALLOW : Decision.NOT_GRANTED;
    }

    /** Whether a statement allows everyone ({@code "*"}) something with no condition (S3's "public" policy status). */
    public boolean grantsEveryoneUnconditionally() {
        return statements.stream().anyMatch(PolicyStatement::grantsEveryoneUnconditionally);
    }
}
