package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared helpers of the S3 integration tests: SDK v2 clients, names, errors, PostgreSQL, a movable clock. */
final class S3Clients {

    static final String ACCOUNT_A = "111111111111";
    static final String ACCOUNT_B = "222222222222";

    private S3Clients() {
    }

    static S3Client client(TestServer server, String accessKey) {
        return client(server, accessKey, "secret", Region.US_EAST_1, true);
    }

    static S3Client client(TestServer server, String accessKey, String secret, Region region, boolean pathStyle) {
        return S3Client.builder().endpointOverride(server.endpoint()).region(region).forcePathStyle(pathStyle)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(50).socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    static S3Presigner presigner(TestServer server, String accessKey) {
        return S3Presigner.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret"))).build();
    }

    static String bucket(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs {@code call} and checks it fails with the S3 error code and status. */
    static AwsServiceException expectError(String code, int status, Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            assertEquals(status, e.statusCode(), () -> "status of " + e);
            if (code != null) {
                assertEquals(code, e.awsErrorDetails().errorCode(), () -> "code of " + e);
            }
            return e;
        }
        return fail("expected " + code);
    }

    /** A clock following the system clock plus an offset tests move forward. */
    static final class MovableClock extends Clock {
        private final AtomicLong offset = new AtomicLong();

        void advance(Duration d) {
            offset.addAndGet(d.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + offset.get();
        }
    }

    /** A new database on the shared embedded PostgreSQL, as a --storage URL. */
    static String newPostgresDatabase() {
        return io.haneul.it.support.SharedPostgres.newDatabase("haneul_s3");
    }
}
