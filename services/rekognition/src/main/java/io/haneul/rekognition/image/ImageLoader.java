package io.haneul.rekognition.image;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ServiceCallException;
import io.haneul.rekognition.domain.RekognitionException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a request's image into upright pixels with AWS's limits and errors: bytes up to 5 MB or an S3
 * object up to 15 MB ({@code ImageTooLargeException} beyond), JPEG or PNG recognised by their
 * signatures ({@code InvalidImageFormatException} for anything else or anything that does not
 * decode), an object that cannot be read ({@code InvalidS3ObjectException}), sides of at least 80
 * pixels as AWS documents ({@code InvalidParameterException}), and a bound on decoded pixels read from
 * the header before decoding, so that a small file cannot claim gigabytes of memory.
 */
public final class ImageLoader {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_OBJECT_BYTES = 15 * 1024 * 1024;
    public static final int MIN_SIDE = 80;
    public static final long MAX_PIXELS = 10_000L * 10_000L;


    private final Supplier<Optional<ObjectStorage>> storage;

    /** @param storage Haneul's S3, looked up when an image names an object */
    public ImageLoader(Supplier<Optional<ObjectStorage>> storage) {
        this.storage = storage;
    }

    /** The image as the models must see it, read as {@code account} (an S3 object must be the caller's). */
    public UprightImage load(String account, ImageRef ref) {
        if (ref == null || (ref.bytes() == null) == (ref.bucket() == null && ref.key() == null)) {
            throw RekognitionException.invalidParameter();
        }
        byte[] data = ref.isObject() ? read(account, ref) : ref.bytes();
        if (!ref.isObject() && data.length > MAX_BYTES) {
            throw tooLarge();
        }
        return decode(data);
    }

    private byte[] read(String account, ImageRef ref) {
        if (ref.bucket() == null || ref.bucket().isEmpty() || ref.key() == null || ref.key().isEmpty()) {
            throw RekognitionException.invalidS3Object();
        }
        ObjectStorage s3 = storage.get().orElseThrow(RekognitionException::invalidS3Object);
        try (ObjectStorage.StoredObject object = s3.getObject(account, ref.bucket(), ref.key(), ref.version())) {
            if (object.info().size() > MAX_OBJECT_BYTES) {
                throw tooLarge();
            }
            try (InputStream in = object.content()) {
                return in.readNBytes(MAX_OBJECT_BYTES + 1);
            }
        } catch (ServiceCallException e) {
            throw RekognitionException.invalidS3Object();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw RekognitionException.invalidS3Object();
        }
    }

    /** Decodes JPEG or PNG bytes and turns a JPEG upright by its EXIF orientation. */
    public static UprightImage decode(byte[] data) {
        String format = format(data);
        if (format == null) {
            throw invalidFormat();
        }
        BufferedImage image = readPixels(data, format);
        if (image.getWidth() < MIN_SIDE || image.getHeight() < MIN_SIDE) {
            throw RekognitionException.invalidParameter();
        }
        int orientation = format.equals("JPEG") ? Orientation.read(data) : 1;
        return new UprightImage(Orientation.upright(Orientation.rgb(image), orientation), format, orientation);
    }

    private static BufferedImage readPixels(byte[] data, String format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw invalidFormat();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw tooLarge();
                }
                // A few KB of flat PNG can declare a huge canvas: past DECODED_PIXELS the image is decoded
                // subsampled (every n-th pixel), which keeps answers (boxes are ratios) and bounds memory.
                javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(pixels);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RekognitionException r) {
                throw r;
            }
            throw invalidFormat();
        }
    }

    /** The most pixels decoded at full resolution (16 MP, 64 MB as RGB); larger images are subsampled. */
    static final long DECODED_PIXELS = 16_000_000L;

    /** Every how many pixels (in both directions) an image of {@code pixels} is read, to stay under {@link #DECODED_PIXELS}. */
    static int subsampling(long pixels) {
        int step = 1;
        while (pixels / ((long) step * step) > DECODED_PIXELS) {
            step++;
        }
        return step;
    }

    /** "JPEG" or "PNG" by the file's signature, or null. */
    static String format(byte[] data) {
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return "JPEG";
        }
        if (data.length >= 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
            return "PNG";
        }
        return null;
    }

    private static RekognitionException invalidFormat() {
        return new RekognitionException("InvalidImageFormatException", "Request has invalid image format");
    }

    private static RekognitionException tooLarge() {
        return new RekognitionException("ImageTooLargeException", "Image size is too large.");
    }
}
