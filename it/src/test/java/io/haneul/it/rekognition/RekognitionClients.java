package io.haneul.it.rekognition;

import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** SDK v2 clients of one account against a test server, and the helpers the Rekognition tests share. */
final class RekognitionClients implements AutoCloseable {

    static final String ACCOUNT = "111111111111";
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** Where the test servers keep the converted models, shared by the test classes so that they convert once. */
    static final String[] MODEL_CACHE = {"--rekognition-model-dir", java.nio.file.Path.of("target/rekognition-models").toAbsolutePath().toString()};

    final RekognitionClient rek;
    final S3Client s3;

    RekognitionClients(TestServer server) {
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"));
        rek = RekognitionClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys)
                .overrideConfiguration(c -> c.apiCallTimeout(java.time.Duration.ofMinutes(5))).build();
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(keys).build();
    }

    String bucket(String prefix) {
        String name = prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100000;
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    static String name(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** Puts the bytes into S3 and answers the Image that names them. */
    Image stored(String bucket, String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        return Image.builder().s3Object(o -> o.bucket(bucket).name(key)).build();
    }

    static Image bytes(byte[] data) {
        return Image.builder().bytes(SdkBytes.fromByteArray(data)).build();
    }

    static AwsServiceException expectError(String code, int status, Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
            assertEquals(status, e.statusCode(), e.getMessage());
            return e;
        }
        fail("expected " + code);
        return null;
    }

    @Override
    public void close() {
        rek.close();
        s3.close();
    }
}
