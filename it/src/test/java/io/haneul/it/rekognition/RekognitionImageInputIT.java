package io.haneul.it.rekognition;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.model.DetectLabelsImageProperties;
import software.amazon.awssdk.services.rekognition.model.DetectLabelsResponse;
import software.amazon.awssdk.services.rekognition.model.DetectModerationLabelsResponse;
import software.amazon.awssdk.services.rekognition.model.DominantColor;
import software.amazon.awssdk.services.rekognition.model.Image;

import java.awt.Color;

import static io.haneul.it.rekognition.RekognitionClients.bytes;
import static io.haneul.it.rekognition.RekognitionClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How Rekognition takes images, through the SDK v2, with no model involved: bytes or an object of
 * Haneul's S3, AWS's errors for what it cannot use (format, size, missing object, too small), and the
 * answers computed from pixels alone (DetectLabels' ImageProperties, DetectModerationLabels' honest
 * empty list).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionImageInputIT {

    TestServer server;
    RekognitionClients c;
    String bucket;

    @BeforeAll
    void start() {
        server = TestServer.start();
        c = new RekognitionClients(server);
        bucket = c.bucket("images");
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    private DetectLabelsResponse properties(Image image, int maxColours) {
        return c.rek.detectLabels(b -> b.image(image).featuresWithStrings("IMAGE_PROPERTIES")
                .settings(s -> s.imageProperties(p -> p.maxDominantColors(maxColours))));
    }

    @Test
    void imagePropertiesComeFromThePixelsOfBytesOrAnObject() {
        byte[] png = Pictures.twoColours(new Color(0, 128, 0), Color.WHITE, 0.75);
        for (Image image : new Image[]{bytes(png), c.stored(bucket, "flat/green.png", png)}) {
            DetectLabelsResponse r = properties(image, 5);
            assertTrue(r.labels().isEmpty(), "no GENERAL_LABELS asked, no labels: " + r.labels());
            DetectLabelsImageProperties p = r.imageProperties();
            assertEquals(2, p.dominantColors().size(), p.toString());
            DominantColor green = p.dominantColors().getFirst();
            assertEquals(75, green.pixelPercent(), 1);
            assertEquals("#008000", green.hexCode());
            assertEquals("green", green.cssColor());
            assertEquals("green", green.simplifiedColor());
            assertEquals(0, green.red());
            assertEquals(128, green.green());
            DominantColor white = p.dominantColors().get(1);
            assertEquals("white", white.cssColor());
            assertEquals("white", white.simplifiedColor());
            // luma of (0,128,0) is 75.1; a quarter white: (0.75 * 75.1 + 0.25 * 255) / 255
            assertEquals(47.1, p.quality().brightness(), 1);
            assertTrue(p.quality().contrast() > 40, p.quality().toString());
        }
        assertEquals(1, properties(bytes(png), 1).imageProperties().dominantColors().size());
    }

    @Test
    void moderationIsAnHonestEmptyList() {
        DetectModerationLabelsResponse r = c.rek.detectModerationLabels(b -> b.image(bytes(Pictures.text("hello", 400, 200, 60))));
        assertTrue(r.moderationLabels().isEmpty());
        assertEquals("haneul-none", r.moderationModelVersion());
    }

    @Test
    void imageErrorsAreAwss() {
        var e = expectError("InvalidImageFormatException", 400,
                () -> c.rek.detectLabels(b -> b.image(bytes("GIF89a, not JPEG or PNG".getBytes()))));
        assertEquals("Request has invalid image format", e.awsErrorDetails().errorMessage());
        expectError("InvalidImageFormatException", 400, () -> c.rek.detectFaces(b -> b.image(
                c.stored(bucket, "broken.jpg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3}))));
        e = expectError("InvalidS3ObjectException", 400, () -> c.rek.detectFaces(b -> b.image(i -> i.s3Object(o -> o.bucket(bucket).name("missing.jpg")))));
        assertEquals("Unable to get object metadata from S3. Check object key, region and/or access permissions.", e.awsErrorDetails().errorMessage());
        expectError("InvalidS3ObjectException", 400, () -> c.rek.detectLabels(b -> b.image(i -> i.s3Object(o -> o.bucket("no-such-bucket-x").name("a.jpg")))));
        expectError("InvalidParameterException", 400, () -> c.rek.detectLabels(b -> b.image(bytes(Pictures.twoColours(Color.RED, Color.BLUE, 0.5))
                .toBuilder().s3Object(o -> o.bucket(bucket).name("x")).build())));
        expectError("InvalidParameterException", 400, () -> c.rek.detectLabels(b -> b.image(Image.builder().build())));
        // AWS's smallest side is 80 pixels
        expectError("InvalidParameterException", 400, () -> c.rek.detectLabels(b -> b.image(bytes(Pictures.text("x", 60, 200, 20)))));
        c.s3.putObject(b -> b.bucket(bucket).key("huge.png"), RequestBody.fromBytes(new byte[15 * 1024 * 1024 + 1]));
        expectError("ImageTooLargeException", 400, () -> c.rek.detectLabels(b -> b.image(i -> i.s3Object(o -> o.bucket(bucket).name("huge.png")))));
    }
}
