package io.haneul.apigateway.openapi;

import io.haneul.apigateway.domain.ApiGatewayException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ImportRestApi's and PutRestApi's {@code parameters}: {@code basepath} (ignore, prepend, split),
 * {@code endpointConfigurationTypes} (EDGE, REGIONAL, PRIVATE) and {@code ignore=documentation}.
 */
public record ImportOptions(String basePath, List<String> endpointTypes, boolean ignoreDocumentation) {

    private static final Set<String> BASE_PATHS = Set.of("ignore", "prepend", "split");
    private static final Set<String> TYPES = Set.of("EDGE", "REGIONAL", "PRIVATE");

    public static ImportOptions of(Map<String, String> parameters) {
        Map<String, String> p = parameters == null ? Map.of() : parameters;
        String basePath = p.getOrDefault("basepath", "ignore").toLowerCase(Locale.ROOT);
        if (!BASE_PATHS.contains(basePath)) {
            throw ApiGatewayException.badRequest("Invalid basepath parameter: " + basePath + ". Valid values are ignore, prepend, split");
        }
        List<String> types = List.of();
        String typeText = p.get("endpointConfigurationTypes");
        if (typeText != null && !typeText.isBlank()) {
            types = List.of(typeText.toUpperCase(Locale.ROOT).split("\\s*,\\s*"));
            for (String t : types) {
                if (!TYPES.contains(t)) {
                    throw ApiGatewayException.badRequest("Invalid endpoint configuration type: " + t);
                }
            }
        }
        return new ImportOptions(basePath, types, "documentation".equalsIgnoreCase(p.get("ignore")));
    }
}
