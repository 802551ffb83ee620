package io.haneul.it.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The short version of the kill -9 soak ({@code bench/soak/kill9.py}, whose long runs are in
 * docs/BENCHMARKS.md): SQS standard and FIFO, SNS to SQS and HTTP, SES and S3 (with multipart uploads)
 * under load while the server is killed with SIGKILL and restarted three times on the same data dir;
 * the script proves that every acknowledged message, delivery, mail and object survived, FIFO groups
 * kept their order, and every stream was exercised.
 */
class KillSoakIT {

    @TempDir
    Path work;

    @Test
    void nothingAcknowledgedIsLostAcrossThreeKills() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> server = List.of(java.toString(), "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.haneul.server.Main", "--host", "127.0.0.1",
                "--port", "{port}", "--data-dir", "{data}", "--log-level", "warn", "--smtp-port", "{smtp}");
        ObjectMapper json = new ObjectMapper();
        Path script = Path.of("..", "bench", "soak", "kill9.py").toAbsolutePath().normalize();
        String python = Processes.pythonWithBoto3(work).orElse(null);
        assumeTrue(python != null, "no python3 with boto3 on this machine");
        Processes.Result r = Processes.run(List.of(python, script.toString(), "--cycles", "3", "--settle-seconds", "90",
                "--out", work.resolve("soak").toString(), "--server-cmd", json.writeValueAsString(server)), "x", "x", work, 600);
        assertEquals(0, r.exitCode(), r.toString());
        String out = r.stdout();
        JsonNode report = json.readTree(out.substring(out.indexOf('{')));
        assertTrue(report.path("ok").asBoolean(), out);
        assertEquals(3, report.path("restarts").asInt(), out);
        assertEquals(0, report.path("s3").path("missing_or_wrong").asInt(), out);
    }
}
