package io.haneul.it.appstream;

import io.haneul.it.support.MutableClock;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appstream.AppStreamClient;
import software.amazon.awssdk.services.appstream.model.AppBlock;
import software.amazon.awssdk.services.appstream.model.Application;
import software.amazon.awssdk.services.appstream.model.FleetType;
import software.amazon.awssdk.services.appstream.model.PlatformType;
import software.amazon.awssdk.services.appstream.model.S3Location;
import software.amazon.awssdk.services.appstream.model.StorageConnector;
import software.amazon.awssdk.services.appstream.model.StorageConnectorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static io.haneul.it.appstream.AppStreamClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Home folders (a stack's HOMEFOLDERS storage connector) with the SDK for Java v2: an application
 * writes a file in its home in the first session; the home is saved to Haneul's S3 under AWS's
 * layout ({@code user/custom/<sha256 of the UserId>/}) while the session runs (on the injected clock)
 * and when it ends, without the links a user could plant there; the second session of the same user
 * finds the file before its application starts. A bucket that does not exist refuses the URL.
 * Skipped where Xvnc is missing or Haneul is not root (home folders need the pool's session users).
 */
class AppStreamHomeFoldersIT {

    static final MutableClock CLOCK = new MutableClock();
    static TestServer server;
    static AppStreamClient as;
    static S3Client s3;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Streaming.xvncInstalled(), "no Xvnc/xterm (apt-get install tigervnc-standalone-server xterm)");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "home folders are kept for pool users (root)");
        server = TestServer.start(CLOCK, "--appstream-transition-seconds", "0", "--appstream-home-folder-save-seconds", "60");
        as = AppStreamClients.client(server, AppStreamClients.ACCOUNT);
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AppStreamClients.ACCOUNT, "secret"))).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            as.close();
            s3.close();
            server.close();
        }
    }

    /** An Elastic fleet streaming one application, behind a stack with a HOMEFOLDERS connector on {@code bucket} (null: AWS's). */
    private static void stackStreaming(String name, String launchParameters, String bucket) {
        S3Location src = S3Location.builder().s3Bucket("apps").s3Key(name + ".zip").build();
        AppBlock block = as.createAppBlock(b -> b.name(name + "-block").sourceS3Location(src)
                .setupScriptDetails(s -> s.scriptS3Location(src).executablePath("/bin/sh").timeoutInSeconds(60))).appBlock();
        Application app = as.createApplication(b -> b.name(name).appBlockArn(block.arn()).launchPath("/bin/sh")
                .launchParameters(launchParameters).iconS3Location(src).platforms(PlatformType.AMAZON_LINUX2)
                .instanceFamilies("GENERAL_PURPOSE")).application();
        as.createFleet(b -> b.name(name + "-fleet").fleetType(FleetType.ELASTIC).platform(PlatformType.AMAZON_LINUX2)
                .maxConcurrentSessions(2).imageName("Haneul-Xterm").instanceType("stream.standard.small"));
        as.associateApplicationFleet(b -> b.fleetName(name + "-fleet").applicationArn(app.arn()));
        as.createStack(b -> b.name(name + "-stack").storageConnectors(StorageConnector.builder()
                .connectorType(StorageConnectorType.HOMEFOLDERS).resourceIdentifier(bucket).build()));
        as.associateFleet(b -> b.stackName(name + "-stack").fleetName(name + "-fleet"));
        as.startFleet(b -> b.name(name + "-fleet"));
    }

    private static String url(String name, String userId) {
        return as.createStreamingURL(b -> b.stackName(name + "-stack").fleetName(name + "-fleet").userId(userId)
                .applicationId(name).validity(300L)).streamingURL();
    }

    private static Path home(String sessionId) throws Exception {
        return Path.of(Streaming.session(server, sessionId).path("home").asText());
    }

    private static List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    private static String text(String bucket, String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asString(StandardCharsets.UTF_8);
    }

    @Test
    void homeFolderFollowsTheUserToTheNextSessionThroughS3() throws Exception {
        String bucket = "homes-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
        stackStreaming("notes", "-c 'if [ -f notes/saved.txt ]; then cp notes/saved.txt restored.txt; "
                + "else mkdir -p notes && echo first-session > notes/saved.txt; fi; exec sleep 600'", bucket);
        String userId = "carol@example.com";
        String prefix = "user/custom/" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(userId.getBytes(StandardCharsets.UTF_8))) + "/";

        Streaming.Opened first = Streaming.open(url("notes", userId));
        Path home = home(first.sessionId());
        Streaming.await("the application wrote its file", () -> Files.exists(home.resolve("notes/saved.txt")));
        assertTrue(keys(bucket, prefix).isEmpty(), "nothing saved before the periodic save is due");
        CLOCK.advance(Duration.ofSeconds(61));
        Streaming.await("the periodic save", () -> keys(bucket, prefix).contains(prefix + "notes/saved.txt"));
        assertEquals("ACTIVE", as.describeSessions(b -> b.stackName("notes-stack").fleetName("notes-fleet")).sessions().get(0).stateAsString());
        assertEquals("first-session\n", text(bucket, prefix + "notes/saved.txt"));

        Files.writeString(home.resolve("late.txt"), "after the periodic save");
        Files.createSymbolicLink(home.resolve("leak"), Path.of("/etc/shadow"));
        as.expireSession(b -> b.sessionId(first.sessionId()));
        List<String> saved = keys(bucket, prefix);
        assertTrue(saved.contains(prefix + "late.txt"), "saved when the session ended: " + saved);
        assertTrue(!saved.contains(prefix + "leak"), "a link is not followed: " + saved);
        assertTrue(saved.stream().noneMatch(k -> k.contains(".haneul-session")), "the session's own folder stays out: " + saved);
        assertEquals("after the periodic save", text(bucket, prefix + "late.txt"));

        Streaming.Opened second = Streaming.open(url("notes", userId));
        Path again = home(second.sessionId());
        Streaming.await("the application found the restored file", () -> Files.exists(again.resolve("restored.txt")));
        assertEquals("first-session\n", Files.readString(again.resolve("restored.txt")));
        assertEquals("after the periodic save", Files.readString(again.resolve("late.txt")));
        as.expireSession(b -> b.sessionId(second.sessionId()));
        assertTrue(keys(bucket, prefix).contains(prefix + "restored.txt"));

        Streaming.Opened other = Streaming.open(url("notes", "dave@example.com"));
        Path otherHome = home(other.sessionId());
        Streaming.await("a new user starts with an empty folder", () -> Files.exists(otherHome.resolve("notes/saved.txt")));
        assertTrue(!Files.exists(otherHome.resolve("late.txt")), "another user's home folder is their own");
        as.expireSession(b -> b.sessionId(other.sessionId()));
    }

    @Test
    void aHomeFolderBucketThatDoesNotExistRefusesTheUrl() {
        stackStreaming("nobucket", "-c 'exec sleep 600'", null);
        expectError("ResourceNotAvailableException", "appstream2-36fb080bb8-us-east-1-" + AppStreamClients.ACCOUNT,
                () -> url("nobucket", "erin"));
    }
}
