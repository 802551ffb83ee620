package io.haneul.sagemaker.script;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inference worker's streamed answers, with the machine's Python: a generator's pieces one by one, its failure after them. */
class ScriptStreamingTest {

    private static final String MODULE = """
            def model_fn(model_dir):
                return "m"

            def transform_fn(model, body, content_type, accept):
                n = int(body)
                def pieces():
                    for i in range(abs(n)):
                        yield "p%d;" % i
                    if n < 0:
                        raise ValueError("broken after %d" % -n)
                if n == 0:
                    return "plain", "text/plain"
                return pieces(), "text/plain"
            """;

    private static ScriptPredictor start(Path dir) throws Exception {
        Path python = PythonFinder.ofMachine(null).find().orElse(null);
        Assumptions.assumeTrue(python != null, "no Python on this machine");
        Path code = Files.createDirectories(dir.resolve("code"));
        Files.writeString(code.resolve("gen.py"), MODULE);
        Path worker = dir.resolve("worker.py");
        try (InputStream in = ScriptModels.class.getResourceAsStream("inference_worker.py")) {
            Files.write(worker, in.readAllBytes());
        }
        return ScriptPredictor.start(List.of(python.toString(), worker.toString(), dir.toString(), code.toString(), "gen.py"), code,
                Map.of(), "test", Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    private static List<String> stream(ScriptPredictor p, String body) throws AlgorithmException {
        List<String> parts = new ArrayList<>();
        p.stream(body.getBytes(StandardCharsets.UTF_8), "text/plain", "*/*", (bytes, type) -> {
            assertEquals("text/plain", type);
            parts.add(new String(bytes, StandardCharsets.UTF_8));
        });
        return parts;
    }

    @Test
    void aGeneratorsPiecesComeOneByOneAndAreJoinedForAPlainInvoke(@TempDir Path dir) throws Exception {
        try (ScriptPredictor p = start(dir)) {
            assertEquals(List.of("p0;", "p1;", "p2;"), stream(p, "3"));
            assertEquals(List.of("plain"), stream(p, "0"), "an answer that is not a generator is one part");
            Predictor.Prediction whole = p.predict("2".getBytes(StandardCharsets.UTF_8), "text/plain", "*/*");
            assertEquals("p0;p1;", new String(whole.body(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aFailureAfterSomePiecesComesAfterThemAndTheWorkerGoesOn(@TempDir Path dir) throws Exception {
        try (ScriptPredictor p = start(dir)) {
            List<String> parts = new ArrayList<>();
            AlgorithmException e = assertThrows(AlgorithmException.class, () -> p.stream("-2".getBytes(StandardCharsets.UTF_8),
                    "text/plain", "*/*", (bytes, type) -> parts.add(new String(bytes, StandardCharsets.UTF_8))));
            assertEquals(List.of("p0;", "p1;"), parts);
            assertTrue(e.getMessage().contains("ValueError: broken after 2"), e.getMessage());
            assertFalse(e.clientError());
            RuntimeException gone = new IllegalStateException("client went away");
            assertEquals(gone, assertThrows(IllegalStateException.class, () -> p.stream("3".getBytes(StandardCharsets.UTF_8),
                    "text/plain", "*/*", (bytes, type) -> {
                        throw gone;
                    })));
            assertEquals(List.of("p0;"), stream(p, "1"), "the frames of the abandoned answer were read and dropped");
        }
    }
}
