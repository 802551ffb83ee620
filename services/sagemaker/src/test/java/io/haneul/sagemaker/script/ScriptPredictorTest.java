package io.haneul.sagemaker.script;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptPredictorTest {

    @Test
    void aWorkerThatNeverLoadsTheModelIsEndedAfterTheStartUpTimeout(@TempDir Path dir) {
        AlgorithmException e = assertThrows(AlgorithmException.class, () -> ScriptPredictor.start(
                List.of("/bin/sh", "-c", "sleep 600"), dir, Map.of(), "test", Duration.ofSeconds(60), Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("did not load the model within"), e.getMessage());
    }

    /** A worker speaking the frame protocol whose streamed answers never end; a plain request answers "ok". */
    private static final String ENDLESS_WORKER = """
            import json, struct, sys
            inp, out = sys.stdin.buffer, sys.stdout.buffer
            def send(header, body):
                h = json.dumps(header).encode()
                out.write(struct.pack('>i', len(h)) + h + struct.pack('>i', len(body)) + body)
                out.flush()
            def read():
                return inp.read(struct.unpack('>i', inp.read(4))[0])
            send({"status": 200}, b"")
            while True:
                request = json.loads(read())
                read()
                if request["stream"]:
                    while True:
                        send({"status": 200, "more": True, "content_type": "text/plain"}, b"x")
                send({"status": 200, "content_type": "text/plain"}, b"ok")
            """;

    @Test
    void aClientLeavingMidStreamEndsTheWorkerAndTheNextRequestGetsAFreshOne(@TempDir Path dir) throws Exception {
        Path worker = Files.writeString(dir.resolve("worker.py"), ENDLESS_WORKER);
        ScriptPredictor predictor = ScriptPredictor.start(List.of("python3", worker.toString()), dir, Map.of(), "test",
                Duration.ofSeconds(120), Duration.ofSeconds(60));
        try {
            IllegalStateException gone = new IllegalStateException("client went away");
            // without ending the worker, the endless generator would be drained until the 120 s timeout (a timed-out error)
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> predictor.stream(new byte[0], "text/plain", "text/plain",
                    (bytes, type) -> {
                        throw gone;
                    }));
            assertSame(gone, thrown);
            assertArrayEquals("ok".getBytes(StandardCharsets.UTF_8), predictor.predict(new byte[0], "text/plain", "text/plain").body());
        } finally {
            predictor.close();
        }
    }
}
