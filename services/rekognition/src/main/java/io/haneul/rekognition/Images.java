package io.haneul.rekognition;

import io.haneul.rekognition.image.ImageLoader;
import io.haneul.rekognition.image.ImageRef;
import io.haneul.rekognition.image.UprightImage;
import software.amazon.awssdk.services.rekognition.model.Image;

/** A request's {@code Image} shape to upright pixels, through {@link ImageLoader}. */
final class Images {

    private final ImageLoader loader;

    Images(ImageLoader loader) {
        this.loader = loader;
    }

    UprightImage load(String account, Image image) {
        if (image == null) {
            throw io.haneul.rekognition.domain.RekognitionException.invalidParameter();
        }
        ImageRef ref = image.bytes() != null && image.s3Object() != null ? new ImageRef(new byte[0], "", "", null)
                : image.bytes() != null ? ImageRef.ofBytes(image.bytes().asByteArray())
                : image.s3Object() != null ? ImageRef.ofObject(image.s3Object().bucket(), image.s3Object().name(), image.s3Object().version())
                : null;
        return loader.load(account, ref);
    }
}
