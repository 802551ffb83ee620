package io.haneul.rekognition.domain;

/**
 * A taggable Rekognition resource named by its ARN: a collection ({@code collection/ID}), a stream
 * processor ({@code streamprocessor/NAME}), a Custom Labels project ({@code project/NAME/CREATED_MS}),
 * project version ({@code project/NAME/version/VERSION/CREATED_MS}) or dataset
 * ({@code project/NAME/dataset/train|test/CREATED_MS}).
 *
 * @param name the collection id, processor name or project name
 * @param version the version's name (versions), or the dataset's type, TRAIN or TEST (datasets)
 * @param createdMs the creation time the ARN carries (projects, versions and datasets)
 */
public record ResourceArn(Kind kind, String arn, String name, String version, long createdMs) {

    public enum Kind { COLLECTION, STREAM_PROCESSOR, PROJECT, PROJECT_VERSION, DATASET }

    /**
     * Reads an ARN of the caller's account and region (CreateCollection's form without {@code arn:} is
     * accepted too): ResourceNotFoundException for a Rekognition ARN that names nothing Haneul keeps,
     * InvalidParameterException for anything else.
     */
    public static ResourceArn parse(String account, String region, String arn) {
        String full = arn.startsWith("aws:") ? "arn:" + arn : arn;
        String prefix = "arn:aws:rekognition:" + region + ":" + account + ":";
        if (!full.startsWith(prefix)) {
            throw full.startsWith("arn:aws:rekognition:") ? missing(arn) : RekognitionException.invalidParameter();
        }
        String[] parts = full.substring(prefix.length()).split("/", -1);
        try {
            return switch (parts[0]) {
                case "collection" -> one(parts, Kind.COLLECTION, full, arn);
                case "streamprocessor" -> one(parts, Kind.STREAM_PROCESSOR, full, arn);
                case "project" -> project(parts, full, arn);
                default -> throw missing(arn);
            };
        } catch (NumberFormatException e) {
            throw missing(arn);
        }
    }

    private static ResourceArn one(String[] parts, Kind kind, String full, String arn) {
        if (parts.length != 2 || parts[1].isEmpty()) {
            throw missing(arn);
        }
        return new ResourceArn(kind, full, parts[1], null, 0);
    }

    private static ResourceArn project(String[] parts, String full, String arn) {
        if (parts.length == 3 && !parts[1].isEmpty()) {
            return new ResourceArn(Kind.PROJECT, full, parts[1], null, Long.parseLong(parts[2]));
        }
        if (parts.length == 5 && parts[2].equals("version") && !parts[1].isEmpty() && !parts[3].isEmpty()) {
            return new ResourceArn(Kind.PROJECT_VERSION, full, parts[1], parts[3], Long.parseLong(parts[4]));
        }
        if (parts.length == 5 && parts[2].equals("dataset") && !parts[1].isEmpty() && (parts[3].equals("train") || parts[3].equals("test"))) {
            return new ResourceArn(Kind.DATASET, full, parts[1], parts[3].toUpperCase(java.util.Locale.ROOT), Long.parseLong(parts[4]));
        }
        throw missing(arn);
    }

    /** Reads an ARN that must be of the given kind (ResourceNotFoundException otherwise). */
    public static ResourceArn parse(String account, String region, String arn, Kind kind) {
        ResourceArn r = parse(account, region, arn);
        if (r.kind() != kind) {
            throw missing(arn);
        }
        return r;
    }

    public static String project(String account, String region, String name, long createdMs) {
        return "arn:aws:rekognition:" + region + ":" + account + ":project/" + name + "/" + createdMs;
    }

    public static String projectVersion(String account, String region, String project, String version, long createdMs) {
        return "arn:aws:rekognition:" + region + ":" + account + ":project/" + project + "/version/" + version + "/" + createdMs;
    }

    /** @param type TRAIN or TEST */
    public static String dataset(String account, String region, String project, String type, long createdMs) {
        return "arn:aws:rekognition:" + region + ":" + account + ":project/" + project + "/dataset/"
                + type.toLowerCase(java.util.Locale.ROOT) + "/" + createdMs;
    }

    public static RekognitionException missing(String arn) {
        return RekognitionException.notFound("The resource " + arn + " does not exist");
    }
}
