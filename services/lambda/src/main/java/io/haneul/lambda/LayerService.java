package io.haneul.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.lambda.code.CodePackage;
import io.haneul.lambda.code.CodeUnpacker;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.domain.LayerArns;
import io.haneul.lambda.domain.LayerVersionRecord;
import io.haneul.lambda.store.SqlLayerStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Lambda layers: versions published from a zip, read, listed, deleted, shared with other accounts
 * by permission statements, and checked when a function references them (at most 5, each existing
 * and usable by the function's account, the function's code and its layers within the unpacked
 * limit together). A layer's zip is unpacked once per hash, like function code.
 */
final class LayerService {

    /** AWS's limit on the layers of one function. */
    static final int MAX_LAYERS = 5;
    private static final String NOT_FOUND = "The resource you requested does not exist.";

    private final SqlLayerStore store;
    private final CodeUnpacker unpacker;
    private final Clock clock;
    private final ObjectMapper json;

    LayerService(SqlLayerStore store, CodeUnpacker unpacker, Clock clock, ObjectMapper json) {
        this.store = store;
        this.unpacker = unpacker;
        this.clock = clock;
        this.json = json;
    }

    LayerVersionRecord publish(String account, String region, String layerName, String description, String licenseInfo,
                               List<String> runtimes, List<String> architectures, byte[] zip) {
        LayerArns.Named named = LayerArns.layer(layerName, region, account);
        if (!named.account().equals(account) || !named.region().equals(region)) {
            throw accessDenied(account, "lambda:PublishLayerVersion", LayerArns.layerArn(named.region(), named.account(), named.name()));
        }
        if (zip == null || zip.length == 0) {
            throw LambdaException.invalidParameter("Please provide a source for the layer content.");
        }
        CodePackage code = unpacker.unpack(zip);
        long unpacked = CodeUnpacker.unpackedSize(code.root());
        long now = clock.millis();
        return store.publish(account, region, named.name(), version -> new LayerVersionRecord(account, region, named.name(), version,
                Objects.requireNonNullElse(description, ""), licenseInfo, runtimes, architectures, code.sha256Base64(), code.size(),
                unpacked, now, Map.of(), Map.of(), null));
    }

    /** A version the caller may read: its own, or another account's that a permission statement shares with it. */
    LayerVersionRecord get(String account, String region, String layerName, long version) {
        LayerArns.Named named = LayerArns.layer(layerName, region, account);
        return readable(account, named.region(), named.account(), named.name(), version);
    }

    LayerVersionRecord getByArn(String account, String versionArn) {
        LayerArns.Named named = LayerArns.version(versionArn);
        if (named == null) {
            throw LambdaException.invalidParameter("1 validation error detected: Value '" + versionArn
                    + "' at 'arn' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "(arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+)");
        }
        return readable(account, named.region(), named.account(), named.name(), named.version());
    }

    /** The newest version of each of the account's layers that matches the filters, by layer name. */
    List<LayerVersionRecord> listLayers(String account, String region, String runtime, String architecture) {
        Map<String, LayerVersionRecord> latest = new LinkedHashMap<>();
        for (LayerVersionRecord v : store.all(account, region)) {
            if (matches(v, runtime, architecture)) {
                latest.putIfAbsent(v.name(), v);
            }
        }
        return List.copyOf(latest.values());
    }

    /** A layer's versions matching the filters, newest first. */
    List<LayerVersionRecord> listVersions(String account, String region, String layerName, String runtime, String architecture) {
        LayerArns.Named named = LayerArns.layer(layerName, region, account);
        return store.versions(named.account(), named.region(), named.name()).stream()
                .filter(v -> v.usableBy(account) && matches(v, runtime, architecture)).toList();
    }

    /** Deletes a version; deleting one that does not exist succeeds, as on AWS. */
    void delete(String account, String region, String layerName, long version) {
        LayerArns.Named named = owned(account, region, layerName, "lambda:DeleteLayerVersion");
        store.delete(account, region, named.name(), version);
    }

    /** The statement added, as AWS answers it, and the policy's new revision. */
    record Granted(String statement, String revisionId) {
    }

    Granted addPermission(String account, String region, String layerName, long version, String statementId, String action,
                          String principal, String organizationId, String expectedRevision) {
        LayerArns.Named named = owned(account, region, layerName, "lambda:AddLayerVersionPermission");
        LayerVersionRecord v = store.get(account, region, named.name(), version)
                .orElseThrow(() -> notFound());
        checkRevision(v, expectedRevision);
        if (v.statements().containsKey(statementId)) {
            throw LambdaException.conflict("The statement id (" + statementId
                    + ") provided already exists. Please provide a new statement id, or remove the existing statement.");
        }
        String grantee = principal.equals("*") ? "*" : principal.replaceAll("^arn:aws[a-zA-Z-]*:iam::(\\d{12}):root$", "$1");
        ObjectNode statement = json.createObjectNode().put("Sid", statementId).put("Effect", "Allow");
        if (grantee.equals("*")) {
            statement.put("Principal", "*");
        } else {
            statement.putObject("Principal").put("AWS", "arn:aws:iam::" + grantee + ":root");
        }
        statement.put("Action", action).put("Resource", v.versionArn());
        if (organizationId != null) {
            statement.putObject("Condition").putObject("StringEquals").put("aws:PrincipalOrgID", organizationId);
            grantee = "organization:" + organizationId; // Haneul has no organizations: such a statement shares with no account
        }
        Map<String, String> statements = new LinkedHashMap<>(v.statements());
        statements.put(statementId, statement.toString());
        Map<String, String> grantees = new LinkedHashMap<>(v.grantees());
        grantees.put(statementId, grantee);
        LayerVersionRecord updated = v.withPolicy(statements, grantees, UUID.randomUUID().toString());
        if (!store.replace(updated)) {
            throw notFound();
        }
        return new Granted(statement.toString(), updated.policyRevision());
    }

    void removePermission(String account, String region, String layerName, long version, String statementId, String expectedRevision) {
        LayerArns.Named named = owned(account, region, layerName, "lambda:RemoveLayerVersionPermission");
        LayerVersionRecord v = store.get(account, region, named.name(), version).orElseThrow(LayerService::notFound);
        checkRevision(v, expectedRevision);
        if (!v.statements().containsKey(statementId)) {
            throw new LambdaException("ResourceNotFoundException", 404, "Statement " + statementId + " is not found in resource policy.");
        }
        Map<String, String> statements = new LinkedHashMap<>(v.statements());
        statements.remove(statementId);
        Map<String, String> grantees = new LinkedHashMap<>(v.grantees());
        grantees.remove(statementId);
        store.replace(v.withPolicy(statements, grantees, UUID.randomUUID().toString()));
    }

    /** The version's policy document and revision. */
    Granted policy(String account, String region, String layerName, long version) {
        LayerArns.Named named = owned(account, region, layerName, "lambda:GetLayerVersionPolicy");
        LayerVersionRecord v = store.get(account, region, named.name(), version).orElseThrow(LayerService::notFound);
        if (v.statements().isEmpty()) {
            throw new LambdaException("ResourceNotFoundException", 404, "No policy is associated with the given resource.");
        }
        ObjectNode policy = json.createObjectNode().put("Version", "2012-10-17").put("Id", "default");
        ArrayNode statements = policy.putArray("Statement");
        try {
            for (String s : v.statements().values()) {
                statements.add(json.readTree(s));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new Granted(policy.toString(), v.policyRevision());
    }

    /**
     * The layer versions a function's configuration names, checked as AWS checks them: at most 5,
     * one version per layer, each existing and usable by the function's account, and the function's
     * unpacked code plus its layers' within the unpacked limit.
     *
     * @param codeRoot the function's unpacked code, whose size counts with the layers'
     */
    List<LayerVersionRecord> check(String account, String region, List<String> layerArns, Path codeRoot) {
        if (layerArns.size() > MAX_LAYERS) {
            throw LambdaException.invalidParameter("Cannot reference more than " + MAX_LAYERS + " layers.");
        }
        if (layerArns.isEmpty()) {
            return List.of(); // the code alone was held to the limit when it was unpacked
        }
        List<LayerVersionRecord> found = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        long total = CodeUnpacker.unpackedSize(codeRoot);
        for (String arn : layerArns) {
            LayerArns.Named named = LayerArns.version(arn);
            if (named == null) {
                throw LambdaException.invalidParameter("Layer version " + arn + " does not exist.");
            }
            LayerVersionRecord v;
            if (named.account().equals(account)) {
                if (!named.region().equals(region)) {
                    throw LambdaException.invalidParameter("Layers are not in the same region as the function. "
                            + "Layers are expected to be in region " + region + ".");
                }
                v = store.get(named.account(), named.region(), named.name(), named.version())
                        .orElseThrow(() -> LambdaException.invalidParameter("Layer version " + arn + " does not exist."));
            } else {
                // another account's layer: missing and not shared read the same, so its layers cannot be probed
                v = named.region().equals(region) ? store.get(named.account(), named.region(), named.name(), named.version())
                        .filter(shared -> shared.usableBy(account)).orElse(null) : null;
                if (v == null) {
                    throw accessDenied(account, "lambda:GetLayerVersion", arn);
                }
            }
            String earlier = seen.putIfAbsent(v.layerArn(), arn);
            if (earlier != null) {
                throw LambdaException.invalidParameter("Two different versions of the same layer are not allowed to be referenced "
                        + "in the same function. " + earlier + " and " + arn + " are versions of the same layer.");
            }
            total += v.unpackedSize();
            found.add(v);
        }
        checkTotal(total);
        return found;
    }

    /** The size check alone, for new code of a function whose layers stay (versions deleted since still count). */
    void checkSize(List<String> layerArns, Path codeRoot) {
        if (layerArns.isEmpty()) {
            return;
        }
        long total = CodeUnpacker.unpackedSize(codeRoot);
        for (String arn : layerArns) {
            LayerArns.Named named = LayerArns.version(arn);
            if (named != null) {
                total += store.getEvenDeleted(named.account(), named.region(), named.name(), named.version())
                        .map(LayerVersionRecord::unpackedSize).orElse(0L);
            }
        }
        checkTotal(total);
    }

    private void checkTotal(long total) {
        if (total > unpacker.maxUnpackedBytes()) {
            throw LambdaException.invalidParameter("Function code combined with layers exceeds the maximum allowed size of "
                    + unpacker.maxUnpackedBytes() + " bytes. The actual size is " + total + " bytes.");
        }
    }

    /** The unpacked directories of a function's layers, in the function's order (deleted versions included: they keep running). */
    List<Path> roots(List<String> layerArns) {
        List<Path> roots = new ArrayList<>();
        for (String arn : layerArns) {
            LayerArns.Named named = LayerArns.version(arn);
            if (named != null) {
                store.getEvenDeleted(named.account(), named.region(), named.name(), named.version())
                        .ifPresent(v -> roots.add(unpacker.rootOf(v.codeSha256())));
            }
        }
        return roots;
    }

    /** The code size of each layer version ARN given, for the function configuration's {@code Layers}. */
    Map<String, Long> sizes(List<String> layerArns) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String arn : layerArns) {
            LayerArns.Named named = LayerArns.version(arn);
            if (named != null) {
                store.getEvenDeleted(named.account(), named.region(), named.name(), named.version())
                        .ifPresent(v -> sizes.put(arn, v.codeSize()));
            }
        }
        return sizes;
    }

    private LayerVersionRecord readable(String caller, String region, String owner, String name, long version) {
        LayerVersionRecord v = store.get(owner, region, name, version).orElseThrow(LayerService::notFound);
        if (!v.usableBy(caller)) {
            throw accessDenied(caller, "lambda:GetLayerVersion", v.versionArn());
        }
        return v;
    }

    private static LayerArns.Named owned(String account, String region, String layerName, String action) {
        LayerArns.Named named = LayerArns.layer(layerName, region, account);
        if (!named.account().equals(account) || !named.region().equals(region)) {
            throw accessDenied(account, action, LayerArns.layerArn(named.region(), named.account(), named.name()));
        }
        return named;
    }

    private static void checkRevision(LayerVersionRecord v, String expected) {
        if (expected != null && !expected.equals(v.policyRevision())) {
            throw new LambdaException("PreconditionFailedException", 412,
                    "The Revision Id provided does not match the latest Revision Id. Call the GetLayerVersionPolicy API to retrieve the latest Revision Id");
        }
    }

    private static boolean matches(LayerVersionRecord v, String runtime, String architecture) {
        return (runtime == null || v.compatibleRuntimes().contains(runtime))
                && (architecture == null || v.compatibleArchitectures().contains(architecture));
    }

    private static LambdaException notFound() {
        return new LambdaException("ResourceNotFoundException", 404, NOT_FOUND);
    }

    private static LambdaException accessDenied(String account, String action, String resource) {
        return new LambdaException("AccessDeniedException", 403, "User: arn:aws:iam::" + account + ":root is not authorized to perform: "
                + action + " on resource: " + resource + " because no resource-based policy allows the " + action + " action");
    }
}
