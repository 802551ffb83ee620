package io.haneul.swf.store;

import io.haneul.storage.Notifier;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a poll may skip its claim: a list known empty on one node, until a task is scheduled there. */
class TaskListWakeupsTest {

    @Test
    void aListFoundEmptyStaysKnownEmptyUntilATaskIsScheduledThere() {
        TaskListWakeups w = new TaskListWakeups(null, false);
        long v = w.version("list");
        assertFalse(w.knownEmpty("list"), "nothing is known before a claim (tasks may be left from before a restart)");
        w.foundEmpty("list", v);
        assertTrue(w.knownEmpty("list"));
        assertFalse(w.knownEmpty("other"));

        w.taskScheduled("list", 1);
        assertFalse(w.knownEmpty("list"), "a task scheduled since the empty claim must be claimed");
    }

    @Test
    void aCountedListIsEmptyAgainOnceEveryTaskAnnouncedWasTaken() {
        TaskListWakeups w = new TaskListWakeups(null, false);
        w.foundEmpty("list", w.version("list"));
        w.taskScheduled("list", 2);
        w.tookTask("list");
        assertFalse(w.knownEmpty("list"), "one of the two tasks still waits");
        w.tookTask("list");
        assertTrue(w.knownEmpty("list"), "a poller woken for a task another poller took parks without a claim");
    }

    @Test
    void aTaskTakenBeforeItsAnnouncementIsCountedUntilAClaimFindsTheListEmpty() {
        TaskListWakeups w = new TaskListWakeups(null, false);
        w.foundEmpty("list", w.version("list"));
        w.tookTask("list"); // committed and claimed before its scheduler announced it
        w.taskScheduled("list", 1);
        assertFalse(w.knownEmpty("list"), "the count errs upwards: a claim must look");
        long v = w.version("list");
        w.foundEmpty("list", v);
        assertTrue(w.knownEmpty("list"));
    }

    @Test
    void anEmptyClaimThatRacedASchedulingDoesNotHideTheTask() {
        TaskListWakeups w = new TaskListWakeups(null, false);
        long seen = w.version("list");
        w.taskScheduled("list", 1); // committed after the claim read the list
        w.foundEmpty("list", seen);
        assertFalse(w.knownEmpty("list"));
    }

    @Test
    void nodesSharingTheDatabaseAlwaysClaim() {
        TaskListWakeups w = new TaskListWakeups(new Notifier() {
            @Override
            public void publish(String channel, String payload) {
            }

            @Override
            public Subscription subscribe(String channel, Consumer<String> listener) {
                return () -> { };
            }

            @Override
            public void close() {
            }
        }, true);
        long v = w.version("list");
        w.foundEmpty("list", v);
        assertFalse(w.knownEmpty("list"));
    }
}
