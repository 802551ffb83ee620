package io.haneul.appstream.streaming;

/**
 * Where one user's home folder is kept between sessions: objects under {@code prefix} (ending in
 * {@code /}) in {@code bucket} of Haneul's S3, owned by {@code account}. A file {@code notes/a.txt} in
 * the session's home is the object {@code prefix + "notes/a.txt"}.
 */
public record HomeFolder(String account, String region, String bucket, String prefix) {

    public HomeFolder {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a home folder's prefix ends with /: " + prefix);
        }
    }
}
