package io.haneul.appstream.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where AppStream keeps home folders in S3. The bucket is AWS's own per account and region
 * ({@code appstream2-36fb080bb8-<region>-<account>}) unless the stack's HOMEFOLDERS connector names
 * one in its ResourceIdentifier (a bucket name or an S3 bucket ARN). A session opened from a
 * streaming URL (API authentication) keeps its user's folder under {@code user/custom/}, the
 * lowercase hex SHA-256 of the UserId; user-pool and SAML users have {@code user/userpool/} and
 * {@code user/federated/}.
 */
public final class HomeFolderLayout {

    private static final String DEFAULT_BUCKET_PREFIX = "appstream2-36fb080bb8-";

    private HomeFolderLayout() {
    }

    /** The bucket a HOMEFOLDERS connector stores into. */
    public static String bucket(String resourceIdentifier, String region, String account) {
        if (resourceIdentifier == null || resourceIdentifier.isBlank()) {
            return DEFAULT_BUCKET_PREFIX + region + "-" + account;
        }
        String id = resourceIdentifier.trim();
        if (id.startsWith("arn:")) {
            // arn:aws:s3:::bucket (a trailing /path is not a bucket of its own)
            String resource = id.substring(id.lastIndexOf(':') + 1);
            int slash = resource.indexOf('/');
            return slash < 0 ? resource : resource.substring(0, slash);
        }
        return id;
    }

    /** The folder of a user whose session came from CreateStreamingURL. */
    public static String apiUserPrefix(String userId) {
        return "user/custom/" + sha256(userId) + "/";
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
