package io.haneul.cloudsearch.endpoint;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EndpointAccessTest {

    @Test
    void enforcedHttpsRefusesOnlyPlainHttp() {
        assertEquals(Optional.of("Request forbidden by administrative rules"), EndpointAccess.transportRefusal(true, "http"));
        assertEquals(Optional.empty(), EndpointAccess.transportRefusal(true, "https"));
        assertEquals(Optional.empty(), EndpointAccess.transportRefusal(false, "http"));
        assertEquals(Optional.empty(), EndpointAccess.transportRefusal(false, "https"));
    }
}
