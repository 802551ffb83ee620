package io.haneul.swf.store;

import io.haneul.swf.domain.ExecutionState;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class RunCacheTest {

    private static ExecutionRecord run(String runId, long nextEventId) {
        return new ExecutionRecord(runId, "acct", "us-east-1", "d", "wf", "t", "1", List.of("tag"), true, null, 1L, null,
                nextEventId, new ExecutionState());
    }

    /** Hands the cache a transaction's run as the store does: from the kept entry's version (0: read from the store) to a new one. */
    private static void commit(RunCache cache, ExecutionRecord e, List<HistoryEvent> added, boolean fresh) {
        RunCache.Snapshot kept = cache.get(e.runId);
        long loaded = fresh || kept == null ? 0 : kept.version();
        e.version = loaded + 1;
        cache.put(e, added, fresh, loaded);
    }

    private static List<HistoryEvent> events(long from, long to) {
        List<HistoryEvent> out = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            out.add(HistoryEvent.builder().eventId(id).eventType(EventType.MARKER_RECORDED).build());
        }
        return out;
    }

    @Test
    void aFreshRunKeepsItsWholeHistoryAsTransactionsAppend() {
        RunCache cache = new RunCache(10);
        commit(cache, run("r", 3), events(1, 2), true);
        ExecutionRecord changed = run("r", 5);
        changed.state.taskList = "x";
        commit(cache, changed, events(3, 4), false);
        changed.state.taskList = "changed after commit";
        RunCache.Snapshot s = cache.get("r");
        assertEquals(List.of(1L, 2L, 3L, 4L), s.events().stream().map(HistoryEvent::eventId).toList());
        assertEquals("x", s.state().taskList);
        assertEquals(5, s.nextEventId());
    }

    @Test
    void aRunLoadedFromTheStoreHasNoHistoryInMemory() {
        RunCache cache = new RunCache(10);
        commit(cache, run("r", 10), events(9, 9), false);
        assertNotNull(cache.get("r"));
        assertNull(cache.get("r").events(), "events 1..8 were never seen: the history must be read from the store");
    }

    @Test
    void aLongHistoryIsLeftToTheStore() {
        RunCache cache = new RunCache(10);
        commit(cache, run("r", RunCache.MAX_EVENTS + 2), events(1, RunCache.MAX_EVENTS + 1), true);
        assertNull(cache.get("r").events());
    }

    @Test
    void theOldestRunGoesWhenFull() {
        RunCache cache = new RunCache(2);
        commit(cache, run("a", 1), List.of(), true);
        commit(cache, run("b", 1), List.of(), true);
        commit(cache, run("a", 2), events(1, 1), false);
        commit(cache, run("c", 1), List.of(), true);
        assertNull(cache.get("b"), "b was written least recently");
        assertNotNull(cache.get("a"));
        assertNotNull(cache.get("c"));
    }

    @Test
    void aClosedRunIsNotKept() {
        RunCache cache = new RunCache(10);
        commit(cache, run("r", 3), events(1, 2), true);
        ExecutionRecord closed = run("r", 4);
        closed.open = false;
        commit(cache, closed, events(3, 3), false);
        assertNull(cache.get("r"), "a closed run is read from the store");
        assertEquals(0, cache.size());
    }

    @Test
    void theKeptHistoriesTogetherStayUnderTheirEventBudget() {
        RunCache cache = new RunCache(100, 10);
        commit(cache, run("a", 5), events(1, 4), true);
        commit(cache, run("b", 5), events(1, 4), true);
        commit(cache, run("c", 5), events(1, 4), true);
        assertNull(cache.get("a"), "12 events are over the budget of 10: the oldest run goes");
        assertNotNull(cache.get("b"));
        assertNotNull(cache.get("c"));
        commit(cache, run("b", 6), events(5, 5), false);
        assertNotNull(cache.get("c"), "b grew to 5 events: 9 with c's 4 fit the budget");
        commit(cache, run("d", 5), events(1, 4), true);
        assertNull(cache.get("c"), "13 events: c, written before b's last change, goes");
        assertNotNull(cache.get("b"));
        assertNotNull(cache.get("d"));
    }

    @Test
    void aTransactionThatDidNotStartFromTheKeptEntryDropsItsHistory() {
        RunCache cache = new RunCache(10);
        commit(cache, run("r", 3), events(1, 2), true);
        long kept = cache.get("r").version();
        ExecutionRecord fromTheStore = run("r", 6);
        fromTheStore.version = 42;
        cache.put(fromTheStore, events(5, 5), false, kept + 7);
        assertNull(cache.get("r").events(), "events 3..4 were written elsewhere (another node, or a retry): read them from the store");
        assertEquals(42, cache.get("r").version());
    }

    @Test
    void aKeptHistoryIsReadOnlyAsOfTheVersionOfTheRunRead() {
        RunCache cache = new RunCache(10);
        commit(cache, run("r", 3), events(1, 2), true);
        ExecutionRecord uncommitted = run("r", 5);
        commit(cache, uncommitted, events(3, 4), false); // kept before a commit that then failed
        long committed = uncommitted.version - 1;
        assertNull(cache.events("r", committed, 2), "the entry is of a version the run read does not have: read the store");
        assertEquals(List.of(1L, 2L), cache.events("r", uncommitted.version, 2).stream().map(HistoryEvent::eventId).toList());
        assertEquals(List.of(1L, 2L, 3L), cache.events("r", null, 3).stream().map(HistoryEvent::eventId).toList(),
                "one writer: the entry is trusted");
        assertNull(cache.events("r", null, 5), "a history shorter than asked is read from the store");
    }
}
