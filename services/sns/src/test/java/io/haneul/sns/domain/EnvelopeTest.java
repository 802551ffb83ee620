package io.haneul.sns.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class EnvelopeTest {

    private static final Envelope.Signer ECHO = (s, v) -> "sig(" + v + ")";

    private static List<String> keys(String json) throws Exception {
        JsonNode n = new ObjectMapper().readTree(json);
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void notificationStringToSignFollowsAws() {
        Envelope.Notification n = new Envelope.Notification("id-1", "arn:t", "Subj", "body\nline", "2024-01-01T00:00:00.000Z",
                "http://u", Map.of(), null);
        assertEquals("Message\nbody\nline\nMessageId\nid-1\nSubject\nSubj\nTimestamp\n2024-01-01T00:00:00.000Z\nTopicArn\narn:t\n"
                + "Type\nNotification\n", Envelope.notificationStringToSign(n));
        Envelope.Notification noSubject = new Envelope.Notification("id-1", "arn:t", null, "m", "ts", "http://u", Map.of(), null);
        assertEquals("Message\nm\nMessageId\nid-1\nTimestamp\nts\nTopicArn\narn:t\nType\nNotification\n",
                Envelope.notificationStringToSign(noSubject));
    }

    @Test
    void confirmationStringToSignFollowsAws() {
        Envelope.Confirmation c = new Envelope.Confirmation("SubscriptionConfirmation", "id", "tok", "arn:t", "msg", "http://s", "ts");
        assertEquals("Message\nmsg\nMessageId\nid\nSubscribeURL\nhttp://s\nTimestamp\nts\nToken\ntok\nTopicArn\narn:t\n"
                + "Type\nSubscriptionConfirmation\n", Envelope.confirmationStringToSign(c));
    }

    @Test
    void documentsKeepAwsKeyOrder() throws Exception {
        Envelope.Notification n = new Envelope.Notification("id", "arn:t", "S", "m", "ts", "http://u",
                Map.of("a", new MessageAttributes.Attribute("Binary", null, new byte[] {1})), null);
        String json = Envelope.notification(n, "2", "http://cert", ECHO);
        assertEquals(List.of("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature",
                "SigningCertURL", "UnsubscribeURL", "MessageAttributes"), keys(json));
        assertEquals("sig(2)", new ObjectMapper().readTree(json).get("Signature").asText());
        assertEquals("AQ==", new ObjectMapper().readTree(json).at("/MessageAttributes/a/Value").asText());
        Envelope.Notification fifo = new Envelope.Notification("id", "arn:t.fifo", null, "m", "ts", "http://u", Map.of(), "0001");
        List<String> fifoKeys = keys(Envelope.notification(fifo, "1", "http://cert", ECHO));
        assertEquals(List.of("Type", "MessageId", "SequenceNumber", "TopicArn", "Message", "Timestamp", "UnsubscribeURL"), fifoKeys);
        assertFalse(fifoKeys.contains("Signature"));
        Envelope.Confirmation c = new Envelope.Confirmation("UnsubscribeConfirmation", "id", "tok", "arn:t", "msg", "http://s", "ts");
        assertEquals(List.of("Type", "MessageId", "Token", "TopicArn", "Message", "SubscribeURL", "Timestamp", "SignatureVersion",
                "Signature", "SigningCertURL"), keys(Envelope.confirmation(c, "1", "http://cert", ECHO)));
    }
}
