package io.haneul.lambda.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The forms a function may be named by, qualifier included, as Invoke and FunctionInvoker callers
 * (SNS subscriptions, URLs, event sources) pass them.
 */
class FunctionArnsTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";

    private static FunctionArns.Named parse(String given) {
        return FunctionArns.parse(given, REGION, ACCOUNT);
    }

    @Test
    void everyFormCarriesItsQualifier() {
        assertEquals(new FunctionArns.Named("fn", "live"), parse("fn:live"));
        assertEquals(new FunctionArns.Named("fn", "3"), parse("arn:aws:lambda:us-east-1:123456789012:function:fn:3"));
        assertEquals(new FunctionArns.Named("fn", "$LATEST"), parse("123456789012:function:fn:$LATEST"));
        assertEquals(new FunctionArns.Named("fn", null), parse("arn:aws:lambda:us-east-1:123456789012:function:fn"));
        assertNull(parse("fn").qualifier());
    }

    @Test
    void theQualifierParameterIsFoldedIntoTheName() {
        assertEquals("fn:live", FunctionArns.qualified("fn", "live"));
        assertEquals("fn:live", FunctionArns.qualified("fn:live", "live"));
        assertEquals("fn:live", FunctionArns.qualified("fn:live", null));
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:fn:2",
                FunctionArns.qualified("arn:aws:lambda:us-east-1:123456789012:function:fn", "2"));
        LambdaException differ = assertThrows(LambdaException.class, () -> FunctionArns.qualified("fn:1", "2"));
        assertEquals("InvalidParameterValueException", differ.code());
        assertEquals("The derived qualifier from the function name does not match the specified qualifier.", differ.getMessage());
    }

    @Test
    void qualifiersAreLatestVersionsOrAliases() {
        assertEquals(true, Qualifiers.isLatest(null));
        assertEquals(true, Qualifiers.isLatest("$LATEST"));
        assertEquals(true, Qualifiers.isVersion("12"));
        assertEquals(true, Qualifiers.isAlias("live"));
        assertEquals(true, Qualifiers.isAlias("v1"));
        assertEquals(false, Qualifiers.isAlias("1"));
    }
}
