package io.haneul.transcoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.engine.DocumentOperations;
import io.haneul.core.policy.AccessRequest;
import io.haneul.core.policy.ContextKeys;
import io.haneul.core.policy.MalformedPolicyException;
import io.haneul.core.policy.PolicyDocument;
import io.haneul.core.policy.PolicyPrincipal;
import io.haneul.core.spi.RoleDirectory;
import io.haneul.transcoder.domain.TranscoderException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * TestRole (deprecated by AWS and gone from the current SDK for Java, still called by older clients and
 * the console's scripts): would Elastic Transcoder be able to use this role with these buckets and
 * topics? Answered on documents ({@link DocumentOperations}). {@code Success} is {@code "true"} when the
 * role exists in Haneul's IAM (when IAM is served) and trusts {@code elastictranscoder.amazonaws.com},
 * both buckets exist and every topic exists; otherwise {@code "false"} with one message per problem.
 * Missing parameters are refused by the engine from the model; malformed ones here, as ValidationException.
 */
@DocumentOperations.Names({"TestRole"})
final class RoleTestApi implements DocumentOperations {

    private static final Pattern ROLE = Pattern.compile("^arn:aws:iam::\\w{12}:role/.+$");
    private static final Pattern BUCKET = Pattern.compile("^(\\w|\\.|-){1,255}$");
    private static final Pattern TOPIC = Pattern.compile("(^$)|(^arn:aws:sns:.*:\\w{12}:.+$)");
    private static final String SERVICE = "elastictranscoder.amazonaws.com";

    private final Resources resources;
    private final Supplier<Optional<RoleDirectory>> roles;

    RoleTestApi(Resources resources, Supplier<Optional<RoleDirectory>> roles) {
        this.resources = resources;
        this.roles = roles;
    }

    @Override
    public Map<String, DocumentHandler> documentOperations() {
        return Map.of("TestRole", (ctx, input) -> TranscoderErrors.call(() -> testRole(ctx.accountId(), input)));
    }

    JsonNode testRole(String account, JsonNode input) {
        String role = required(input, "Role", ROLE);
        String inputBucket = required(input, "InputBucket", BUCKET);
        String outputBucket = required(input, "OutputBucket", BUCKET);
        JsonNode topics = input.get("Topics"); // present: the engine checks the model's required members first
        if (!topics.isArray()) {
            throw TranscoderException.validation("1 validation error detected: Value null at 'topics' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        if (topics.size() > 30) {
            throw TranscoderException.validation("1 validation error detected: Value at 'topics' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 30");
        }
        List<String> messages = new ArrayList<>();
        roleProblem(role).ifPresent(messages::add);
        for (String bucket : List.of(inputBucket, outputBucket)) {
            try {
                resources.requireBucket(account, bucket);
            } catch (TranscoderException e) {
                messages.add(e.getMessage());
            }
        }
        for (JsonNode topic : topics) {
            String arn = topic.asText("");
            if (!TOPIC.matcher(arn).matches()) {
                throw TranscoderException.validation("1 validation error detected: Value '" + arn
                        + "' at 'topics' failed to satisfy constraint: Member must satisfy regular expression pattern: " + TOPIC.pattern());
            }
            try {
                resources.requireTopic("Topic", arn);
            } catch (TranscoderException e) {
                messages.add(e.getMessage());
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("Success", messages.isEmpty() ? "true" : "false");
        ArrayNode list = out.putArray("Messages");
        messages.forEach(list::add);
        return out;
    }

    /** Why Elastic Transcoder could not assume the role, if IAM knows the account's roles. */
    private Optional<String> roleProblem(String arn) {
        Optional<RoleDirectory> directory = roles.get();
        if (directory.isEmpty()) {
            return Optional.empty(); // no IAM on this server: any well-formed role is accepted, as elsewhere
        }
        Optional<RoleDirectory.Role> found = directory.get().findByArn(arn);
        if (found.isEmpty()) {
            return Optional.of("The role " + arn + " does not exist.");
        }
        try {
            boolean trusted = PolicyDocument.parse(found.get().trustPolicy()).evaluate(new AccessRequest(PolicyPrincipal.service(SERVICE),
                    "sts:AssumeRole", arn, ContextKeys.builder().build())).allowed();
            return trusted ? Optional.empty()
                    : Optional.of("The role " + arn + " does not allow " + SERVICE + " to assume it (its trust policy).");
        } catch (MalformedPolicyException e) {
            return Optional.of("The role " + arn + " has a trust policy that cannot be read: " + e.getMessage());
        }
    }

    private static String required(JsonNode input, String member, Pattern pattern) {
        String text = input.get(member).asText(); // present: the engine checks the model's required members first
        if (!pattern.matcher(text).matches()) {
            throw TranscoderException.validation("1 validation error detected: Value '" + text + "' at '" + Character.toLowerCase(member.charAt(0))
                    + member.substring(1) + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return text;
    }
}
