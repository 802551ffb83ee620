package io.haneul.server.internal;

import io.haneul.core.engine.RequestObserver;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallTextTest {

    @Test
    void membersNamedAsSecretsAreRedactedWhateverTheModelSays() {
        assertEquals("Credentials(AccessKeyId=AKIA1, SecretAccessKey=" + CallText.REDACTED + ", SessionToken=" + CallText.REDACTED
                        + ", Expiration=2026-01-01T00:00:00Z)",
                CallText.text("Credentials(AccessKeyId=AKIA1, SecretAccessKey=abc/def+g, SessionToken=xyz, Expiration=2026-01-01T00:00:00Z)"));
        assertEquals("User(Password=" + CallText.REDACTED + ")", CallText.text("User(Password=hunter2)"));
        assertEquals("X(ClientSecret=" + CallText.REDACTED + ", Next=1)", CallText.text("X(ClientSecret=s3cr3t, Next=1)"));
        assertEquals("X(SecretAccessKey=null)", CallText.text("X(SecretAccessKey=null)"), "an absent member stays absent");
        assertEquals("SendMessageRequest(QueueUrl=http://q, MessageBody=hello)", CallText.text("SendMessageRequest(QueueUrl=http://q, MessageBody=hello)"));
    }

    @Test
    void longTextIsCut() {
        String text = CallText.text("X(Body=" + "a".repeat(10_000) + ")");
        assertEquals(CallText.MAX_CHARS + 1, text.length());
        assertTrue(text.endsWith("…"));
    }

    @Test
    void anErrorIsItsBodyAndAMissingInputIsNull() {
        RequestObserver.Call call = new RequestObserver.Call(null, null, "<Error><Code>X</Code></Error>".getBytes(StandardCharsets.UTF_8));
        assertEquals("<Error><Code>X</Code></Error>", CallText.output(call));
        assertNull(CallText.input(call));
    }
}
