package io.haneul.iam.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies scripts commonly attach ({@code arn:aws:iam::aws:policy/...}), read once
 * from {@code aws-managed-policies.json}, a module resource. Their documents are written from AWS's
 * documented permissions of each policy (read-only ones list a representative set of actions, not
 * every service's); they are answered as AWS answers them and attached like any policy, never
 * enforced. A policy ARN under {@code aws} that is not in the file is unknown, as on AWS.
 */
public final class AwsManagedPolicies {

    /** One AWS managed policy and the document of its only version. */
    public record Entry(ManagedPolicy policy, String document) {
    }

    private final Map<String, Entry> byArn = new LinkedHashMap<>();

    private AwsManagedPolicies(List<Entry> entries) {
        entries.stream().sorted(Comparator.comparing(e -> Names.key(e.policy().name())))
                .forEach(e -> byArn.put(e.policy().arn(), e));
    }

    public static AwsManagedPolicies load() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream("/io/haneul/iam/aws-managed-policies.json")) {
            if (in == null) {
                throw new IllegalStateException("aws-managed-policies.json is missing from the IAM module");
            }
            List<Entry> entries = new java.util.ArrayList<>();
            for (JsonNode n : json.readTree(in)) {
                ManagedPolicy p = new ManagedPolicy(IamArns.AWS, n.get("PolicyName").asText(), n.get("PolicyId").asText(),
                        n.get("Path").asText(), n.get("Description").asText(), n.get("DefaultVersionId").asText(),
                        Instant.parse(n.get("CreateDate").asText()), Instant.parse(n.get("UpdateDate").asText()), Map.of(), 0);
                entries.add(new Entry(p, json.writerWithDefaultPrettyPrinter().writeValueAsString(n.get("Document"))));
            }
            return new AwsManagedPolicies(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Entry> find(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    /** Every AWS managed policy Haneul knows, by name. */
    public List<Entry> all() {
        return List.copyOf(byArn.values());
    }
}
