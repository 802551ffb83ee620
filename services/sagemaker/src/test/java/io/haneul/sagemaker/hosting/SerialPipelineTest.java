package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A serial inference pipeline: each answer (and its type) is the next container's request; the last answers in the request's Accept. */
class SerialPipelineTest {

    /** Appends its mark to the body and answers in the type it was asked for; records what it was sent. */
    private record Marking(String mark, List<String> seen) implements Predictor {
        @Override
        public Prediction predict(byte[] body, String contentType, String accept) {
            seen.add(mark + ":" + contentType + "->" + accept);
            return new Prediction((new String(body, StandardCharsets.UTF_8) + mark).getBytes(StandardCharsets.UTF_8), accept);
        }
    }

    @Test
    void passesEachAnswerToTheNextContainer() throws Exception {
        List<String> seen = new ArrayList<>();
        SerialPipeline pipeline = new SerialPipeline(List.of(new SerialPipeline.Stage(new Marking("1", seen), null),
                new SerialPipeline.Stage(new Marking("2", seen), "application/json"), new SerialPipeline.Stage(new Marking("3", seen), null)));
        Predictor.Prediction p = pipeline.predict("x".getBytes(StandardCharsets.UTF_8), "text/csv", "application/jsonlines");
        assertEquals("x123", new String(p.body(), StandardCharsets.UTF_8));
        assertEquals("application/jsonlines", p.contentType());
        assertEquals(List.of("1:text/csv->text/csv", "2:text/csv->application/json", "3:application/json->application/jsonlines"), seen);

        List<String> parts = new ArrayList<>();
        pipeline.stream("y".getBytes(StandardCharsets.UTF_8), "text/csv", "text/plain", (bytes, type) -> parts.add(new String(bytes, StandardCharsets.UTF_8)));
        assertEquals(List.of("y123"), parts);
    }

    @Test
    void theFirstFailureIsTheAnswer() {
        List<String> seen = new ArrayList<>();
        Predictor failing = (body, contentType, accept) -> {
            throw AlgorithmException.client("bad row");
        };
        SerialPipeline pipeline = new SerialPipeline(List.of(new SerialPipeline.Stage(failing, null), new SerialPipeline.Stage(new Marking("2", seen), null)));
        assertEquals("bad row", assertThrows(AlgorithmException.class, () -> pipeline.predict(new byte[0], "text/csv", null)).getMessage());
        assertEquals(List.of(), seen);
    }
}
