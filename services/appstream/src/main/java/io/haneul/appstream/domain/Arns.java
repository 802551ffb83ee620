package io.haneul.appstream.domain;

import java.util.Optional;

/**
 * AppStream ARNs: {@code arn:aws:appstream:<region>:<account>:<type>/<name>}. AWS's public base
 * images have no account ({@code arn:aws:appstream:us-east-1::image/...}).
 */
public final class Arns {

    /** The resource type and name an ARN names. */
    public record Parsed(String region, String account, String type, String name) {
    }

    private Arns() {
    }

    public static String of(String region, String account, String type, String name) {
        return "arn:aws:appstream:" + region + ":" + account + ":" + type + "/" + name;
    }

    public static Optional<Parsed> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !"arn".equals(parts[0]) || !"appstream".equals(parts[2])) {
            return Optional.empty();
        }
        int slash = parts[5].indexOf('/');
        if (slash <= 0 || slash == parts[5].length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(parts[3], parts[4], parts[5].substring(0, slash), parts[5].substring(slash + 1)));
    }
}
