package io.haneul.server.internal;

import io.haneul.core.engine.RequestObserver;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
    void aSecretInsideAnotherMembersValueIsRedactedToo() {
        assertEquals("R(Credentials=Credentials(SecretAccessKey=" + CallText.REDACTED + ", AccessKeyId=AKIA1))",
                CallText.text("R(Credentials=Credentials(SecretAccessKey=abc, AccessKeyId=AKIA1))"));
        assertEquals("X(Body=Password=" + CallText.REDACTED + ")", CallText.text("X(Body=Password=hunter2)"));
        assertEquals("X(Tags=[Tag(Key=DbPassword, Value=v)], MasterUserPassword=" + CallText.REDACTED + ")",
                CallText.text("X(Tags=[Tag(Key=DbPassword, Value=v)], MasterUserPassword=pw)"), "a name is what stands before =");
    }

    @Test
    void aSecretThatRunsPastTheCutIsRedactedBeforeItIsCut() {
        String before = "X(Body=" + "b".repeat(CallText.MAX_CHARS - 40) + ", ClientSecret=";
        String text = CallText.text(before + "s".repeat(1_000) + ")");
        assertEquals(before + (CallText.REDACTED + ")").substring(0, CallText.MAX_CHARS - before.length()) + "…", text);
    }

    @Test
    void aLongRunOfLettersTakesOnePass() {
        // a hang guard, not a speed assertion: the redaction once took minutes on a 256 KiB message body
        String text = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> CallText.text("X(Body=" + "a".repeat(262_144) + ")"));
        assertEquals(CallText.MAX_CHARS + 1, text.length());
        String secret = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> CallText.text("X(Secret" + "a".repeat(262_144) + "=x)"));
        assertTrue(secret.startsWith("X(Secretaaa") && secret.endsWith("…"), "cut before its = : nothing to redact");
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
