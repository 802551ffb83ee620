package io.haneul.iam.domain;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicyDocumentsTest {

    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String IDENTITY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";

    @Test
    void trustPoliciesNeedPrincipalsAndIdentityPoliciesMustNotHaveThem() {
        assertDoesNotThrow(() -> PolicyDocuments.checkTrustPolicy(TRUST));
        assertDoesNotThrow(() -> PolicyDocuments.checkIdentityPolicy(IDENTITY));
        assertEquals("Missing required field Principal", malformed(() -> PolicyDocuments.checkTrustPolicy(IDENTITY)));
        assertEquals("Policy document should not specify a principal.", malformed(() -> PolicyDocuments.checkIdentityPolicy(TRUST)));
    }

    @Test
    void textThatIsNotAPolicyIsMalformed() {
        assertEquals("This policy contains invalid Json", malformed(() -> PolicyDocuments.checkIdentityPolicy("{\"Statement\": [")));
        assertEquals("Missing required field Statement", malformed(() -> PolicyDocuments.checkIdentityPolicy("{\"Version\":\"2012-10-17\"}")));
        assertEquals("Invalid effect: Maybe", malformed(() -> PolicyDocuments.checkIdentityPolicy(
                "{\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}")));
    }

    @Test
    void documentsArePercentEncodedWithSpacesAsPercentTwenty() {
        String doc = "{\"Resource\": \"arn:aws:s3:::a b/+*\"}";
        String encoded = PolicyDocuments.urlEncoded(doc);
        assertEquals("%7B%22Resource%22%3A%20%22arn%3Aaws%3As3%3A%3A%3Aa%20b%2F%2B*%22%7D", encoded);
        assertEquals(doc, URLDecoder.decode(encoded, StandardCharsets.UTF_8));
    }

    private static String malformed(Runnable check) {
        IamException e = assertThrows(IamException.class, check::run);
        assertEquals(IamError.MalformedPolicyDocument, e.error());
        return e.getMessage();
    }
}
