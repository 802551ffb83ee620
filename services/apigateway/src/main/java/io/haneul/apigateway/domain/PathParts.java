package io.haneul.apigateway.domain;

import java.util.regex.Pattern;

/**
 * The rules for a resource's path part: literal characters, a {@code {param}} variable or a greedy
 * {@code {param+}}; one variable part among siblings; nothing under a greedy part.
 */
public final class PathParts {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9._\\-:@$&'()*,;=~!]+|\\{[a-zA-Z0-9._\\-]+\\+?}");

    private PathParts() {
    }

    public static boolean isVariable(String pathPart) {
        return pathPart.startsWith("{") && pathPart.endsWith("}");
    }

    public static boolean isGreedy(String pathPart) {
        return pathPart.endsWith("+}");
    }

    /** The variable's name without braces and plus sign, e.g. {@code proxy} for {@code {proxy+}}. */
    public static String variableName(String pathPart) {
        return pathPart.substring(1, pathPart.length() - (isGreedy(pathPart) ? 2 : 1));
    }

    /** Checks one new or renamed path part against its parent and siblings' parts. */
    public static void check(String pathPart, String parentPathPart, Iterable<String> siblingParts) {
        if (pathPart == null || !VALID.matcher(pathPart).matches()) {
            throw ApiGatewayException.badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning "
                    + "and the end and an optional plus sign before the closing brace.");
        }
        if (parentPathPart != null && isVariable(parentPathPart) && isGreedy(parentPathPart)) {
            throw ApiGatewayException.badRequest("Cannot create a child of a resource with a greedy path variable: " + parentPathPart);
        }
        for (String sibling : siblingParts) {
            if (sibling.equals(pathPart)) {
                throw ApiGatewayException.conflict("Another resource with the same parent already has this name: " + pathPart);
            }
            if (isVariable(pathPart) && isVariable(sibling)) {
                throw ApiGatewayException.badRequest("A sibling (" + sibling + ") of this resource already has a variable path part"
                        + " -- only one is allowed");
            }
        }
    }
}
