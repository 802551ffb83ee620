package io.haneul.rekognition.image;

import io.haneul.rekognition.domain.RekognitionException;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageLoaderTest {

    private final ImageLoader loader = new ImageLoader(Optional::empty);

    @Test
    void pngAndJpegDecode() {
        UprightImage png = loader.load("1", ImageRef.ofBytes(TestImages.encode(TestImages.marked(200, 100), "png")));
        assertEquals("PNG", png.format());
        assertEquals(200, png.width());
        assertEquals(100, png.height());
        UprightImage jpeg = loader.load("1", ImageRef.ofBytes(TestImages.encode(TestImages.marked(200, 100), "jpg")));
        assertEquals("JPEG", jpeg.format());
        assertEquals(1, jpeg.exifOrientation());
    }

    @Test
    void exifOrientationTurnsTheImageUpright() {
        BufferedImage stored = TestImages.marked(200, 100);
        // 6: the camera was turned clockwise; shown turned 90 degrees clockwise, the white corner goes top-right
        UprightImage six = loader.load("1", ImageRef.ofBytes(TestImages.jpegWithOrientation(stored, 6)));
        assertEquals(6, six.exifOrientation());
        assertEquals(100, six.width());
        assertEquals(200, six.height());
        assertWhite(six.image(), 90, 5);
        // red (left half) is now the top half
        assertReddish(six.image(), 50, 50);
        UprightImage eight = loader.load("1", ImageRef.ofBytes(TestImages.jpegWithOrientation(stored, 8)));
        assertEquals(100, eight.width());
        assertWhite(eight.image(), 5, 190);
        UprightImage three = loader.load("1", ImageRef.ofBytes(TestImages.jpegWithOrientation(stored, 3)));
        assertEquals(200, three.width());
        assertWhite(three.image(), 190, 90);
        UprightImage two = loader.load("1", ImageRef.ofBytes(TestImages.jpegWithOrientation(stored, 2)));
        assertWhite(two.image(), 190, 5);
        UprightImage five = loader.load("1", ImageRef.ofBytes(TestImages.jpegWithOrientation(stored, 5)));
        assertWhite(five.image(), 5, 5);
        assertEquals(200, five.height());
        UprightImage seven = loader.load("1", ImageRef.ofBytes(TestImages.jpegWithOrientation(stored, 7)));
        assertWhite(seven.image(), 90, 190);
    }

    /** A small file may declare a huge canvas: past 16 MP it is decoded subsampled, its proportions kept. */
    @Test
    void hugeCanvasesAreDecodedSubsampled() throws Exception {
        assertEquals(1, ImageLoader.subsampling(16_000_000L));
        assertEquals(2, ImageLoader.subsampling(20_000_000L));
        assertEquals(3, ImageLoader.subsampling(100_000_000L));
        BufferedImage flat = new BufferedImage(6000, 4000, BufferedImage.TYPE_BYTE_BINARY);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(flat, "png", png);
        assertTrue(png.size() < 100_000, "a flat 24 MP PNG is small: " + png.size());
        UprightImage read = loader.load("1", ImageRef.ofBytes(png.toByteArray()));
        assertEquals(3000, read.width());
        assertEquals(2000, read.height());
    }

    @Test
    void awsErrors() {
        assertCode("InvalidImageFormatException", () -> loader.load("1", ImageRef.ofBytes("GIF89a not an image".getBytes())));
        assertCode("InvalidImageFormatException", () -> loader.load("1", ImageRef.ofBytes(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1})));
        assertCode("InvalidImageFormatException", () -> loader.load("1", ImageRef.ofBytes(TestImages.encode(TestImages.marked(100, 100), "gif"))));
        assertCode("InvalidParameterException", () -> loader.load("1", ImageRef.ofBytes(TestImages.encode(TestImages.marked(60, 200), "png"))));
        assertCode("ImageTooLargeException", () -> loader.load("1", ImageRef.ofBytes(new byte[ImageLoader.MAX_BYTES + 1])));
        assertCode("InvalidS3ObjectException", () -> loader.load("1", ImageRef.ofObject("bucket", "key", null)));
        assertCode("InvalidParameterException", () -> loader.load("1", null));
    }

    private static void assertCode(String code, Runnable call) {
        RekognitionException e = assertThrows(RekognitionException.class, call::run);
        assertEquals(code, e.code());
    }

    private static void assertWhite(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        assertTrue((p >> 16 & 0xFF) > 200 && (p >> 8 & 0xFF) > 200 && (p & 0xFF) > 200, "white at " + x + "," + y + ": " + Integer.toHexString(p));
    }

    private static void assertReddish(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        assertTrue((p >> 16 & 0xFF) > 200 && (p & 0xFF) < 60, "red at " + x + "," + y + ": " + Integer.toHexString(p));
    }
}
