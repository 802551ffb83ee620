package io.haneul.rekognition.image;

/**
 * Where a request's image is: its bytes, or an object in Haneul's S3 (AWS's {@code Image}: exactly one
 * of the two). A record of plain values, so that the image rules know nothing of SDK shapes.
 */
public record ImageRef(byte[] bytes, String bucket, String key, String version) {

    public static ImageRef ofBytes(byte[] bytes) {
        return new ImageRef(bytes, null, null, null);
    }

    public static ImageRef ofObject(String bucket, String key, String version) {
        return new ImageRef(null, bucket, key, version);
    }

    boolean isObject() {
        return bytes == null;
    }
}
