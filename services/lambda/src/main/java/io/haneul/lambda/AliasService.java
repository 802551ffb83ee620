package io.haneul.lambda;

import io.haneul.lambda.domain.AliasRecord;
import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.domain.Qualifiers;
import io.haneul.lambda.store.SqlAliasStore;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Aliases (CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases): a name for a version of a
 * function, optionally sending a weighted share of invocations to one more version. The rules and
 * messages are AWS's: the versions must exist, at most one additional version, not the target
 * itself, no routing from {@code $LATEST}. Invocations resolve aliases through
 * {@link FunctionService#target}.
 */
final class AliasService {

    private final FunctionService functions;
    private final SqlAliasStore store;

    AliasService(FunctionService functions, SqlAliasStore store) {
        this.functions = functions;
        this.store = store;
    }

    AliasRecord create(String account, String region, String functionName, String name, String functionVersion,
                       String description, Map<String, Double> weights) {
        FunctionRecord latest = function(account, region, functionName);
        functions.version(account, region, latest.name(), functionVersion);
        checkRouting(account, region, latest.name(), functionVersion, weights);
        AliasRecord alias = new AliasRecord(account, region, latest.name(), name, functionVersion,
                Objects.requireNonNullElse(description, ""), weights, newRevision());
        if (!store.create(alias)) {
            throw LambdaException.conflict("Alias already exists: " + alias.arn());
        }
        return alias;
    }

    AliasRecord get(String account, String region, String functionName, String name) {
        FunctionRecord latest = function(account, region, functionName);
        return store.get(account, region, latest.name(), name).orElseThrow(() -> new LambdaException("ResourceNotFoundException", 404,
                "Cannot find alias arn: " + FunctionArns.arn(region, account, latest.name()) + ":" + name));
    }

    /**
     * UpdateAlias: members left null keep their value; an empty weight map removes the routing.
     *
     * @param expectedRevision when given, must be the alias's revision
     */
    AliasRecord update(String account, String region, String functionName, String name, String functionVersion,
                       String description, Map<String, Double> weights, String expectedRevision) {
        FunctionRecord latest = function(account, region, functionName);
        AliasRecord old = store.get(account, region, latest.name(), name).orElseThrow(() -> new LambdaException(
                "ResourceNotFoundException", 404, "Alias not found: " + FunctionArns.arn(region, account, latest.name()) + ":" + name));
        FunctionService.checkRevision(expectedRevision, old.revisionId());
        String version = Objects.requireNonNullElse(functionVersion, old.functionVersion());
        if (functionVersion != null) {
            functions.version(account, region, latest.name(), version);
        }
        Map<String, Double> routing = weights == null ? old.weights() : weights;
        checkRouting(account, region, latest.name(), version, routing);
        AliasRecord updated = new AliasRecord(account, region, latest.name(), name, version,
                Objects.requireNonNullElse(description, old.description()), routing, newRevision());
        if (!store.replace(updated, old.revisionId())) {
            throw FunctionService.staleRevision();
        }
        return updated;
    }

    /** DeleteAlias; an alias that does not exist is no error (the call is idempotent). */
    void delete(String account, String region, String functionName, String name) {
        FunctionRecord latest = function(account, region, functionName);
        store.delete(account, region, latest.name(), name);
    }

    /** Up to {@code limit} aliases after {@code afterName} (null: from the start), only those targeting {@code functionVersion} when given. */
    List<AliasRecord> list(String account, String region, String functionName, String functionVersion, String afterName, int limit) {
        FunctionRecord latest = function(account, region, functionName);
        return store.list(account, region, latest.name(), functionVersion, afterName, limit);
    }

    /** The function an alias operation names; aliases belong to the unqualified function. */
    private FunctionRecord function(String account, String region, String functionName) {
        return functions.function(account, region, functionName);
    }

    private void checkRouting(String account, String region, String function, String functionVersion, Map<String, Double> weights) {
        if (weights == null || weights.isEmpty()) {
            return;
        }
        if (weights.size() > 1) {
            throw LambdaException.invalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1");
        }
        Map.Entry<String, Double> extra = weights.entrySet().iterator().next();
        if (extra.getValue() == null || extra.getValue() < 0.0 || extra.getValue() > 1.0) {
            throw new LambdaException("ValidationException", 400, "1 validation error detected: Value '{" + extra.getKey() + "="
                    + extra.getValue() + "}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must "
                    + "satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or "
                    + "equal to 0.0, Member must not be null]");
        }
        if (!Qualifiers.isVersion(extra.getKey())) {
            throw new LambdaException("ValidationException", 400, "1 validation error detected: Value '{" + extra.getKey() + "="
                    + extra.getValue() + "}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must "
                    + "satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than "
                    + "or equal to 1, Member must satisfy regular expression pattern: [0-9]+, Member must not be null]");
        }
        if (extra.getKey().equals(functionVersion)) {
            throw LambdaException.invalidParameter("Invalid function version " + functionVersion + ". Function version "
                    + functionVersion + " is already included in routing configuration.");
        }
        if (Qualifiers.isLatest(functionVersion)) {
            throw LambdaException.invalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
        }
        functions.version(account, region, function, extra.getKey());
    }

    private static String newRevision() {
        return UUID.randomUUID().toString();
    }
}
