package io.haneul.it.sagemaker;

import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.waiters.SageMakerWaiter;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** SDK v2 clients of one account for the SageMaker hosting tests, and the error assertion they share. */
final class HostingClients implements AutoCloseable {

    static final String ACCOUNT = "123456789012";
    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    static final String XGBOOST_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
    private static final AtomicInteger NAMES = new AtomicInteger();

    final SageMakerClient sm;
    final SageMakerRuntimeClient runtime;
    final S3Client s3;
    final SnsClient sns;
    final SqsClient sqs;
    /** The SDK's waiters, polling every 100 ms instead of AWS's 30 to 60 seconds. */
    final SageMakerWaiter waiter;

    HostingClients(TestServer server) {
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"));
        sm = SageMakerClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        runtime = SageMakerRuntimeClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true).credentialsProvider(keys).build();
        sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        waiter = SageMakerWaiter.builder().client(sm).overrideConfiguration(WaiterOverrideConfiguration.builder()
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))).maxAttempts(1200).build()).build();
    }

    String bucket(String prefix) {
        String name = prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100000;
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    /** Uploads a model.tar.gz and answers its s3:// URL. */
    String upload(String bucket, String key, Path file) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
        return "s3://" + bucket + "/" + key;
    }

    /** A model serving {@code modelData} with the XGBoost image. */
    void xgboostModel(String name, String modelData) {
        sm.createModel(b -> b.modelName(name).executionRoleArn(ROLE)
                .primaryContainer(c -> c.image(XGBOOST_IMAGE).modelDataUrl(modelData)));
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
        sm.close();
        runtime.close();
        s3.close();
        sns.close();
        sqs.close();
        waiter.close();
    }
}
