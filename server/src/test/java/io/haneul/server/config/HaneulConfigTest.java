package io.haneul.server.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HaneulConfigTest {

    @Test
    void defaultsMatchTheReadme() {
        HaneulConfig c = HaneulConfig.from(new String[0], Map.of());
        assertEquals(4566, c.port());
        assertEquals("127.0.0.1", c.host());
        assertEquals(Path.of(".haneul"), c.dataDir());
        assertEquals("sqlite", c.storage());
        assertEquals("permissive", c.auth());
        assertTrue(c.serviceEnabled("sqs"));
    }

    @Test
    void argumentsWinOverEnvironmentWhichWinsOverDefaults() {
        Map<String, String> env = Map.of("HANEUL_PORT", "5000", "HANEUL_LOG_LEVEL", "debug", "HANEUL_DATA_DIR", "/tmp/x");
        HaneulConfig c = HaneulConfig.from(new String[]{"--port", "6000", "--services=sqs,SNS"}, env);
        assertEquals(6000, c.port());
        assertEquals("debug", c.logLevel());
        assertEquals(Path.of("/tmp/x"), c.dataDir());
        assertEquals(Set.of("sqs", "sns"), c.services());
        assertTrue(c.serviceEnabled("sns"));
        assertFalse(c.serviceEnabled("s3"));
    }

    @Test
    void badValuesAreRefusedWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> HaneulConfig.from(new String[]{"--port", "x"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> HaneulConfig.from(new String[]{"--auth", "maybe"}, Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HaneulConfig.from(new String[]{"--auth", "strict"}, Map.of()));
        assertTrue(e.getMessage().contains("--credentials"));
        assertThrows(IllegalArgumentException.class, () -> HaneulConfig.from(new String[]{"stray"}, Map.of()));
    }

    @Test
    void portsAreRefusedOutsideZeroTo65535() {
        for (String bad : new String[]{"65536", "-1", "70000"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HaneulConfig.from(new String[]{"--tls-port", bad}, Map.of()), bad);
            assertEquals("--tls-port must be a port number from 0 to 65535, not " + bad, e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> HaneulConfig.from(new String[]{"--port", bad}, Map.of()), bad);
        }
        assertEquals("65535", HaneulConfig.from(new String[]{"--tls-port", "65535"}, Map.of()).all().get("tls-port"));
        assertEquals(0, HaneulConfig.from(new String[]{"--port", "0", "--tls-port", "0"}, Map.of()).port());
    }

    @Test
    void theBodyBudgetIsAQuarterOfTheHeapUnlessSet() {
        assertEquals(Runtime.getRuntime().maxMemory() / 4, HaneulConfig.from(new String[0], Map.of()).maxBufferedBytes());
        assertEquals(1L << 30, HaneulConfig.from(new String[]{"--max-buffered-bytes", "1073741824"}, Map.of()).maxBufferedBytes());
        assertEquals(5000, HaneulConfig.from(new String[0], Map.of("HANEUL_MAX_BUFFERED_BYTES", "5000")).maxBufferedBytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HaneulConfig.from(new String[]{"--max-buffered-bytes", "0"}, Map.of()));
        assertTrue(e.getMessage().contains("--max-buffered-bytes"));
        assertThrows(IllegalArgumentException.class, () -> HaneulConfig.from(new String[]{"--max-buffered-bytes", "lots"}, Map.of()));
    }
}
