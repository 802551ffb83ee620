package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.FaceFinding;
import io.haneul.rekognition.vision.VisionException;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FaceRes (HSE FaceRec, a MobileNet) from human-models on a 224 x 224 upright face crop: a 1024-D
 * descriptor (what collections store and compare), gender (a sigmoid) and age (a softmax over 0 to
 * 99 years). The emotion model (a mini-Xception on a 64 x 64 grey crop) gives seven emotions.
 */
final class FaceDescriber implements AutoCloseable {

    private static final int INPUT = 224;
    private static final int EMOTION_INPUT = 64;
    /** The model's seven classes in output order, as AWS's EmotionName. */
    private static final String[] EMOTIONS = {"ANGRY", "DISGUSTED", "FEAR", "HAPPY", "SAD", "SURPRISED", "CALM"};

    /** What the models say about one face crop. */
    record Description(float[] embedding, FaceFinding.Labelled gender, FaceFinding.AgeRange ageRange, List<FaceFinding.Labelled> emotions) {
    }

    private final OrtModel faceres;
    private final OrtModel emotion;

    FaceDescriber(Path cacheDir) {
        faceres = TfjsModels.human("faceres", List.of("global_pooling/Mean", "gender_pred/Sigmoid", "age_pred/Softmax"), cacheDir);
        emotion = TfjsModels.human("emotion", List.of("Identity"), cacheDir);
    }

    /** {@code crop} is the upright face, square, any size. */
    Description describe(BufferedImage crop) throws VisionException {
        BufferedImage scaled = Pixels.crop(crop, crop.getWidth() / 2f, crop.getHeight() / 2f, crop.getWidth(), 0, INPUT);
        Map<String, OrtModel.Output> out = faceres.run(Pixels.rgb(scaled, v -> v), new long[] {1, INPUT, INPUT, 3});
        float[] embedding = out.get("global_pooling/Mean").values();
        float male = out.get("gender_pred/Sigmoid").values()[0];
        FaceFinding.Labelled gender = male > 0.5f
                ? new FaceFinding.Labelled("Male", 100 * male)
                : new FaceFinding.Labelled("Female", 100 * (1 - male));
        float[] age = out.get("age_pred/Softmax").values();
        FaceFinding.AgeRange ageRange = new FaceFinding.AgeRange(quantile(age, 0.15f), quantile(age, 0.85f));
        return new Description(embedding, gender, ageRange, emotions(crop));
    }

    private List<FaceFinding.Labelled> emotions(BufferedImage crop) throws VisionException {
        BufferedImage scaled = Pixels.crop(crop, crop.getWidth() / 2f, crop.getHeight() / 2f, crop.getWidth(), 0, EMOTION_INPUT);
        float[] gray = Pixels.gray(scaled);
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (gray[i] / 255f - 0.5f) * 2f;
        }
        float[] p = emotion.run(gray, new long[] {1, EMOTION_INPUT, EMOTION_INPUT, 1}).values().iterator().next().values();
        List<FaceFinding.Labelled> emotions = new ArrayList<>();
        for (int i = 0; i < EMOTIONS.length; i++) {
            emotions.add(new FaceFinding.Labelled(EMOTIONS[i], 100 * p[i]));
        }
        emotions.sort((a, b) -> Float.compare(b.confidence(), a.confidence()));
        return emotions;
    }

    /** The age (years) below which {@code q} of the softmax's mass lies. */
    private static int quantile(float[] p, float q) {
        float sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i];
            if (sum >= q) {
                return i;
            }
        }
        return p.length - 1;
    }

    @Override
    public void close() {
        faceres.close();
        emotion.close();
    }
}
