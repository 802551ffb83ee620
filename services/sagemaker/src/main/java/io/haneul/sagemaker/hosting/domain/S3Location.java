package io.haneul.sagemaker.hosting.domain;

/** An {@code s3://bucket/key} URI as SageMaker takes them (model data, transform input and output, capture destinations). */
public record S3Location(String bucket, String key) {

    /** Parses the URI; {@code what} names the member in the ValidationException a malformed one gets. */
    public static S3Location parse(String uri, String what) {
        if (uri == null || !uri.startsWith("s3://") || uri.length() <= 5) {
            throw HostingException.validation("Invalid " + what + ": \"" + uri + "\" is not a valid S3 URI (s3://bucket/key).");
        }
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw HostingException.validation("Invalid " + what + ": \"" + uri + "\" names no bucket.");
        }
        return new S3Location(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    /** This location as a prefix, followed by {@code name} with one slash between them. */
    public S3Location child(String name) {
        if (key.isEmpty()) {
            return new S3Location(bucket, name);
        }
        return new S3Location(bucket, key.endsWith("/") ? key + name : key + "/" + name);
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
