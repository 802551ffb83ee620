package io.haneul.s3.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3 Express One Zone's directory buckets: their naming rules ({@code base-name--zone-id--x-s3}, 3 to 63
 * lower-case letters, digits and hyphens, beginning and ending with a letter or digit, none of the
 * reserved prefixes) and the configuration CreateBucket must carry for one: Location {Type
 * AvailabilityZone or LocalZone, Name: the zone id of the name} and Bucket {Type Directory,
 * DataRedundancy SingleAvailabilityZone for an Availability Zone, SingleLocalZone for a Local Zone},
 * and no LocationConstraint (the bucket is in the region of the endpoint). General purpose names can
 * never end in {@code --x-s3} ({@link BucketNames}), so the name alone tells a directory bucket.
 */
public final class DirectoryBuckets {

    private static final String SUFFIX = "--x-s3";
    private static final String AVAILABILITY_ZONE = "AvailabilityZone";
    private static final String LOCAL_ZONE = "LocalZone";

    /** Zone ids: {@code use1-az4} (Availability Zone), {@code usw2-lax1-az1} (Local Zone). */
    private static final Pattern NAME = Pattern.compile("([a-z0-9][a-z0-9-]*?)--([a-z]+[0-9]+(?:-[a-z]+[0-9]+)?-az[0-9]+)--x-s3");

    /** Where a directory bucket is: its location type (AvailabilityZone or LocalZone) and data redundancy. */
    public record Placement(String locationType, String dataRedundancy) {
    }

    /** What a CreateBucket of a directory bucket asked for (null where a member was not sent). */
    public record Requested(String locationType, String locationName, String bucketType, String dataRedundancy,
                            String locationConstraint) {
    }

    private DirectoryBuckets() {
    }

    /** True for a directory bucket's name (one that ends in {@code --x-s3}). */
    public static boolean isDirectory(String name) {
        return name != null && name.endsWith(SUFFIX);
    }

    /** The zone id a directory bucket's name carries, or null when the name is not of that form. */
    public static String zoneId(String name) {
        Matcher m = name == null ? null : NAME.matcher(name);
        return m != null && m.matches() ? m.group(2) : null;
    }

    /** @throws S3Exception InvalidBucketName when {@code name} breaks the directory bucket naming rules */
    public static void checkName(String name) {
        boolean valid = name != null && name.length() >= 3 && name.length() <= 63 && zoneId(name) != null
                && !name.startsWith("xn--") && !name.startsWith("sthree-") && !name.startsWith("amzn-s3-demo-");
        if (!valid) {
            throw S3Exception.withBucket(S3Error.InvalidBucketName, name == null ? "" : name);
        }
    }

    /**
     * Checks a directory bucket's name and configuration.
     *
     * @return the location type and the data redundancy (the location type's own when none was asked)
     * @throws S3Exception InvalidBucketName for a bad name or one naming another zone than the location,
     *                     InvalidRequest for a missing location, a redundancy that does not fit it, or a
     *                     LocationConstraint, MalformedXML for values outside the model's enumerations
     */
    public static Placement check(String name, Requested r) {
        checkName(name);
        if (!"Directory".equals(r.bucketType())) {
            throw S3Exception.malformedXml();
        }
        if (r.locationConstraint() != null && !r.locationConstraint().isEmpty()) {
            throw S3Exception.invalidRequest("LocationConstraint is not supported for directory buckets.");
        }
        if (r.locationType() == null || r.locationName() == null) {
            throw S3Exception.invalidRequest("A directory bucket must have a Location with its Type and Name.");
        }
        if (!AVAILABILITY_ZONE.equals(r.locationType()) && !LOCAL_ZONE.equals(r.locationType())) {
            throw S3Exception.malformedXml();
        }
        if (!r.locationName().equals(zoneId(name))) {
            throw S3Exception.withBucket(S3Error.InvalidBucketName, name);
        }
        String redundancy = r.dataRedundancy() == null ? defaultRedundancy(r.locationType()) : r.dataRedundancy();
        if (!redundancy.equals(defaultRedundancy(r.locationType()))) {
            throw S3Exception.invalidRequest("DataRedundancy " + redundancy + " is not valid for the location type " + r.locationType()
                    + ".");
        }
        return new Placement(r.locationType(), redundancy);
    }

    private static String defaultRedundancy(String locationType) {
        return LOCAL_ZONE.equals(locationType) ? "SingleLocalZone" : "SingleAvailabilityZone";
    }

    /** A directory bucket's ARN: {@code arn:aws:s3express:<region>:<account>:bucket/<name>}. */
    public static String arn(String region, String account, String name) {
        return "arn:aws:s3express:" + region + ":" + account + ":bucket/" + name;
    }
}
