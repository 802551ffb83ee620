package io.haneul.s3.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The policy of an S3 browser-form upload: a base64 JSON document with an expiration and conditions
 * ({@code {"field": "value"}}, {@code ["eq"|"starts-with", "$field", "value"]},
 * {@code ["content-length-range", min, max]}) that every form field must satisfy, and that must name
 * every form field but the few S3 exempts. Field names compare case-insensitively, as S3 does.
 */
public final class PostPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields a policy need not mention. */
    private static final Set<String> EXEMPT = Set.of("x-amz-signature", "file", "policy", "awsaccesskeyid", "signature");

    private record Condition(String op, String field, String value) {
    }

    private final Instant expiration;
    private final List<Condition> conditions;
    private final long minLength;
    private final long maxLength;

    private PostPolicy(Instant expiration, List<Condition> conditions, long minLength, long maxLength) {
        this.expiration = expiration;
        this.conditions = conditions;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** Parses the base64 policy field; {@code InvalidPolicyDocument} when it is not a policy. */
    public static PostPolicy parse(String base64) {
        JsonNode doc;
        try {
            doc = JSON.readTree(new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("Invalid Policy: Invalid JSON.");
        }
        if (doc == null || !doc.isObject() || !doc.path("expiration").isTextual()) {
            throw invalid("Invalid Policy: Policy missing expiration.");
        }
        Instant expiration;
        try {
            expiration = Instant.parse(doc.path("expiration").asText());
        } catch (DateTimeParseException e) {
            throw invalid("Invalid Policy: Invalid 'expiration' value: '" + doc.path("expiration").asText() + "'");
        }
        JsonNode list = doc.path("conditions");
        if (!list.isArray()) {
            throw invalid("Invalid Policy: Policy missing conditions.");
        }
        List<Condition> conditions = new ArrayList<>();
        long min = 0;
        long max = Long.MAX_VALUE;
        for (JsonNode c : list) {
            if (c.isObject() && c.size() == 1) {
                Map.Entry<String, JsonNode> e = c.properties().iterator().next();
                conditions.add(new Condition("eq", field(e.getKey()), e.getValue().asText()));
            } else if (c.isArray() && c.size() == 3 && "content-length-range".equalsIgnoreCase(c.get(0).asText())) {
                min = c.get(1).asLong();
                max = c.get(2).asLong();
            } else if (c.isArray() && c.size() == 3 && c.get(1).asText().startsWith("$")
                    && ("eq".equalsIgnoreCase(c.get(0).asText()) || "starts-with".equalsIgnoreCase(c.get(0).asText()))) {
                conditions.add(new Condition(c.get(0).asText().toLowerCase(Locale.ROOT), field(c.get(1).asText()), c.get(2).asText()));
            } else {
                throw invalid("Invalid Policy: Invalid Condition: " + c);
            }
        }
        return new PostPolicy(expiration, List.copyOf(conditions), min, max);
    }

    private static String field(String name) {
        return (name.startsWith("$") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
    }

    /**
     * Checks the form against the policy: not expired, every condition met, no field left unnamed.
     *
     * @param fields the form's fields (names as sent) with the bucket added, as S3 adds it
     */
    public void check(Map<String, String> fields, Instant now) {
        if (!now.isBefore(expiration)) {
            throw denied("Invalid according to Policy: Policy expired.");
        }
        Map<String, String> byName = new LinkedHashMap<>();
        fields.forEach((k, v) -> byName.put(k.toLowerCase(Locale.ROOT), v));
        for (Condition c : conditions) {
            String value = byName.getOrDefault(c.field(), "");
            boolean ok = c.op().equals("eq") ? value.equals(c.value()) : value.startsWith(c.value());
            if (!ok) {
                throw denied("Invalid according to Policy: Policy Condition failed: [\"" + c.op() + "\", \"$" + c.field()
                        + "\", \"" + c.value() + "\"]");
            }
        }
        for (String name : byName.keySet()) {
            if (!EXEMPT.contains(name) && !name.startsWith("x-ignore-") && conditions.stream().noneMatch(c -> c.field().equals(name))) {
                throw denied("Invalid according to Policy: Extra input fields: " + name);
            }
        }
    }

    /** The largest body the policy allows (its content-length-range, else no limit beyond S3's own). */
    public long maxLength() {
        return maxLength;
    }

    /** The smallest body the policy allows. */
    public long minLength() {
        return minLength;
    }

    private static S3Exception invalid(String message) {
        return new S3Exception(S3Error.InvalidPolicyDocument, message);
    }

    private static S3Exception denied(String message) {
        return new S3Exception(S3Error.AccessDenied, message);
    }
}
