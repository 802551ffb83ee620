package io.haneul.sns;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryLogTest {

    private final List<DeliveryLog.Attempt> heard = new ArrayList<>();
    private final DeliveryLog log = new DeliveryLog(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), heard::add);

    private void attempt(String topic, String sub, String account, int n) {
        log.record(account, topic, sub, "http", "http://h/", "m" + n, n, DeliveryLog.Outcome.DELIVERED, 200, null, 0);
    }

    @Test
    void newestFirstFilteredByTopicSubscriptionAndAccount() {
        attempt("t1", "t1:a", "111", 1);
        attempt("t1", "t1:b", "111", 2);
        attempt("t2", "t2:a", "222", 3);
        assertEquals(List.of("m3", "m2", "m1"), ids(log.list(null, null, null, 10)));
        assertEquals(List.of("m2", "m1"), ids(log.list("t1", null, null, 10)));
        assertEquals(List.of("m1"), ids(log.list("t1", "t1:a", null, 10)));
        assertEquals(List.of("m3"), ids(log.list(null, null, "222", 10)));
        assertEquals(List.of(), ids(log.list("t1", null, "222", 10)));
        assertEquals(List.of(), ids(log.list("t9", null, null, 10)));
        assertEquals(List.of("m3"), ids(log.list(null, null, null, 1)));
        assertEquals(3, heard.size(), "the listener hears every attempt");
        assertEquals(Instant.parse("2026-01-02T03:04:05Z").toEpochMilli(), heard.getFirst().time(), "stamped by the injected clock");
    }

    @Test
    void aTopicKeepsItsNewestAttemptsOnly() {
        for (int i = 1; i <= DeliveryLog.PER_TOPIC + 5; i++) {
            attempt("t", "t:s", "111", i);
        }
        List<DeliveryLog.Attempt> kept = log.list("t", null, null, Integer.MAX_VALUE);
        assertEquals(DeliveryLog.PER_TOPIC, kept.size());
        assertEquals("m" + (DeliveryLog.PER_TOPIC + 5), kept.getFirst().messageId());
        assertEquals("m6", kept.getLast().messageId());
    }

    @Test
    void theTopicsDeliveredToLeastRecentlyAreForgottenFirst() {
        for (int i = 0; i <= DeliveryLog.TOPICS; i++) {
            attempt("t" + i, "t" + i + ":s", "account" + i % 20, i);
        }
        assertTrue(log.list("t0", null, null, 10).isEmpty(), "the oldest topic is dropped beyond the bound");
        assertEquals(1, log.list("t" + DeliveryLog.TOPICS, null, null, 10).size());
        assertEquals(DeliveryLog.TOPICS, log.list(null, null, null, Integer.MAX_VALUE).size());
    }

    @Test
    void anAccountBeyondItsShareForgetsItsOwnOldestTopicNotAnothersAccounts() {
        attempt("other", "other:s", "222", 0);
        for (int i = 1; i <= DeliveryLog.TOPICS_PER_ACCOUNT + 1; i++) {
            attempt("t" + i, "t" + i + ":s", "111", i);
        }
        assertTrue(log.list("t1", null, null, 10).isEmpty(), "the account's least recent topic is dropped beyond its share");
        assertEquals(1, log.list("t2", null, null, 10).size());
        assertEquals(DeliveryLog.TOPICS_PER_ACCOUNT, log.list(null, null, "111", Integer.MAX_VALUE).size());
        assertEquals(List.of("m0"), ids(log.list("other", null, null, 10)), "another account's log is not touched");
        for (int i = 0; i < DeliveryLog.TOPICS_PER_ACCOUNT; i++) {
            attempt("other" + i, "other" + i + ":s", "222", i);
        }
        assertEquals(DeliveryLog.TOPICS_PER_ACCOUNT, log.list(null, null, "111", Integer.MAX_VALUE).size(),
                "the other account filling its own share leaves this one's alone");
    }

    @Test
    void anEndpointAndADetailAreKeptToTheirFirstCharacters() {
        String endpoint = "https://h.example/" + "p".repeat(100_000);
        String detail = "HTTP 500; " + "d".repeat(100_000);
        log.record("111", "t", "t:s", "https", endpoint, "m1", 1, DeliveryLog.Outcome.RETRYING, 500, detail, 1);
        DeliveryLog.Attempt kept = log.list("t", null, null, 1).getFirst();
        assertEquals(DeliveryLog.MAX_TEXT, kept.endpoint().length());
        assertEquals(endpoint.substring(0, DeliveryLog.MAX_TEXT - 1) + "…", kept.endpoint());
        assertEquals(detail.substring(0, DeliveryLog.MAX_TEXT - 1) + "…", kept.detail());
        assertEquals(kept, heard.getFirst(), "the live feed hears the kept attempt");
        assertEquals("http://h/", DeliveryLog.cut("http://h/"), "a short one is kept whole");
        assertEquals(null, DeliveryLog.cut(null));
    }

    private static List<String> ids(List<DeliveryLog.Attempt> attempts) {
        return attempts.stream().map(DeliveryLog.Attempt::messageId).toList();
    }
}
