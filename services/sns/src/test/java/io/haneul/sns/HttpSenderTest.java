package io.haneul.sns;

import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.http.BadMessageException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpSenderTest {

    private static final String BANNER = "SSH-2.0-OpenSSH_9.6";

    @Test
    void failuresAreDescribedWithoutWhatTheOtherSideSent() {
        assertEquals("invalid HTTP response", HttpSender.describe(new IOException("wrapped", new BadMessageException(400, BANNER))));
        assertEquals("invalid HTTP response", HttpSender.describe(new HttpResponseException(BANNER, null)));
        assertEquals("connection refused", HttpSender.describe(new ConnectException("Connection refused " + BANNER)));
        assertEquals("timed out", HttpSender.describe(new TimeoutException(BANNER)));
        assertEquals("connection failed", HttpSender.describe(new IOException(BANNER)));
        assertEquals("connection failed", HttpSender.describe(new IllegalStateException(BANNER)));
    }
}
