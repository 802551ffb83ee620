package io.haneul.lambda.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.policy.PolicyPrincipal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionUrlGrantsTest {

    static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:fn";
    final PermissionStatements p = new PermissionStatements(new ObjectMapper());

    @Test
    void urlsCreatedFromOctober2025NeedInvokeFunctionToo() {
        assertEquals(List.of("lambda:InvokeFunctionUrl"), FunctionUrlGrants.actionsFor(Instant.parse("2025-09-30T23:59:59Z")));
        assertEquals(List.of("lambda:InvokeFunctionUrl", "lambda:InvokeFunction"),
                FunctionUrlGrants.actionsFor(Instant.parse("2025-10-01T00:00:00Z")));
    }

    @Test
    void thePublicStatementsMatchOnlyTheirAuthTypeAndUrlCalls() {
        String s = p.add(null, p.statement(new PermissionStatements.Grant("url", "lambda:InvokeFunctionUrl", "*", null, null, null, null,
                "NONE", null), FN));
        s = p.add(s, p.statement(new PermissionStatements.Grant("invoke", "lambda:InvokeFunction", "*", null, null, null, null, null,
                true), FN));
        PolicyPrincipal anonymous = PolicyPrincipal.anonymous();
        assertTrue(p.allows(s, anonymous, "lambda:InvokeFunctionUrl", FN, FunctionUrlGrants.keys("lambda:InvokeFunctionUrl", "NONE", anonymous)));
        assertFalse(p.allows(s, anonymous, "lambda:InvokeFunctionUrl", FN,
                FunctionUrlGrants.keys("lambda:InvokeFunctionUrl", "AWS_IAM", anonymous)));
        assertTrue(p.allows(s, anonymous, "lambda:InvokeFunction", FN, FunctionUrlGrants.keys("lambda:InvokeFunction", "NONE", anonymous)));
        assertFalse(p.allows(s, anonymous, "lambda:InvokeFunction", FN,
                io.haneul.core.policy.ContextKeys.builder().principal(anonymous).build()), "an Invoke that is not through the URL");
        assertFalse(p.allows(s, anonymous, "lambda:InvokeFunction", FN + ":live",
                FunctionUrlGrants.keys("lambda:InvokeFunction", "NONE", anonymous)), "another qualifier's ARN");
    }
}
