package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * UpdateUsagePlan's patch paths, which {@link PatchApplier}'s flat kinds do not cover: {@code /name},
 * {@code /description}, {@code /productCode}; {@code /apiStages} add/remove with value
 * {@code apiId:stage}; {@code /apiStages/apiId:stage/throttle/~1path/METHOD/rateLimit|burstLimit}
 * (the method throttles of a stage, keyed {@code /path/METHOD}); {@code /throttle/rateLimit|burstLimit}
 * and {@code /quota/limit|offset|period}, whose parent ({@code /throttle}, {@code /quota}) can be removed.
 */
public final class UsagePlanPatch {

    private static final String PATHS = "[/name, /description, /productCode, /apiStages, /apiStages/{apiId:stage}/throttle/{path}/{method}/rateLimit, "
            + "/apiStages/{apiId:stage}/throttle/{path}/{method}/burstLimit, /throttle/rateLimit, /throttle/burstLimit, "
            + "/quota/limit, /quota/offset, /quota/period]";

    private UsagePlanPatch() {
    }

    /** The plan's entry for this API stage, or null. */
    public static ObjectNode apiStage(ObjectNode plan, String apiId, String stage) {
        for (JsonNode s : plan.path("apiStages")) {
            if (s.path("apiId").asText().equals(apiId) && s.path("stage").asText().equals(stage)) {
                return (ObjectNode) s;
            }
        }
        return null;
    }

    public static void apply(ObjectNode plan, List<PatchApplier.Operation> ops) {
        for (PatchApplier.Operation op : ops) {
            String name = op.op() == null ? "" : op.op();
            if (!List.of("add", "remove", "replace").contains(name)) {
                throw ApiGatewayException.badRequest("Invalid patch operation specified. Must be one of: [add, remove, replace]");
            }
            applyOne(plan, name, op.path() == null ? "" : op.path(), op.value());
        }
    }

    private static void applyOne(ObjectNode plan, String op, String path, String value) {
        String[] s = path.split("/", -1);
        boolean remove = op.equals("remove");
        switch (path) {
            case "/name", "/description", "/productCode" -> {
                if (remove) {
                    plan.remove(s[1]);
                } else {
                    plan.put(s[1], required(path, value));
                }
                return;
            }
            case "/apiStages" -> {
                String[] stage = required(path, value).split(":", 2);
                if (stage.length != 2) {
                    throw ApiGatewayException.badRequest("Invalid API Stage specified: " + value + ". Must be apiId:stage");
                }
                ArrayNode stages = plan.has("apiStages") ? (ArrayNode) plan.get("apiStages") : plan.putArray("apiStages");
                ObjectNode existing = apiStage(plan, stage[0], stage[1]);
                if (op.equals("add")) {
                    if (existing == null) {
                        stages.addObject().put("apiId", stage[0]).put("stage", stage[1]);
                    }
                } else if (remove) {
                    if (existing == null) {
                        throw ApiGatewayException.notFound("Invalid API Stage specified: " + value);
                    }
                    for (int i = 0; i < stages.size(); i++) {
                        if (stages.get(i) == existing) {
                            stages.remove(i);
                            break;
                        }
                    }
                } else {
                    break;
                }
                return;
            }
            case "/throttle", "/quota" -> {
                if (remove) {
                    plan.remove(s[1]);
                    return;
                }
            }
            case "/throttle/rateLimit", "/throttle/burstLimit", "/quota/limit", "/quota/offset", "/quota/period" -> {
                ObjectNode parent = plan.get(s[1]) instanceof ObjectNode o ? o : plan.putObject(s[1]);
                if (remove) {
                    parent.remove(s[2]);
                } else if (s[2].equals("period")) {
                    parent.put(s[2], required(path, value));
                } else if (s[2].equals("rateLimit")) {
                    parent.put(s[2], number(path, value));
                } else {
                    parent.put(s[2], (long) number(path, value));
                }
                return;
            }
            default -> {
            }
        }
        // /apiStages/{apiId:stage}/throttle[/{~1path}/{METHOD}[/rateLimit|burstLimit]]
        if (s.length >= 4 && s[1].equals("apiStages") && s[3].equals("throttle")) {
            String[] stage = s[2].split(":", 2);
            ObjectNode entry = stage.length == 2 ? apiStage(plan, stage[0], stage[1]) : null;
            if (entry == null) {
                throw ApiGatewayException.notFound("Invalid API Stage specified: " + s[2]);
            }
            ObjectNode throttle = entry.get("throttle") instanceof ObjectNode o ? o : entry.putObject("throttle");
            if (s.length == 4 && remove) {
                entry.remove("throttle");
                return;
            }
            if (s.length >= 6) {
                String method = methodKey(throttle, s[4] + "/" + s[5]);
                if (s.length == 6 && remove) {
                    throttle.remove(method);
                    return;
                }
                if (s.length == 7 && (s[6].equals("rateLimit") || s[6].equals("burstLimit"))) {
                    ObjectNode limits = throttle.get(method) instanceof ObjectNode o ? o : throttle.putObject(method);
                    if (remove) {
                        limits.remove(s[6]);
                    } else if (s[6].equals("rateLimit")) {
                        limits.put("rateLimit", number(path, value));
                    } else {
                        limits.put("burstLimit", (long) number(path, value));
                    }
                    return;
                }
            }
        }
        throw ApiGatewayException.badRequest("Invalid patch path  '" + path + "' specified for op '" + op + "'. Must be one of: " + PATHS);
    }

    /** The throttle's existing name for this method (however written), else AWS's {@code /path/METHOD}. */
    private static String methodKey(ObjectNode throttle, String written) {
        String wanted = MethodSettingsPatch.key(written);
        for (var it = throttle.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (MethodSettingsPatch.key(name).equals(wanted)) {
                return name;
            }
        }
        return "/" + wanted;
    }

    private static String required(String path, String value) {
        if (value == null) {
            throw ApiGatewayException.badRequest("Invalid null or empty value in " + path);
        }
        return value;
    }

    private static double number(String path, String value) {
        try {
            return Double.parseDouble(required(path, value));
        } catch (NumberFormatException e) {
            throw ApiGatewayException.badRequest("Invalid value '" + value + "' for " + path + ": must be a number");
        }
    }
}
