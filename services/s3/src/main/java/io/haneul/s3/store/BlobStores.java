package io.haneul.s3.store;

import io.haneul.core.spi.ServiceEnvironment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.nio.file.Path;

/**
 * Picks the blob store from the settings: {@code --s3-blob-url} names an external S3-compatible store
 * (credentials from {@code --s3-blob-access-key-id} / {@code --s3-blob-secret-access-key}, else the
 * SDK's default chain; region from {@code --s3-blob-region}); without it, files under
 * {@code --s3-blob-dir} (default {@code <data-dir>/s3}).
 */
public final class BlobStores {

    private BlobStores() {
    }

    public static BlobStore fromSettings(ServiceEnvironment env) {
        String url = env.setting("s3-blob-url", "");
        if (url.isBlank()) {
            return new FileBlobStore(directory(env));
        }
        RemoteBlobLocation location = RemoteBlobLocation.parse(url);
        return new RemoteBlobStore(client(location, env), location);
    }

    /** The blob directory the settings name: {@code --s3-blob-dir}, else {@code <data-dir>/s3}. */
    static Path directory(ServiceEnvironment env) {
        return Path.of(env.setting("s3-blob-dir", Path.of(env.setting("data-dir", ".haneul")).resolve("s3").toString()));
    }

    private static S3Client client(RemoteBlobLocation location, ServiceEnvironment env) {
        String keyId = env.setting("s3-blob-access-key-id", "");
        String secret = env.setting("s3-blob-secret-access-key", "");
        AwsCredentialsProvider credentials = keyId.isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret));
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
                .region(Region.of(env.setting("s3-blob-region", "us-east-1")))
                .credentialsProvider(credentials)
                // checksums only where an operation needs them: S3-compatible stores vary in support
                // for trailing checksums; integrity is checked against the MD5 Haneul computes itself
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        location.endpoint().ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        return builder.build();
    }
}
