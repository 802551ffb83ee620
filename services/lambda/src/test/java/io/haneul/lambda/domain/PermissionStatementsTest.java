package io.haneul.lambda.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermissionStatementsTest {

    static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:fn";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:news";
    final PermissionStatements p = new PermissionStatements(new ObjectMapper());

    static PermissionStatements.Grant grant(String sid, String action, String principal, String sourceArn, String sourceAccount) {
        return new PermissionStatements.Grant(sid, action, principal, sourceArn, sourceAccount, null, null, null);
    }

    String with(PermissionStatements.Grant... grants) {
        String statements = null;
        for (PermissionStatements.Grant g : grants) {
            statements = p.add(statements, p.statement(g, FN));
        }
        return statements;
    }

    @Test
    void aServiceIsAllowedOnlyWhereAStatementNamesItAndItsConditionsHold() {
        String s = with(grant("sns", "lambda:InvokeFunction", "sns.amazonaws.com", TOPIC, "123456789012"));
        assertTrue(p.allowsInvoke(s, "sns.amazonaws.com", FN, TOPIC, "123456789012"));
        assertFalse(p.allowsInvoke(s, "sns.amazonaws.com", FN, "arn:aws:sns:us-east-1:123456789012:other", "123456789012"));
        assertFalse(p.allowsInvoke(s, "sns.amazonaws.com", FN, TOPIC, "210987654321"));
        assertFalse(p.allowsInvoke(s, "s3.amazonaws.com", FN, TOPIC, "123456789012"));
        assertFalse(p.allowsInvoke(s, "sns.amazonaws.com", FN + ":prod", TOPIC, "123456789012"), "another qualifier's ARN");
        assertFalse(p.allowsInvoke(null, "sns.amazonaws.com", FN, TOPIC, "123456789012"));
    }

    @Test
    void wildcardsActionsAndPrincipals() {
        assertTrue(p.allowsInvoke(with(grant("s3", "lambda:InvokeFunction", "s3.amazonaws.com", "arn:aws:s3:::photos-*", null)),
                "s3.amazonaws.com", FN, "arn:aws:s3:::photos-2026", null));
        assertTrue(p.allowsInvoke(with(grant("all", "lambda:*", "*", null, null)), "ses.amazonaws.com", FN, null, null));
        assertFalse(p.allowsInvoke(with(grant("get", "lambda:GetFunction", "sns.amazonaws.com", null, null)), "sns.amazonaws.com", FN,
                TOPIC, null));
        assertFalse(p.allowsInvoke(with(grant("acct", "lambda:InvokeFunction", "123456789012", null, null)), "sns.amazonaws.com", FN,
                TOPIC, null), "an account principal is not a service");
    }

    @Test
    void statementsAddAndRemoveAsAwsAnswers() throws Exception {
        String s = with(grant("a", "lambda:InvokeFunction", "sns.amazonaws.com", null, null));
        LambdaException dup = assertThrows(LambdaException.class, () -> p.add(s, p.statement(grant("a", "lambda:InvokeFunction",
                "s3.amazonaws.com", null, null), FN)));
        assertEquals("ResourceConflictException", dup.code());
        assertEquals("InvalidParameterValueException", assertThrows(LambdaException.class,
                () -> p.statement(grant("b", "lambda:InvokeFunction", "someone", null, null), FN)).code());
        assertEquals("Statement zz is not found in resource policy.",
                assertThrows(LambdaException.class, () -> p.remove(s, "zz")).getMessage());
        assertNull(p.remove(s, "a"));
        assertEquals("{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[{\"Sid\":\"a\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + FN + "\"}]}",
                p.policy(s));
    }
}
