package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UpdateStage's method settings: paths {@code /{resourcePath}/{METHOD}/{group}/{setting}} with
 * {@code *}{@code /*} for every method of the stage and the resource path written with {@code ~1} for
 * its slashes (e.g. {@code /~1pets/GET/throttling/rateLimit}). A method's first setting starts from
 * AWS's defaults. The stored key is the path as written ({@code ~1pets/GET}); {@link #key} gives the
 * form the data plane looks up.
 */
public final class MethodSettingsPatch {

    /** Path suffixes to the member they set. */
    private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("/throttling/rateLimit", "throttlingRateLimit");
        SETTINGS.put("/throttling/burstLimit", "throttlingBurstLimit");
        SETTINGS.put("/metrics/enabled", "metricsEnabled");
        SETTINGS.put("/logging/loglevel", "loggingLevel");
        SETTINGS.put("/logging/dataTrace", "dataTraceEnabled");
        SETTINGS.put("/caching/enabled", "cachingEnabled");
        SETTINGS.put("/caching/ttlInSeconds", "cacheTtlInSeconds");
        SETTINGS.put("/caching/dataEncrypted", "cacheDataEncrypted");
        SETTINGS.put("/caching/requireAuthorizationForCacheControl", "requireAuthorizationForCacheControl");
        SETTINGS.put("/caching/unauthorizedCacheControlHeaderStrategy", "unauthorizedCacheControlHeaderStrategy");
    }

    private MethodSettingsPatch() {
    }

    /** Applies the method-setting operations to the stage and answers the others, for the stage's own patch rules. */
    public static List<PatchApplier.Operation> apply(ObjectNode stage, List<PatchApplier.Operation> ops) {
        List<PatchApplier.Operation> rest = new ArrayList<>();
        for (PatchApplier.Operation op : ops) {
            String path = op.path() == null ? "" : op.path();
            Map.Entry<String, String> setting = SETTINGS.entrySet().stream().filter(e -> path.endsWith(e.getKey())).findFirst().orElse(null);
            String method = setting == null ? "" : path.substring(1, Math.max(1, path.length() - setting.getKey().length()));
            if (setting == null || !method.contains("/") || !path.startsWith("/")) {
                rest.add(op);
                continue;
            }
            ObjectNode all = stage.get("methodSettings") instanceof ObjectNode o ? o : stage.putObject("methodSettings");
            ObjectNode settings = all.get(method) instanceof ObjectNode o ? o : defaults(all.putObject(method));
            String field = setting.getValue();
            if ("remove".equals(op.op())) {
                settings.remove(field);
                continue;
            }
            String value = op.value() == null ? "" : op.value();
            try {
                switch (field) {
                    case "throttlingRateLimit" -> settings.put(field, Double.parseDouble(value));
                    case "throttlingBurstLimit", "cacheTtlInSeconds" -> settings.put(field, Integer.parseInt(value));
                    case "loggingLevel", "unauthorizedCacheControlHeaderStrategy" -> settings.put(field, value);
                    default -> {
                        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                            throw new NumberFormatException();
                        }
                        settings.put(field, Boolean.parseBoolean(value));
                    }
                }
            } catch (NumberFormatException e) {
                throw ApiGatewayException.badRequest("Invalid value '" + value + "' for " + path);
            }
        }
        return rest;
    }

    /** The settings of one method as a stage's {@code methodSettings} hold them, the method's own before {@code *}{@code /*}; null when neither. */
    public static JsonNode lookup(JsonNode methodSettings, String resourcePath, String httpMethod) {
        JsonNode own = find(methodSettings, resourcePath, httpMethod);
        return own != null ? own : methodSettings.get("*/*");
    }

    /**
     * One form for the ways a method is named: {@code ~1pets/GET}, {@code /pets/GET} and
     * {@code pets/GET} are the same method, and so are {@code ~1/GET}, {@code //GET} and {@code /GET} (the root's).
     */
    public static String key(String written) {
        String k = written.replace("~1", "/").replace("~0", "~");
        int i = 0;
        while (i < k.length() && k.charAt(i) == '/') {
            i++;
        }
        return k.substring(i);
    }

    /** The member of {@code map} whose name is this method's by {@link #key}, or null. */
    public static JsonNode find(JsonNode map, String resourcePath, String httpMethod) {
        if (map.isEmpty()) {
            return null; // most stages set none: no key built per request
        }
        String wanted = key(resourcePath + "/" + httpMethod);
        for (var it = map.fields(); it.hasNext(); ) {
            var e = it.next();
            if (key(e.getKey()).equals(wanted)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static ObjectNode defaults(ObjectNode s) {
        s.put("metricsEnabled", false);
        s.put("loggingLevel", "OFF");
        s.put("dataTraceEnabled", false);
        s.put("throttlingBurstLimit", 5000);
        s.put("throttlingRateLimit", 10000.0);
        s.put("cachingEnabled", false);
        s.put("cacheTtlInSeconds", 300);
        s.put("cacheDataEncrypted", false);
        s.put("requireAuthorizationForCacheControl", true);
        s.put("unauthorizedCacheControlHeaderStrategy", "SUCCEED_WITH_RESPONSE_HEADER");
        return s;
    }
}
