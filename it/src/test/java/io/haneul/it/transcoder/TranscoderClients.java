package io.haneul.it.transcoder;

import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elastictranscoder.ElasticTranscoderClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** SDK v2 clients of one account against a test server, and the error assertion the transcoder tests share. */
final class TranscoderClients implements AutoCloseable {

    static final String ACCOUNT = "111111111111";
    static final String ROLE = "arn:aws:iam::111111111111:role/Elastic_Transcoder_Default_Role";
    private static final AtomicInteger NAMES = new AtomicInteger();

    final ElasticTranscoderClient et;
    final S3Client s3;
    final SnsClient sns;
    final SqsClient sqs;

    TranscoderClients(TestServer server) {
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"));
        et = ElasticTranscoderClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(keys).build();
        sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
    }

    String bucket(String prefix) {
        String name = prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100000;
        s3.createBucket(b -> b.bucket(name));
        return name;
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
        et.close();
        s3.close();
        sns.close();
        sqs.close();
    }
}
