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

    /**
     * Refuses a directory bucket whose zone is not one of {@code region}'s: the bucket is created in the
     * region the request was signed for, and its zone must be there. AWS documents no answer of its own
     * for this; the zone is part of the name, so it is the name that is not valid here, as for a name
     * naming another zone than the Location.
     *
     * @throws S3Exception InvalidBucketName
     */
    public static void checkZoneIn(String name, String region) {
        if (!inRegion(zoneId(name), region)) {
            throw S3Exception.withBucket(S3Error.InvalidBucketName, name);
        }
    }

    /**
     * Whether a zone id names a zone of {@code region}: AWS's zone ids begin with the region's short code
     * ({@code use1-az4} and {@code use1-atl2-az1} in us-east-1, {@code apne1-az1} in ap-northeast-1,
     * {@code usgw1-az1} in us-gov-west-1).
     */
    public static boolean inRegion(String zoneId, String region) {
        int dash = zoneId == null ? -1 : zoneId.indexOf('-');
        return dash > 0 && region != null && zoneId.substring(0, dash).equals(regionCode(region));
    }

    /**
     * A region's short code in zone ids: its partition prefix, each word between shortened (compass
     * words to their initials, {@code northeast} to {@code ne}; any other word to its first letter, as
     * {@code gov} to {@code g}), and its number.
     */
    static String regionCode(String region) {
        String[] parts = region.split("-");
        if (parts.length < 3) {
            return null;
        }
        StringBuilder code = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            String word = parts[i];
            String shortened = word.replace("north", "n").replace("south", "s").replace("east", "e").replace("west", "w")
                    .replace("central", "c");
            code.append(shortened.equals(word) ? word.substring(0, 1) : shortened);
        }
        return code.append(parts[parts.length - 1]).toString();
    }

    private static String defaultRedundancy(String locationType) {
        return LOCAL_ZONE.equals(locationType) ? "SingleLocalZone" : "SingleAvailabilityZone";
    }

    /** A directory bucket's ARN: {@code arn:aws:s3express:<region>:<account>:bucket/<name>}. */
    public static String arn(String region, String account, String name) {
        return "arn:aws:s3express:" + region + ":" + account + ":bucket/" + name;
    }
}
