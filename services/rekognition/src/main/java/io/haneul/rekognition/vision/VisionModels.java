package io.haneul.rekognition.vision;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The contract between Rekognition's API (images in, AWS shapes out, collections, video) and the
 * models that look at pixels. Implementations load their weights lazily on first use and are safe to
 * call from several threads. The image given is already decoded and turned upright (EXIF orientation
 * applied by the caller); every coordinate answered is a ratio of its width or height, as AWS's are.
 * An attribute no real model gives stays null: the API omits it rather than invent it.
 */
public interface VisionModels extends AutoCloseable {

    /** Faces found, best first, each with the embedding that collections store and compare. */
    List<FaceFinding> faces(BufferedImage image) throws VisionException;

    /** Objects found by the detector, with the detector's own class names (documented per model). */
    List<ObjectFinding> objects(BufferedImage image) throws VisionException;

    /** Text lines and their words; empty when no text model is available (documented). */
    List<TextFinding> text(BufferedImage image) throws VisionException;

    /** How alike two face embeddings are, 0 to 100, calibrated so that AWS's default threshold of 80 separates people. */
    float similarity(float[] first, float[] second);

    /** What DescribeCollection and IndexFaces report as FaceModelVersion, e.g. "haneul-1.0". */
    String faceModelVersion();

    @Override
    default void close() {
    }
}
