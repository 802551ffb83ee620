package io.haneul.lambda.domain;

/**
 * Function ARNs as AWS writes them, and the names callers may pass in their place: a bare name, a
 * full ARN ({@code arn:aws:lambda:region:account:function:name[:qualifier]}) or a partial one
 * ({@code account:function:name}).
 */
public final class FunctionArns {

    private FunctionArns() {
    }

    public static String arn(String region, String account, String name) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }

    /**
     * The function a caller named, reduced to its name and qualifier; a name of another account or
     * region is refused as AWS does, because a function is addressed only in the caller's scope here.
     */
    public static Named parse(String given, String region, String account) {
        if (given == null || given.isEmpty()) {
            throw LambdaException.invalidParameter("FunctionName is required");
        }
        String[] parts = given.split(":", -1);
        String name;
        String qualifier = null;
        if (given.startsWith("arn:")) {
            if (parts.length < 7 || !"function".equals(parts[5])) {
                throw LambdaException.invalidParameter("Invalid function ARN: " + given);
            }
            if (!parts[3].equals(region) || !parts[4].equals(account)) {
                throw LambdaException.notFound(arn(parts[3], parts[4], parts[6]));
            }
            name = parts[6];
            qualifier = parts.length > 7 ? parts[7] : null;
        } else if (parts.length >= 3 && "function".equals(parts[1])) {
            if (!parts[0].equals(account)) {
                throw LambdaException.notFound(arn(region, parts[0], parts[2]));
            }
            name = parts[2];
            qualifier = parts.length > 3 ? parts[3] : null;
        } else if (parts.length == 2) {
            name = parts[0];
            qualifier = parts[1];
        } else {
            name = given;
        }
        if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw LambdaException.invalidParameter("1 validation error detected: Value '" + given
                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        }
        return new Named(name, qualifier);
    }

    /**
     * The name a caller gave with the {@code Qualifier} parameter folded in, so that one string
     * carries both ({@code name:qualifier}, or the ARN with it). A qualifier in the name and a
     * different one in the parameter are refused as AWS refuses them.
     */
    public static String qualified(String functionName, String qualifier) {
        if (qualifier == null || qualifier.isEmpty() || functionName == null) {
            return functionName;
        }
        String embedded = embeddedQualifier(functionName);
        if (embedded == null) {
            return functionName + ":" + qualifier;
        }
        if (!embedded.equals(qualifier)) {
            throw LambdaException.invalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
        }
        return functionName;
    }

    /** The qualifier written in a function name or ARN, or null. */
    static String embeddedQualifier(String given) {
        String[] parts = given.split(":", -1);
        if (given.startsWith("arn:")) {
            return parts.length > 7 ? parts[7] : null;
        }
        if (parts.length >= 3 && "function".equals(parts[1])) {
            return parts.length > 3 ? parts[3] : null;
        }
        return parts.length == 2 ? parts[1] : null;
    }

    /** A function's name and the version or alias asked for (null: {@code $LATEST}). */
    public record Named(String name, String qualifier) {
    }
}
