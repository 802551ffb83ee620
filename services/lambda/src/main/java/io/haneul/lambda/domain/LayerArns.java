package io.haneul.lambda.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layer ARNs as AWS writes them: {@code arn:aws:lambda:<region>:<account>:layer:<name>} for a
 * layer and the same followed by {@code :<version>} for one of its versions. API members named
 * {@code LayerName} take either a bare name (the caller's own layer) or a layer ARN.
 */
public final class LayerArns {

    private static final Pattern ARN = Pattern.compile("arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):layer:([a-zA-Z0-9_-]+)(?::(\\d+))?");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,140}");

    private LayerArns() {
    }

    public static String layerArn(String region, String account, String name) {
        return "arn:aws:lambda:" + region + ":" + account + ":layer:" + name;
    }

    /**
     * A layer (and version, when the ARN names one) a caller named.
     *
     * @param version the version number, or -1 when the ARN names no version
     */
    public record Named(String region, String account, String name, long version) {
    }

    /** A {@code LayerName} member: a bare name means the caller's account and region. */
    public static Named layer(String given, String region, String account) {
        if (given != null && NAME.matcher(given).matches()) {
            return new Named(region, account, given, -1);
        }
        Matcher m = given == null ? null : ARN.matcher(given);
        if (m == null || !m.matches() || m.group(4) != null) {
            throw LambdaException.invalidParameter("1 validation error detected: Value '" + given
                    + "' at 'layerName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+");
        }
        return new Named(m.group(1), m.group(2), m.group(3), -1);
    }

    /** A layer version ARN ({@code ...:layer:<name>:<version>}); null when {@code given} is not one. */
    public static Named version(String given) {
        Matcher m = given == null ? null : ARN.matcher(given);
        if (m == null || !m.matches() || m.group(4) == null) {
            return null;
        }
        return new Named(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4)));
    }
}
