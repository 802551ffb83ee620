package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The models, request validators, gateway responses and authorizers a deployment froze ({@code {kind: {key: doc}}}),
 * as the invoke plane reads them: a deployment never changes, so each is read from the store once and
 * kept (a bounded number of deployments at a time).
 */
public final class DeployedItems {

    public static final String MODELS = "model";
    public static final String REQUEST_VALIDATORS = "requestvalidator";
    public static final String GATEWAY_RESPONSES = "gatewayresponse";
    public static final String AUTHORIZERS = "authorizer";
    private static final int CACHED = 256;

    private final BiFunction<String, String, ObjectNode> loader;
    private final Map<String, ObjectNode> byDeployment = new ConcurrentHashMap<>();

    /** @param loader the frozen items of (API id, deployment id) */
    public DeployedItems(BiFunction<String, String, ObjectNode> loader) {
        this.loader = loader;
    }

    /** The deployment's items of one kind, by key (model name, validator id, response type); empty when none. */
    public ObjectNode of(String apiId, String deploymentId, String kind) {
        ObjectNode all = byDeployment.computeIfAbsent(apiId + "/" + deploymentId, k -> {
            if (byDeployment.size() >= CACHED) {
                byDeployment.clear();
            }
            return loader.apply(apiId, deploymentId);
        });
        JsonNode items = all.get(kind);
        return items instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
    }

    /** One item of the deployment, e.g. an authorizer by id; empty when it has none. */
    public Optional<ObjectNode> find(String apiId, String deploymentId, String kind, String key) {
        return of(apiId, deploymentId, kind).get(key) instanceof ObjectNode o ? Optional.of(o.deepCopy()) : Optional.empty();
    }
}
