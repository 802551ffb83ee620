package io.haneul.rekognition.vision;

/** A model could not be loaded or run; the API answers InternalServerError and names the model. */
public final class VisionException extends Exception {

    public VisionException(String message, Throwable cause) {
        super(message, cause);
    }

    public VisionException(String message) {
        super(message);
    }
}
