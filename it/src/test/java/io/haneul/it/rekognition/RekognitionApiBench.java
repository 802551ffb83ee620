package io.haneul.it.rekognition;

import io.haneul.it.support.TestServer;
import io.haneul.rekognition.image.ImageLoader;
import io.haneul.rekognition.models.VisionModelsFactory;
import io.haneul.rekognition.vision.VisionModels;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.Image;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rekognition through its API against the bare models on the same images, in one process and one run
 * (the machine may be loaded, so the figure that counts is CPU per image): for DetectFaces, DetectLabels
 * and SearchFacesByImage, the API call (SDK v2 client, HTTP, JSON, base64, decode, models, answer) against
 * the bare path (decode the same bytes, VisionModels.faces or .objects). Rounds alternate bare and API so
 * that drifting load touches both alike. Process CPU includes the in-process client's, so the API side is
 * an upper bound. Prints "RESULT op side cpu_ms_per_image_median wall_p50 wall_p99 images" lines and the
 * bare/API throughput ratio by CPU. Run by bench/rekognition/api.sh.
 */
public final class RekognitionApiBench {

    private interface Call {
        void run(byte[] photo) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Path models = Path.of(args.length > 1 ? args[1] : "target/rekognition-models").toAbsolutePath();
        List<byte[]> photos = new ArrayList<>();
        for (String name : List.of("astronaut.jpg", "grace_hopper.jpg", "cameraman.jpg", "cat.jpg", "motorcycle.jpg")) {
            photos.add(Pictures.photo(name));
        }
        try (TestServer server = TestServer.start("--rekognition-model-dir", models.toString());
             RekognitionClients c = new RekognitionClients(server);
             VisionModels bare = VisionModelsFactory.create(Files.createDirectories(models))) {
            c.rek.createCollection(b -> b.collectionId("bench"));
            c.rek.indexFaces(b -> b.collectionId("bench").image(RekognitionClients.bytes(Pictures.photo("grace_hopper.jpg"))));
            compare("DetectFaces", photos, rounds,
                    p -> bare.faces(ImageLoader.decode(p).image()),
                    p -> c.rek.detectFaces(b -> b.image(image(p)).attributes(Attribute.ALL)));
            compare("DetectLabels", photos, rounds,
                    p -> bare.objects(ImageLoader.decode(p).image()),
                    p -> c.rek.detectLabels(b -> b.image(image(p))));
            List<byte[]> faces = photos.subList(0, 3); // the photos with a face: a search needs one
            compare("SearchFacesByImage", faces, rounds,
                    p -> bare.faces(ImageLoader.decode(p).image()),
                    p -> c.rek.searchFacesByImage(b -> b.collectionId("bench").image(image(p))));
        }
    }

    private static Image image(byte[] photo) {
        return RekognitionClients.bytes(photo);
    }

    private static void compare(String op, List<byte[]> photos, int rounds, Call bare, Call api) throws Exception {
        for (byte[] p : photos) { // load and warm both paths
            bare.run(p);
            api.run(p);
        }
        List<Double> bareCpu = new ArrayList<>();
        List<Double> apiCpu = new ArrayList<>();
        List<Double> bareWall = new ArrayList<>();
        List<Double> apiWall = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            bareCpu.add(round(photos, bare, bareWall));
            apiCpu.add(round(photos, api, apiWall));
        }
        double b = median(bareCpu);
        double a = median(apiCpu);
        print(op, "bare", b, bareWall, photos.size() * rounds);
        print(op, "api", a, apiWall, photos.size() * rounds);
        System.out.printf("RESULT %-18s api_throughput_by_cpu %.2f of bare%n", op, b / a);
    }

    /** One pass over the photos: the process CPU per image, in ms; each call's wall time is added to {@code wall}. */
    private static double round(List<byte[]> photos, Call call, List<Double> wall) throws Exception {
        long cpu = cpuNanos();
        for (byte[] p : photos) {
            long start = System.nanoTime();
            call.run(p);
            wall.add((System.nanoTime() - start) / 1e6);
        }
        return (cpuNanos() - cpu) / 1e6 / photos.size();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void print(String op, String side, double cpuMs, List<Double> wall, int images) {
        double[] w = wall.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("RESULT %-18s %-4s cpu/image %7.1f ms  wall p50 %7.1f ms  p99 %7.1f ms  images %d%n", op, side, cpuMs,
                percentile(w, 0.50), percentile(w, 0.99), images);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private RekognitionApiBench() {
    }
}
