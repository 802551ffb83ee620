package io.haneul.s3.domain;

import java.util.regex.Pattern;

/**
 * S3's general purpose bucket naming rules: 3 to 63 characters of lower-case letters, digits, dots
 * and hyphens, beginning and ending with a letter or digit, no two adjacent dots, not an IP
 * address, none of the reserved prefixes and suffixes.
 */
public final class BucketNames {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private BucketNames() {
    }

    public static boolean isValid(String name) {
        return name != null && SHAPE.matcher(name).matches() && !name.contains("..") && !name.contains(".-")
                && !name.contains("-.") && !IP.matcher(name).matches() && !name.startsWith("xn--")
                && !name.startsWith("sthree-") && !name.endsWith("-s3alias") && !name.endsWith("--ol-s3")
                && !name.endsWith(".mrap") && !name.endsWith("--x-s3");
    }

    /** @throws S3Exception InvalidBucketName */
    public static void check(String name) {
        if (!isValid(name)) {
            throw S3Exception.withBucket(S3Error.InvalidBucketName, name == null ? "" : name);
        }
    }
}
