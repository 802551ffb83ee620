package io.haneul.sagemaker.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.TrainingRequest;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.S3DataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Copies a job's input channels from Haneul's S3 into its work directory, as SageMaker's File mode does
 * into {@code /opt/ml/input/data/<channel>} (with their keys relative to the prefix, as SageMaker names
 * them; a clash falls back to a numbered name): every object under an S3Prefix (folder markers skipped), or
 * the objects a ManifestFile lists (its first entry {@code {"prefix": "s3://..."}} and keys relative to
 * it); Gzip channels are decompressed. Pipe mode is served the same way (the algorithms read files).
 * ShardedByS3Key and FullyReplicated both give this single trainer every object: the union of all
 * instances' shards, which is what the instances together train on.
 */
final class ChannelDownloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    private final Supplier<Optional<ObjectStorage>> storage;

    ChannelDownloads(Supplier<Optional<ObjectStorage>> storage) {
        this.storage = storage;
    }

    Map<String, TrainingRequest.Channel> download(String account, String region, String roleArn, List<Channel> channels, Path root)
            throws AlgorithmException, IOException {
        ObjectStorage s3 = storage.get().orElseThrow(() -> AlgorithmException.internal("S3 is not running on this server"));
        Map<String, TrainingRequest.Channel> out = new LinkedHashMap<>();
        for (Channel channel : channels) {
            S3DataSource source = channel.dataSource().s3DataSource();
            S3Location location = S3Location.parse(source.s3Uri());
            Path dir = Files.createDirectories(root.resolve(safe(channel.channelName())));
            List<S3Location> objects = "ManifestFile".equals(source.s3DataTypeAsString())
                    ? manifest(s3, account, location, source.s3Uri())
                    : listed(s3, account, location);
            if (objects.isEmpty()) {
                throw AlgorithmException.client("No S3 objects found under S3 URL \"" + source.s3Uri() + "\" given in input data source. "
                        + "Please ensure that the bucket exists in the selected region (" + region + "), that objects exist under that S3 "
                        + "prefix, and that the role \"" + roleArn + "\" has \"s3:ListBucket\" permissions on bucket \"" + location.bucket() + "\".");
            }
            boolean gzip = "Gzip".equals(channel.compressionTypeAsString());
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                S3Location object = objects.get(i);
                String base = object.key().substring(object.key().lastIndexOf('/') + 1);
                Path file = dir.resolve(relative(location, object, gzip)).normalize();
                if (!file.startsWith(dir) || file.equals(dir) || Files.exists(file)) {
                    file = dir.resolve(String.format("%05d-%s", i, safe(gzip && base.endsWith(".gz") ? base.substring(0, base.length() - 3) : base)));
                }
                Files.createDirectories(file.getParent());
                try (ObjectStorage.StoredObject stored = s3.getObject(account, object.bucket(), object.key());
                     InputStream in = gzip ? new GZIPInputStream(stored.content()) : stored.content()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                } catch (ObjectStorage.ObjectStorageException e) {
                    throw AlgorithmException.client("Unable to download " + object.uri() + " for channel '" + channel.channelName() + "': "
                            + e.getMessage());
                } catch (java.util.zip.ZipException e) {
                    throw AlgorithmException.client("Channel '" + channel.channelName() + "' has CompressionType Gzip but " + object.uri()
                            + " is not gzip data");
                }
                files.add(file);
            }
            out.put(channel.channelName(), new TrainingRequest.Channel(channel.channelName(), files, channel.contentType()));
        }
        return out;
    }

    private static List<S3Location> listed(ObjectStorage s3, String account, S3Location prefix) throws AlgorithmException {
        List<S3Location> out = new ArrayList<>();
        String after = null;
        while (true) {
            List<ObjectStorage.ObjectInfo> page;
            try {
                page = s3.listObjects(account, prefix.bucket(), prefix.key(), after, PAGE);
            } catch (ObjectStorage.ObjectStorageException e) {
                return List.of(); // NoSuchBucket / AccessDenied read as "no objects", with AWS's message
            }
            for (ObjectStorage.ObjectInfo info : page) {
                if (!info.key().endsWith("/")) {
                    out.add(new S3Location(prefix.bucket(), info.key()));
                }
            }
            if (page.size() < PAGE) {
                return out;
            }
            after = page.getLast().key();
        }
    }

    private static List<S3Location> manifest(ObjectStorage s3, String account, S3Location location, String uri) throws AlgorithmException {
        JsonNode root;
        try (ObjectStorage.StoredObject stored = s3.getObject(account, location.bucket(), location.key())) {
            root = JSON.readTree(stored.content());
        } catch (ObjectStorage.ObjectStorageException e) {
            return List.of();
        } catch (IOException e) {
            throw AlgorithmException.client("Unable to read the manifest file " + uri + ": it is not JSON");
        }
        if (root == null || !root.isArray() || root.isEmpty() || !root.get(0).has("prefix")) {
            throw AlgorithmException.client("Invalid manifest file " + uri + ": expected [{\"prefix\": \"s3://bucket/prefix/\"}, \"key\", ...]");
        }
        S3Location prefix;
        try {
            prefix = S3Location.parse(root.get(0).get("prefix").asText());
        } catch (IllegalArgumentException e) {
            throw AlgorithmException.client("Invalid manifest file " + uri + ": " + e.getMessage());
        }
        List<S3Location> out = new ArrayList<>();
        for (int i = 1; i < root.size(); i++) {
            out.add(new S3Location(prefix.bucket(), prefix.key() + root.get(i).asText()));
        }
        return out;
    }

    /**
     * Where an object lands in its channel folder, as SageMaker places it: its key after the channel's prefix (leading
     * slashes dropped; the last segment when that leaves nothing or the object is not under the prefix), each segment
     * made safe, ".gz" dropped when the channel is decompressed.
     */
    private static String relative(S3Location channel, S3Location object, boolean gzip) {
        String rest = io.haneul.sagemaker.script.S3Files.relativeKey(channel.key(), object.key());
        if (gzip && rest.endsWith(".gz")) {
            rest = rest.substring(0, rest.length() - 3);
        }
        StringBuilder out = new StringBuilder();
        for (String segment : rest.split("/")) {
            if (!segment.isEmpty()) {
                out.append(out.isEmpty() ? "" : "/").append(safe(segment));
            }
        }
        return out.toString();
    }

    private static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }
}
