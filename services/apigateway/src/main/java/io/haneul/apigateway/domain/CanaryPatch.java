package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * UpdateStage's canary operations: {@code /canarySettings/percentTraffic}, {@code /deploymentId},
 * {@code /stageVariableOverrides/{name}} and {@code /useStageCache}; {@code remove /canarySettings}
 * deletes the canary; and the two {@code copy} operations AWS documents for promoting a canary,
 * {@code /canarySettings/deploymentId} to {@code /deploymentId} and
 * {@code /canarySettings/stageVariableOverrides} to {@code /variables} (the overrides merged into the
 * stage's variables).
 */
public final class CanaryPatch {

    private static final String PREFIX = "/canarySettings";

    private CanaryPatch() {
    }

    /** Applies the canary operations to the stage and answers the others. */
    public static List<PatchApplier.Operation> apply(ObjectNode stage, List<PatchApplier.Operation> ops) {
        List<PatchApplier.Operation> rest = new ArrayList<>();
        for (PatchApplier.Operation op : ops) {
            String path = op.path() == null ? "" : op.path();
            if ("copy".equals(op.op())) {
                copy(stage, op.from() == null ? "" : op.from(), path);
            } else if (path.equals(PREFIX) && "remove".equals(op.op())) {
                stage.remove("canarySettings");
            } else if (path.startsWith(PREFIX + "/")) {
                set(stage, op, path.substring(PREFIX.length() + 1));
            } else {
                rest.add(op);
            }
        }
        return rest;
    }

    /** A canary's traffic share: 0.0 to 100.0. */
    public static double percent(String value) {
        double d;
        try {
            d = Double.parseDouble(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiGatewayException.badRequest("Invalid value '" + value + "' for /canarySettings/percentTraffic");
        }
        if (d < 0 || d > 100 || Double.isNaN(d)) {
            throw ApiGatewayException.badRequest("Canary traffic percentage must be between 0.0 and 100.0");
        }
        return d;
    }

    private static void set(ObjectNode stage, PatchApplier.Operation op, String field) {
        ObjectNode canary = stage.get("canarySettings") instanceof ObjectNode o ? o : stage.putObject("canarySettings");
        boolean remove = "remove".equals(op.op());
        if (!remove && !"replace".equals(op.op()) && !"add".equals(op.op())) {
            throw ApiGatewayException.badRequest("Invalid patch operation specified. Must be one of: [add, remove, replace, copy]");
        }
        switch (field) {
            case "percentTraffic" -> {
                if (remove) {
                    canary.remove(field);
                } else {
                    canary.put(field, percent(op.value()));
                }
            }
            case "deploymentId" -> {
                if (remove) {
                    canary.remove(field);
                } else {
                    canary.put(field, op.value());
                }
            }
            case "useStageCache" -> {
                if (remove) {
                    canary.remove(field);
                } else if ("true".equalsIgnoreCase(op.value()) || "false".equalsIgnoreCase(op.value())) {
                    canary.put(field, Boolean.parseBoolean(op.value()));
                } else {
                    throw ApiGatewayException.badRequest("Invalid value '" + op.value() + "' for /canarySettings/useStageCache");
                }
            }
            default -> {
                if (!field.startsWith("stageVariableOverrides/") || field.length() == "stageVariableOverrides/".length()) {
                    throw ApiGatewayException.badRequest("Invalid patch path  '" + op.path() + "' specified for op '" + op.op() + "'");
                }
                String name = field.substring("stageVariableOverrides/".length());
                ObjectNode overrides = canary.get("stageVariableOverrides") instanceof ObjectNode o ? o : canary.putObject("stageVariableOverrides");
                if (remove) {
                    overrides.remove(name);
                } else {
                    overrides.put(name, op.value());
                }
            }
        }
    }

    private static void copy(ObjectNode stage, String from, String path) {
        JsonNode canary = stage.path("canarySettings");
        if (from.equals(PREFIX + "/deploymentId") && path.equals("/deploymentId")) {
            if (!canary.hasNonNull("deploymentId")) {
                throw ApiGatewayException.badRequest("The stage has no canary deployment to copy");
            }
            stage.put("deploymentId", canary.get("deploymentId").asText());
        } else if (from.equals(PREFIX + "/stageVariableOverrides") && path.equals("/variables")) {
            ObjectNode variables = stage.get("variables") instanceof ObjectNode o ? o : stage.putObject("variables");
            canary.path("stageVariableOverrides").fields().forEachRemaining(e -> variables.set(e.getKey(), e.getValue().deepCopy()));
        } else {
            throw ApiGatewayException.badRequest("Invalid copy operation from '" + from + "' to '" + path
                    + "'. Must be from /canarySettings/deploymentId to /deploymentId or from /canarySettings/stageVariableOverrides to /variables");
        }
    }
}
