package io.haneul.sagemaker.training;

/** An {@code s3://bucket/key-or-prefix} URI of a channel, an output path or a manifest. */
record S3Location(String bucket, String key) {

    static S3Location parse(String uri) {
        if (uri == null || !uri.startsWith("s3://") || uri.length() <= 5) {
            throw new IllegalArgumentException("not an s3:// URI: " + uri);
        }
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("no bucket in " + uri);
        }
        return new S3Location(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    static boolean valid(String uri) {
        try {
            parse(uri);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** This location as a folder followed by {@code relative} ("a/b" + "c" = "a/b/c"). */
    S3Location child(String relative) {
        String base = key.isEmpty() || key.endsWith("/") ? key : key + "/";
        return new S3Location(bucket, base + relative);
    }

    String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
