package io.haneul.sagemaker.script;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.hosting.domain.HostingException;
import io.haneul.sagemaker.hosting.domain.S3Location;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The S3 transfers of script-mode jobs and models: a source directory ({@code sourcedir.tar.gz}) unpacked
 * into a folder, the objects under an S3 prefix copied into a folder with their keys relative to it (as
 * a processing input's LocalPath gets them), and a folder's files uploaded under a prefix (a processing
 * output). Failures are the user's ({@link AlgorithmException#client}), with the URI in the message.
 */
public final class S3Files {

    private static final int PAGE = 1000;

    private final ObjectStorage s3;

    public S3Files(ObjectStorage s3) {
        this.s3 = s3;
    }

    /** Parses an s3:// URI, or fails as a client error naming {@code what}. */
    public static S3Location location(String uri, String what) throws AlgorithmException {
        try {
            return S3Location.parse(uri, what);
        } catch (HostingException e) {
            throw AlgorithmException.client(e.getMessage());
        }
    }

    /**
     * Unpacks the tar.gz at {@code uri} into {@code dir} through {@link TarExtraction}: entries outside it are refused, links
     * and special files skipped, and at most {@code maxBytes} unpacked.
     */
    public void extractTarball(String account, String uri, Path dir, long maxBytes) throws AlgorithmException, IOException {
        S3Location at = location(uri, "source directory");
        Files.createDirectories(dir);
        try (ObjectStorage.StoredObject object = s3.getObject(account, at.bucket(), at.key())) {
            TarExtraction.extract(object.content(), dir, maxBytes);
        } catch (TarExtraction.Refused e) {
            throw AlgorithmException.client("The archive " + uri + " was refused: " + e.getMessage());
        } catch (ObjectStorage.ObjectStorageException e) {
            throw AlgorithmException.client("Unable to download " + uri + ": " + e.getMessage());
        } catch (java.util.zip.ZipException e) {
            throw AlgorithmException.client(uri + " is not a tar.gz archive: " + e.getMessage());
        }
    }

    /** An object's key relative to the prefix it was found under; its file name when the prefix names the object itself. */
    public static String relativeKey(String prefix, String key) {
        String rest = key.startsWith(prefix) ? key.substring(prefix.length()).replaceFirst("^/+", "") : "";
        return rest.isEmpty() ? key.substring(key.lastIndexOf('/') + 1) : rest;
    }

    /**
     * Copies the objects whose keys start with the URI's key into {@code dir}, each under its key after that prefix
     * (leading slashes dropped); a key equal to the prefix (an S3Uri naming one object) lands as its last segment.
     * Answers the number of files; none is a client error, as SageMaker's "No S3 objects found".
     */
    public int downloadPrefix(String account, String uri, Path dir) throws AlgorithmException, IOException {
        S3Location prefix = location(uri, "S3Uri");
        Files.createDirectories(dir);
        int count = 0;
        String after = null;
        while (true) {
            List<ObjectStorage.ObjectInfo> page;
            try {
                page = s3.listObjects(account, prefix.bucket(), prefix.key(), after, PAGE);
            } catch (ObjectStorage.ObjectStorageException e) {
                throw AlgorithmException.client("Unable to list " + uri + ": " + e.getMessage());
            }
            for (ObjectStorage.ObjectInfo info : page) {
                if (info.key().endsWith("/")) {
                    continue;
                }
                String relative = relativeKey(prefix.key(), info.key());
                Path target = dir.resolve(relative).normalize();
                if (relative.isEmpty() || !target.startsWith(dir)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (ObjectStorage.StoredObject stored = s3.getObject(account, prefix.bucket(), info.key())) {
                    Files.copy(stored.content(), target, StandardCopyOption.REPLACE_EXISTING);
                }
                count++;
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().key();
        }
        if (count == 0) {
            throw AlgorithmException.client("No S3 objects found under S3 URL \"" + uri + "\" given in input data source.");
        }
        return count;
    }

    /** Uploads every file under {@code dir} to {@code uri}/<relative path>; answers the keys written. */
    public List<String> uploadFolder(String account, String region, Path dir, String uri) throws AlgorithmException, IOException {
        S3Location prefix = location(uri, "S3Uri");
        List<String> written = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return written;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            S3Location target = prefix.child(dir.relativize(f).toString().replace('\\', '/'));
            try (InputStream in = Files.newInputStream(f)) {
                s3.putObject(account, region, target.bucket(), target.key(), in, "application/octet-stream", Map.of());
            } catch (ObjectStorage.ObjectStorageException e) {
                throw AlgorithmException.client("Unable to upload to " + target.uri() + ": " + e.getMessage());
            }
            written.add(target.key());
        }
        return written;
    }
}
