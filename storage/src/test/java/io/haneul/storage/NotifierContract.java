package io.haneul.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link Notifier} as every implementation delivers it inside one process. */
abstract class NotifierContract extends StorageContract {

    @Test
    void subscribersOfAChannelHearItsPublicationsUntilTheyUnsubscribe() {
        Notifier notifier = db.notifier();
        assertSame(notifier, db.notifier());
        List<String> a = new CopyOnWriteArrayList<>();
        List<String> b = new CopyOnWriteArrayList<>();
        List<String> other = new CopyOnWriteArrayList<>();
        Notifier.Subscription subA = notifier.subscribe("queue:1", a::add);
        notifier.subscribe("queue:1", b::add);
        notifier.subscribe("queue:2", other::add);
        notifier.publish("queue:1", "m1");
        subA.close();
        notifier.publish("queue:1", "m2");
        assertEquals(List.of("m1"), a);
        assertEquals(List.of("m1", "m2"), b);
        assertEquals(List.of(), other);
    }

    @Test
    void aCoalescedPublicationReachesThisProcessBeforeThePublisherReturns() {
        List<String> heard = new CopyOnWriteArrayList<>();
        db.notifier().subscribe("queue:7", heard::add);
        db.notifier().publishCoalesced("queue:7", "7");
        db.notifier().publishCoalesced("queue:7", "7");
        assertEquals(List.of("7", "7"), heard, "local subscribers hear every publication, uncoalesced");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<String> heard = new CopyOnWriteArrayList<>();
        db.notifier().subscribe("c", p -> {
            throw new IllegalStateException("listener bug");
        });
        db.notifier().subscribe("c", heard::add);
        db.notifier().publish("c", "x");
        assertEquals(List.of("x"), heard);
    }
}
