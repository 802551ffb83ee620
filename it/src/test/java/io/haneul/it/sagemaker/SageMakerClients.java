package io.haneul.it.sagemaker;

import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** SDK v2 clients of one account against a test server, and what the SageMaker training tests share. */
final class SageMakerClients implements AutoCloseable {

    static final String ACCOUNT = "111111111111";
    static final String ROLE = "arn:aws:iam::111111111111:role/SageMakerRole";
    static final String XGBOOST = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
    private static final AtomicInteger NAMES = new AtomicInteger();

    final SageMakerClient sm;
    final S3Client s3;

    SageMakerClients(TestServer server) {
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"));
        sm = SageMakerClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(keys).build();
    }

    static String name(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100000;
    }

    String bucket(String prefix) {
        String name = name(prefix);
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    void put(String bucket, String key, String text) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    /** A training job request of the given image with train (and validation, when given) channels as text/csv under s3://bucket/. */
    static CreateTrainingJobRequest job(String name, String image, String bucket, Map<String, String> hps, boolean validation,
                                       Consumer<CreateTrainingJobRequest.Builder> more) {
        CreateTrainingJobRequest.Builder b = CreateTrainingJobRequest.builder().trainingJobName(name).roleArn(ROLE)
                .algorithmSpecification(a -> a.trainingImage(image).trainingInputMode("File"))
                .hyperParameters(hps)
                .outputDataConfig(o -> o.s3OutputPath("s3://" + bucket + "/output"))
                .resourceConfig(r -> r.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(10))
                .stoppingCondition(s -> s.maxRuntimeInSeconds(3600));
        software.amazon.awssdk.services.sagemaker.model.Channel train = software.amazon.awssdk.services.sagemaker.model.Channel.builder()
                .channelName("train").contentType("text/csv")
                .dataSource(d -> d.s3DataSource(s -> s.s3DataType("S3Prefix").s3Uri("s3://" + bucket + "/train/")
                        .s3DataDistributionType("FullyReplicated"))).build();
        if (validation) {
            b.inputDataConfig(train, software.amazon.awssdk.services.sagemaker.model.Channel.builder()
                    .channelName("validation").contentType("text/csv")
                    .dataSource(d -> d.s3DataSource(s -> s.s3DataType("S3Prefix").s3Uri("s3://" + bucket + "/validation/"))).build());
        } else {
            b.inputDataConfig(train);
        }
        more.accept(b);
        return b.build();
    }

    DescribeTrainingJobResponse awaitDone(String name) {
        sm.waiter().waitUntilTrainingJobCompletedOrStopped(b -> b.trainingJobName(name),
                w -> w.maxAttempts(600).backoffStrategy(software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy.create(
                        java.time.Duration.ofMillis(200))));
        return sm.describeTrainingJob(b -> b.trainingJobName(name));
    }

    /** Polls until the job is no longer InProgress or Stopping (the waiter treats Failed as an error). */
    DescribeTrainingJobResponse awaitEnd(String name) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            DescribeTrainingJobResponse d = sm.describeTrainingJob(b -> b.trainingJobName(name));
            String status = d.trainingJobStatusAsString();
            if (!status.equals("InProgress") && !status.equals("Stopping")) {
                return d;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + name + " never ended");
    }

    /** Waits until the job's secondary status is {@code status} (the job still running). */
    DescribeTrainingJobResponse awaitSecondary(String name, String status) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            DescribeTrainingJobResponse d = sm.describeTrainingJob(b -> b.trainingJobName(name));
            if (d.secondaryStatusAsString().equals(status)) {
                return d;
            }
            if (!d.trainingJobStatusAsString().equals("InProgress")) {
                throw new AssertionError("job ended " + d.trainingJobStatusAsString() + ": " + d.failureReason());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + name + " never reached " + status);
    }

    static AwsServiceException expectError(String code, Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
            assertEquals(400, e.statusCode(), e.getMessage());
            return e;
        }
        fail("expected " + code);
        return null;
    }

    @Override
    public void close() {
        sm.close();
        s3.close();
    }
}
