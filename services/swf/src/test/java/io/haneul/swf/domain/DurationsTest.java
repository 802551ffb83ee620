package io.haneul.swf.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {

    @Test
    void secondsOrNone() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), Durations.of("30"));
        assertEquals(Optional.empty(), Durations.of("NONE"));
        assertEquals(Optional.empty(), Durations.of(null));
    }

    @Test
    void checksValuesAsTheApiTakesThem() {
        assertEquals("10", Durations.check("t", "10", false));
        assertEquals("NONE", Durations.check("t", "NONE", true));
        assertNull(Durations.check("t", null, false));
        assertThrows(SwfException.class, () -> Durations.check("t", "NONE", false));
        assertThrows(SwfException.class, () -> Durations.check("t", "-1", true));
        assertThrows(SwfException.class, () -> Durations.check("t", "1.5", true));
        assertThrows(SwfException.class, () -> Durations.check("t", "+5", true));
    }

    @Test
    void requestWinsOverTheDefault() {
        assertEquals("5", Durations.firstOf("5", "9"));
        assertEquals("9", Durations.firstOf(null, "9"));
    }
}
