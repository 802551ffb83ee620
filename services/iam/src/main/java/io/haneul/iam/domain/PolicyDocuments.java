package io.haneul.iam.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.policy.MalformedPolicyException;
import io.haneul.core.policy.PolicyDocument;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Checks the two kinds of policy document IAM stores, and writes them as IAM answers them.
 * Identity policies (managed and inline) grant a principal something and so must not name one;
 * trust policies (a role's AssumeRolePolicyDocument) say who may assume the role and so must.
 * Documents are kept as sent: IAM answers the caller's own text, not a normalised one.
 */
public final class PolicyDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {
    }

    /** @throws IamException MalformedPolicyDocument unless the text is a policy without principals */
    public static void checkIdentityPolicy(String document) {
        for (JsonNode statement : statements(document)) {
            if (statement.has("Principal") || statement.has("NotPrincipal")) {
                throw malformed("Policy document should not specify a principal.");
            }
        }
    }

    /** @throws IamException MalformedPolicyDocument unless the text is a policy whose statements name principals */
    public static void checkTrustPolicy(String document) {
        for (JsonNode statement : statements(document)) {
            if (!statement.has("Principal") && !statement.has("NotPrincipal")) {
                throw malformed("Missing required field Principal");
            }
        }
    }

    /**
     * The document as IAM's query API returns it: percent-encoded (RFC 3986, spaces as {@code %20}).
     * boto3 and the AWS CLI decode it; the AWS SDK for Java hands it over encoded, as from AWS.
     */
    public static String urlEncoded(String document) {
        return document == null ? null : URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Iterable<JsonNode> statements(String document) {
        try {
            PolicyDocument.parse(document);
        } catch (MalformedPolicyException e) {
            throw malformed(e.getMessage().startsWith("Policies must be valid JSON") ? "This policy contains invalid Json" : e.getMessage());
        }
        try {
            JsonNode st = JSON.readTree(document).path("Statement");
            return st.isArray() ? st : java.util.List.of(st);
        } catch (JsonProcessingException e) {
            throw malformed("This policy contains invalid Json");
        }
    }

    private static IamException malformed(String message) {
        return new IamException(IamError.MalformedPolicyDocument, message);
    }
}
