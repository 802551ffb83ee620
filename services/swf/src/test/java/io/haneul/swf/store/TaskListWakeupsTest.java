package io.haneul.swf.store;

import io.haneul.storage.Notifier;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a poll may skip its claim: a list known empty on one node, until a task is scheduled there. */
class TaskListWakeupsTest {

    /** A claim begun and ended finding the list empty, as a poll makes it. */
    private static void emptyClaim(TaskListWakeups w, String list) {
        long v = w.version(list);
        w.claimStarted(list);
        w.foundEmpty(list, v);
    }

    /** A claim begun and ended taking a task. */
    private static void takingClaim(TaskListWakeups w, String list) {
        w.claimStarted(list);
        w.tookTask(list);
    }

    @Test
    void aListFoundEmptyStaysKnownEmptyUntilATaskIsScheduledThere() {
        TaskListWakeups w = new TaskListWakeups(null, false);
        assertFalse(w.knownEmpty("list"), "nothing is known before a claim (tasks may be left from before a restart)");
        emptyClaim(w, "list");
        assertTrue(w.knownEmpty("list"));
        assertFalse(w.knownEmpty("other"));

        w.taskScheduled("list", 1);
        assertFalse(w.knownEmpty("list"), "a task scheduled since the empty claim must be claimed");
    }

    @Test
    void aCountedListIsEmptyAgainOnceEveryTaskAnnouncedWasTaken() {
        TaskListWakeups w = new TaskListWakeups(null, false);
        emptyClaim(w, "list");
        w.taskScheduled("list", 2);
        takingClaim(w, "list");
        assertFalse(w.knownEmpty("list"), "one of the two tasks still waits");
        takingClaim(w, "list");
        assertTrue(w.knownEmpty("list"), "a poller woken for a task another poller took parks without a claim");
    }

    @Test
    void aTaskTakenBeforeItsAnnouncementIsCountedUntilAClaimFindsTheListEmpty() {
        TaskListWakeups w = new TaskListWakeups(null, false);
        emptyClaim(w, "list");
        takingClaim(w, "list"); // committed and claimed before its scheduler announced it
        w.taskScheduled("list", 1);
        assertFalse(w.knownEmpty("list"), "the count errs upwards: a claim must look");
        emptyClaim(w, "list");
        assertTrue(w.knownEmpty("list"));
    }

    @Test
    void anEmptyClaimWhileAnotherClaimTakesATaskDoesNotHideTheNextTask() {
        TaskListWakeups w = new TaskListWakeups(null, false);
        emptyClaim(w, "list");
        w.taskScheduled("list", 1); // T1
        w.claimStarted("list"); // P2 claims T1 and has not counted it down yet
        long v = w.version("list");
        w.claimStarted("list"); // P1 claims after P2 took T1: nothing waits
        w.foundEmpty("list", v);
        w.taskScheduled("list", 1); // T2
        w.tookTask("list"); // P2 counts T1 down
        assertFalse(w.knownEmpty("list"), "T2 waits: a poll must claim it, not park");
    }

    @Test
    void anEmptyClaimCountsAgainOnceTheClaimsInFlightEnded() {
        TaskListWakeups w = new TaskListWakeups(null, false);
        w.claimStarted("list");
        emptyClaim(w, "list");
        assertFalse(w.knownEmpty("list"), "another claim was in flight");
        w.claimFailed("list");
        emptyClaim(w, "list");
        assertTrue(w.knownEmpty("list"));
    }

    @Test
    void anEmptyClaimThatRacedASchedulingDoesNotHideTheTask() {
        TaskListWakeups w = new TaskListWakeups(null, false);
        long seen = w.version("list");
        w.claimStarted("list");
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
        emptyClaim(w, "list");
        assertFalse(w.knownEmpty("list"));
    }
}
