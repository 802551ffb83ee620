package io.haneul.it;

import io.haneul.server.HaneulServer;
import io.haneul.server.config.HaneulConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A start whose HTTPS listener cannot open (its port is taken) fails, and closes what it had opened
 * before: no file under the data dir stays open (the store opens while the listeners are set up).
 */
class HttpsListenerStartIT {

    @Test
    void aStartThatCannotOpenItsHttpsPortClosesItsStore(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HaneulConfig config = HaneulConfig.from(new String[]{"--port", "0", "--smtp-port", "0", "--data-dir", data.toString(),
                    "--tls-port", Integer.toString(taken.getLocalPort())}, Map.of());
            assertThrows(IOException.class, () -> new HaneulServer(config, Clock.systemUTC()).start());
        }
        assertTrue(Files.exists(data.resolve("tls/haneul.pem")), "the listener was being set up");
        assertEquals(List.of(), openFilesUnder(data.toRealPath()));
    }

    /** What this process holds open under {@code dir} (Linux: the targets of /proc/self/fd). */
    static List<Path> openFilesUnder(Path dir) throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.flatMap(fd -> {
                try {
                    return Stream.of(Files.readSymbolicLink(fd));
                } catch (IOException e) {
                    return Stream.empty(); // closed meanwhile (e.g. the listing's own descriptor)
                }
            }).filter(target -> target.startsWith(dir)).toList();
        }
    }
}
