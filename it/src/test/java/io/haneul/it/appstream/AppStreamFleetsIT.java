package io.haneul.it.appstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.MutableClock;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.appstream.AppStreamClient;
import software.amazon.awssdk.services.appstream.model.*;
import software.amazon.awssdk.services.appstream.waiters.AppStreamWaiter;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.haneul.it.appstream.AppStreamClients.expectError;
import static io.haneul.it.appstream.AppStreamClients.instances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fleets, stacks, images and image builders through the SDK for Java v2 (awsJson 1.1) on a server
 * whose clock the test moves: a fleet's STARTING/RUNNING/STOPPING/STOPPED cycle and the
 * FleetStarted/FleetStopped waiters, capacity, associations, the checks before a streaming URL, and
 * the same API over smithy-rpc-v2-cbor.
 */
class AppStreamFleetsIT {

    static final MutableClock CLOCK = new MutableClock();
    static TestServer server;
    static AppStreamClient as;
    static AppStreamClient other;

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK, "--appstream-transition-seconds", "5");
        as = AppStreamClients.client(server, AppStreamClients.ACCOUNT);
        other = AppStreamClients.client(server, AppStreamClients.OTHER);
    }

    @AfterAll
    static void stop() throws Exception {
        as.close();
        other.close();
        server.close();
    }

    static AppStreamWaiter waiter() {
        return AppStreamWaiter.builder().client(as).overrideConfiguration(WaiterOverrideConfiguration.builder().maxAttempts(3)
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(10))).build()).build();
    }

    @Test
    void builtInImagesAreListedAsPublicWithTheirApplications() {
        List<Image> images = as.describeImages(b -> b.type(VisibilityType.PUBLIC)).images();
        Image xterm = images.stream().filter(i -> i.name().equals("Haneul-Xterm")).findFirst().orElseThrow();
        assertEquals("arn:aws:appstream:us-east-1::image/Haneul-Xterm", xterm.arn());
        assertEquals(ImageState.AVAILABLE, xterm.state());
        assertEquals(VisibilityType.PUBLIC, xterm.visibility());
        assertEquals("/usr/bin/xterm", xterm.applications().get(0).launchPath());
        Image desktop = as.describeImages(b -> b.names("Haneul-Desktop")).images().get(0);
        assertTrue(desktop.applications().stream().anyMatch(a -> a.launchPath().equals("/usr/bin/xclock")));
        expectError("ResourceNotFoundException", "Nope", () -> as.describeImages(b -> b.names("Nope")));
        assertTrue(as.describeImages(b -> b.type(VisibilityType.SHARED)).images().isEmpty());
        expectError("OperationNotPermittedException", null, () -> as.deleteImage(b -> b.name("Haneul-Xterm")));
    }

    @Test
    void fleetStartsRunsAndStopsByTheClockAndTheWaitersSeeIt() {
        Fleet created = as.createFleet(b -> b.name("cycle").imageName("Haneul-Xterm").instanceType("stream.standard.small")
                .computeCapacity(instances(2)).tags(Map.of("team", "a"))).fleet();
        assertEquals(FleetState.STOPPED, created.state());
        assertEquals(FleetType.ON_DEMAND, created.fleetType());
        assertEquals(57600, created.maxUserDurationInSeconds());
        assertEquals(900, created.disconnectTimeoutInSeconds());
        assertEquals(2, created.computeCapacityStatus().desired());
        assertEquals(0, created.computeCapacityStatus().running());

        as.startFleet(b -> b.name("cycle"));
        assertEquals(FleetState.STARTING, fleet("cycle").state());
        CLOCK.advance(Duration.ofSeconds(6));
        WaiterResponse<DescribeFleetsResponse> started = waiter().waitUntilFleetStarted(b -> b.names("cycle"));
        assertEquals(FleetState.RUNNING, started.matched().response().orElseThrow().fleets().get(0).state());
        ComputeCapacityStatus c = fleet("cycle").computeCapacityStatus();
        assertEquals(2, c.running());
        assertEquals(0, c.inUse());
        assertEquals(2, c.available());
        expectError("ResourceInUseException", "stopped", () -> as.deleteFleet(b -> b.name("cycle")));

        as.stopFleet(b -> b.name("cycle"));
        assertEquals(FleetState.STOPPING, fleet("cycle").state());
        // FleetStarted fails at once on a stopping fleet, as its acceptors say
        assertThrows(SdkClientException.class, () -> waiter().waitUntilFleetStarted(b -> b.names("cycle")));
        CLOCK.advance(Duration.ofSeconds(6));
        waiter().waitUntilFleetStopped(b -> b.names("cycle"));
        assertEquals(0, fleet("cycle").computeCapacityStatus().running());
        as.deleteFleet(b -> b.name("cycle"));
        expectError("ResourceNotFoundException", "cycle", () -> as.describeFleets(b -> b.names("cycle")));
    }

    @Test
    void fleetSettingsAreCheckedAsAwsChecksThem() {
        expectError("InvalidParameterCombinationException", "ComputeCapacity", () -> as.createFleet(b -> b.name("nocap")
                .imageName("Haneul-Xterm").instanceType("stream.standard.small")));
        expectError("InvalidParameterCombinationException", "MaxConcurrentSessions", () -> as.createFleet(b -> b.name("el")
                .fleetType(FleetType.ELASTIC).platform(PlatformType.AMAZON_LINUX2).imageName("Haneul-Xterm").instanceType("stream.standard.small")));
        expectError("InvalidParameterCombinationException", "MaxUserDurationInSeconds", () -> as.createFleet(b -> b.name("short")
                .imageName("Haneul-Xterm").instanceType("stream.standard.small").computeCapacity(instances(1)).maxUserDurationInSeconds(10)));
        expectError("InvalidParameterCombinationException", "ImageName", () -> as.createFleet(b -> b.name("noimg")
                .instanceType("stream.standard.small").computeCapacity(instances(1))));
        expectError("ResourceNotFoundException", "Missing", () -> as.createFleet(b -> b.name("missing")
                .imageName("Missing").instanceType("stream.standard.small").computeCapacity(instances(1))));
        Fleet elastic = as.createFleet(b -> b.name("elastic").fleetType(FleetType.ELASTIC).platform(PlatformType.AMAZON_LINUX2)
                .maxConcurrentSessions(3).imageName("Haneul-Desktop").instanceType("stream.standard.small")
                .idleDisconnectTimeoutInSeconds(120).streamView(StreamView.DESKTOP)).fleet();
        assertEquals(3, elastic.computeCapacityStatus().desired());
        assertEquals(120, elastic.idleDisconnectTimeoutInSeconds());
        expectError("ResourceAlreadyExistsException", "elastic", () -> as.createFleet(b -> b.name("elastic").fleetType(FleetType.ELASTIC)
                .platform(PlatformType.AMAZON_LINUX2).maxConcurrentSessions(3).imageName("Haneul-Desktop").instanceType("stream.standard.small")));
        Fleet updated = as.updateFleet(b -> b.name("elastic").displayName("Elastic").maxConcurrentSessions(5)
                .attributesToDelete(FleetAttribute.IAM_ROLE_ARN)).fleet();
        assertEquals("Elastic", updated.displayName());
        assertEquals(5, updated.maxConcurrentSessions());
        expectError("InvalidParameterCombinationException", "Elastic", () -> as.updateFleet(b -> b.name("elastic").computeCapacity(instances(1))));
        assertEquals("Elastic", fleet("elastic").displayName());
    }

    @Test
    void stacksAssociateWithOneFleetAndStreamingUrlsAreCheckedFirst() {
        Stack stack = as.createStack(b -> b.name("desk").redirectURL("https://example.com/bye").embedHostDomains("example.com")
                .userSettings(UserSetting.builder().action(Action.FILE_DOWNLOAD).permission(Permission.DISABLED).build())
                .storageConnectors(StorageConnector.builder().connectorType(StorageConnectorType.HOMEFOLDERS).build())).stack();
        assertEquals("arn:aws:appstream:us-east-1:111111111111:stack/desk", stack.arn());
        assertTrue(stack.userSettings().stream().anyMatch(u -> u.action() == Action.FILE_DOWNLOAD && u.permission() == Permission.DISABLED));
        assertTrue(stack.userSettings().stream().anyMatch(u -> u.action() == Action.CLIPBOARD_COPY_FROM_LOCAL_DEVICE && u.permission() == Permission.ENABLED));
        as.createFleet(b -> b.name("deskfleet").imageName("Haneul-Xterm").instanceType("stream.standard.small").computeCapacity(instances(1)));
        as.createFleet(b -> b.name("second").imageName("Haneul-Xterm").instanceType("stream.standard.small").computeCapacity(instances(1)));

        expectError("InvalidParameterCombinationException", "not associated", () -> as.createStreamingURL(b -> b.stackName("desk")
                .fleetName("deskfleet").userId("alice")));
        as.associateFleet(b -> b.stackName("desk").fleetName("deskfleet"));
        assertEquals(List.of("deskfleet"), as.listAssociatedFleets(b -> b.stackName("desk")).names());
        assertEquals(List.of("desk"), as.listAssociatedStacks(b -> b.fleetName("deskfleet")).names());
        expectError("LimitExceededException", "deskfleet", () -> as.associateFleet(b -> b.stackName("desk").fleetName("second")));
        expectError("ResourceNotAvailableException", "not running", () -> as.createStreamingURL(b -> b.stackName("desk")
                .fleetName("deskfleet").userId("alice")));
        expectError("InvalidParameterCombinationException", "Validity", () -> as.createStreamingURL(b -> b.stackName("desk")
                .fleetName("deskfleet").userId("alice").validity(604_801L)));
        expectError("ResourceNotFoundException", "nostack", () -> as.createStreamingURL(b -> b.stackName("nostack")
                .fleetName("deskfleet").userId("alice")));
        as.startFleet(b -> b.name("deskfleet"));
        CLOCK.advance(Duration.ofSeconds(6));
        expectError("InvalidParameterCombinationException", "notepad", () -> as.createStreamingURL(b -> b.stackName("desk")
                .fleetName("deskfleet").userId("alice").applicationId("notepad")));
        assertTrue(as.describeSessions(b -> b.stackName("desk").fleetName("deskfleet")).sessions().isEmpty());
        as.expireSession(b -> b.sessionId("no-such-session"));

        expectError("ResourceInUseException", "associated", () -> as.deleteStack(b -> b.name("desk")));
        Stack updated = as.updateStack(b -> b.name("desk").feedbackURL("https://example.com/feedback")
                .attributesToDelete(StackAttribute.REDIRECT_URL, StackAttribute.STORAGE_CONNECTOR_HOMEFOLDERS)).stack();
        assertEquals("https://example.com/feedback", updated.feedbackURL());
        assertNull(updated.redirectURL());
        assertTrue(updated.storageConnectors().isEmpty());
        assertEquals(List.of("example.com"), as.describeStacks(b -> b.names("desk")).stacks().get(0).embedHostDomains());

        as.stopFleet(b -> b.name("deskfleet"));
        as.disassociateFleet(b -> b.stackName("desk").fleetName("deskfleet"));
        expectError("ResourceNotFoundException", null, () -> as.disassociateFleet(b -> b.stackName("desk").fleetName("deskfleet")));
        as.deleteStack(b -> b.name("desk"));
        expectError("ResourceNotFoundException", "desk", () -> as.describeStacks(b -> b.names("desk")));
    }

    @Test
    void imageBuildersStartStopAndTheirImagesCanBeCopiedAndShared() {
        ImageBuilder b1 = as.createImageBuilder(b -> b.name("ib").imageName("Haneul-Desktop").instanceType("stream.standard.medium")).imageBuilder();
        assertEquals(ImageBuilderState.PENDING, b1.state());
        assertEquals("arn:aws:appstream:us-east-1::image/Haneul-Desktop", b1.imageArn());
        expectError("OperationNotPermittedException", "not running", () -> as.createImageBuilderStreamingURL(b -> b.name("ib")));
        CLOCK.advance(Duration.ofSeconds(6));
        assertEquals(ImageBuilderState.RUNNING, as.describeImageBuilders(b -> b.names("ib")).imageBuilders().get(0).state());
        assertEquals(ImageBuilderState.STOPPING, as.stopImageBuilder(b -> b.name("ib")).imageBuilder().state());
        CLOCK.advance(Duration.ofSeconds(6));
        assertEquals(ImageBuilderState.PENDING, as.startImageBuilder(b -> b.name("ib")).imageBuilder().state());
        expectError("OperationNotPermittedException", null, () -> as.deleteImageBuilder(b -> b.name("ib")));
        CLOCK.advance(Duration.ofSeconds(6));
        assertEquals(ImageBuilderState.DELETING, as.deleteImageBuilder(b -> b.name("ib")).imageBuilder().state());
        expectError("ResourceNotFoundException", "ib", () -> as.describeImageBuilders(b -> b.names("ib")));

        // an image of our own: imported (no EC2, so FAILED), then an updated and copied one from a PENDING copy
        Image imported = as.createImportedImage(b -> b.name("imported").sourceAmiId("ami-0123456789abcdef0")).image();
        assertEquals(ImageState.FAILED, imported.state());
        assertEquals(ImageStateChangeReasonCode.IMAGE_IMPORT_FAILURE, imported.stateChangeReason().code());
        expectError("ResourceNotAvailableException", null, () -> as.copyImage(b -> b.sourceImageName("imported")
                .destinationImageName("copy").destinationRegion("us-east-1")));
        CreateUpdatedImageResponse updated = as.createUpdatedImage(b -> b.existingImageName("imported").newImageName("mine"));
        assertTrue(updated.canUpdateImage());
        assertEquals(ImageState.PENDING, updated.image().state());
        CLOCK.advance(Duration.ofSeconds(6));
        assertEquals(ImageState.AVAILABLE, as.describeImages(b -> b.names("mine")).images().get(0).state());
        assertEquals("copy", as.copyImage(b -> b.sourceImageName("mine").destinationImageName("copy")
                .destinationRegion("us-east-1")).destinationImageName());

        // sharing: the other account sees it as SHARED and may build fleets only where allowed
        as.updateImagePermissions(b -> b.name("mine").sharedAccountId(AppStreamClients.OTHER)
                .imagePermissions(p -> p.allowFleet(true).allowImageBuilder(false)));
        assertEquals(AppStreamClients.OTHER, as.describeImagePermissions(b -> b.name("mine")).sharedImagePermissionsList().get(0).sharedAccountId());
        Image seen = other.describeImages(b -> b.type(VisibilityType.SHARED)).images().get(0);
        assertEquals("mine", seen.name());
        assertFalse(seen.imagePermissions().allowImageBuilder());
        assertEquals("TRUE", as.describeImages(b -> b.names("mine")).images().get(0).imageSharedWithOthersAsString());
        expectError("OperationNotPermittedException", "image builders", () -> other.createImageBuilder(b -> b.name("x")
                .imageArn(seen.arn()).instanceType("stream.standard.medium")));
        other.createFleet(b -> b.name("onshared").imageArn(seen.arn()).instanceType("stream.standard.small").computeCapacity(instances(1)));
        expectError("ResourceNotFoundException", "not shared", () -> as.deleteImagePermissions(b -> b.name("copy").sharedAccountId(AppStreamClients.OTHER)));
        as.deleteImagePermissions(b -> b.name("mine").sharedAccountId(AppStreamClients.OTHER));
        assertTrue(other.describeImages(b -> b.type(VisibilityType.SHARED)).images().isEmpty());
        as.deleteImage(b -> b.name("copy"));
    }

    @Test
    void theSameApiAnswersOverSmithyRpcV2Cbor() throws Exception {
        CBORMapper cbor = new CBORMapper();
        Map<String, String> headers = Map.of("smithy-protocol", "rpc-v2-cbor", "Content-Type", "application/cbor", "Accept", "application/cbor",
                "Authorization", "AWS4-HMAC-SHA256 Credential=111111111111/20261207/us-east-1/appstream/aws4_request, SignedHeaders=host, Signature=00");
        HttpResponse<byte[]> created = JavaHttp.post(server.endpoint().resolve("/service/PhotonAdminProxyService/operation/CreateStack"),
                headers, cbor.writeValueAsBytes(Map.of("Name", "cbor-stack")));
        assertEquals(200, created.statusCode(), new String(created.body()));
        assertEquals("application/cbor", created.headers().firstValue("content-type").orElseThrow());
        JsonNode stack = cbor.readTree(created.body()).path("Stack");
        assertEquals("arn:aws:appstream:us-east-1:111111111111:stack/cbor-stack", stack.path("Arn").asText());
        assertEquals("cbor-stack", as.describeStacks(b -> b.names("cbor-stack")).stacks().get(0).name());
        HttpResponse<byte[]> missing = JavaHttp.post(server.endpoint().resolve("/service/PhotonAdminProxyService/operation/DescribeFleets"),
                headers, cbor.writeValueAsBytes(Map.of("Names", List.of("none"))));
        assertEquals(404, missing.statusCode());
        assertTrue(cbor.readTree(missing.body()).path("__type").asText().endsWith("ResourceNotFoundException"));
    }

    static Fleet fleet(String name) {
        return as.describeFleets(b -> b.names(name)).fleets().get(0);
    }
}
