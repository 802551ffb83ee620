package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.VisionException;
import io.haneul.rekognition.vision.VisionModels;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bare model latency, p50 and p99 per model over the test photos, next to the whole VisionModels
 * call (detector + mesh + descriptor for faces), so that the API's numbers can be compared with it.
 * Prints one "RESULT name p50_ms p99_ms calls" line per measurement. Run by bench/rekognition/run.sh.
 */
public final class VisionBench {

    private interface Call {
        void run(BufferedImage image) throws VisionException;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path cache = Files.createTempDirectory("haneul-vision-bench");
        List<BufferedImage> photos = new ArrayList<>();
        for (String name : List.of("astronaut.jpg", "grace_hopper.jpg", "cameraman.jpg", "cat.jpg", "motorcycle.jpg")) {
            photos.add(TestImages.photo(name));
        }
        List<BufferedImage> faceCrops = List.of(
                Pixels.crop(photos.get(0), 227, 124, 160, 0, FaceMesh.INPUT),
                Pixels.crop(photos.get(1), 266, 190, 330, 0, FaceMesh.INPUT));
        List<BufferedImage> texts = List.of(TestImages.text("SansSerif", 32, "Quick brown fox", "Invoice paid 2026"));
        try (FaceDetector detector = new FaceDetector(cache);
             FaceMesh mesh = new FaceMesh(cache);
             FaceDescriber describer = new FaceDescriber(cache);
             ObjectDetector objects = new ObjectDetector(cache);
             TextReader text = new TextReader();
             VisionModels models = VisionModelsFactory.create(cache)) {
            measure("blazeface", photos, rounds, detector::detect);
            measure("facemesh", faceCrops, rounds, mesh::run);
            measure("faceres+emotion", faceCrops, rounds, describer::describe);
            measure("centernet", photos, rounds, objects::detect);
            measure("ppocr det+rec", texts, rounds, text::read);
            measure("VisionModels.faces", photos, rounds, models::faces);
            measure("VisionModels.objects", photos, rounds, models::objects);
            measure("VisionModels.text", texts, rounds, models::text);
        }
    }

    private static void measure(String name, List<BufferedImage> images, int rounds, Call call) throws VisionException {
        for (BufferedImage image : images) {
            call.run(image); // loads the model and warms it up
        }
        List<Double> millis = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (BufferedImage image : images) {
                long start = System.nanoTime();
                call.run(image);
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("RESULT %-22s p50 %7.1f ms  p99 %7.1f ms  calls %d%n", name.replace(' ', '_'),
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private VisionBench() {
    }
}
