package io.haneul.swf.store;

import io.haneul.swf.domain.ExecutionState;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last written version of recently changed runs, kept in memory so that a transaction loads a
 * run without parsing its stored state and a decision poll reads its history without parsing stored
 * events (what Temporal and Cadence call the mutable-state cache). When this process is the
 * database's one writer (SQLite) an entry is trusted as it is: no query at all. When nodes share the
 * database (PostgreSQL) an entry is used only while the row still has the entry's version (the store
 * reads the version with the row's lock, and the state only when it differs), since another node may
 * have changed the run.
 *
 * <p>An entry is a snapshot nobody changes: the run's columns, a copy of its state taken at the write
 * and its events (as long as the history is short enough to keep). Transactions take their own
 * mutable copy of the state ({@link ExecutionState#copy}, no JSON parse) and hand back the new snapshot
 * as the last step of their work, so the next transaction (on SQLite, the next one of the same
 * group commit) sees exactly what the store holds; a transaction that fails hands back nothing,
 * and an entry handed back by one whose commit then failed has a version no committed row has.
 * A history is kept only while each transaction continued the entry it started from (a transaction
 * that read the run from the store, or whose entry was replaced meanwhile, drops it), and events
 * never change once written, so a kept history is always a prefix of the stored one. Bounded by runs
 * and by the events they hold together (a run's history may be 2,000 events long, so a count of runs
 * alone would let the cache reach gigabytes): the oldest entries go first and are read from the store
 * when needed again. Only open runs are kept: a closed run is rarely read again, and a cache full of
 * finished workflows only grows the heap of a server that runs many of them (the memory soak showed
 * it).
 */
final class RunCache {

    /** Histories longer than this are read from the store. */
    static final int MAX_EVENTS = 2000;
    /** The most events all kept histories hold together (a few tens of MiB). */
    static final int MAX_CACHED_EVENTS = 100_000;

    /** One run as last committed; {@code events} is null when not kept (read them from the store). */
    record Snapshot(String runId, String account, String region, String domain, String workflowId, String typeName,
                    String typeVersion, List<String> tags, boolean open, String closeStatus, long startedAt, Long closedAt,
                    long nextEventId, long version, ExecutionState state, List<HistoryEvent> events) {
    }

    private final int capacity;
    private final int maxCachedEvents;
    private final LinkedHashMap<String, Snapshot> runs = new LinkedHashMap<>(256, 0.75f, false);
    private long cachedEvents;

    RunCache(int capacity) {
        this(capacity, MAX_CACHED_EVENTS);
    }

    /** @param maxCachedEvents the most events the kept histories may hold together */
    RunCache(int capacity, int maxCachedEvents) {
        this.capacity = capacity;
        this.maxCachedEvents = maxCachedEvents;
    }

    synchronized Snapshot get(String runId) {
        return runs.get(runId);
    }

    /**
     * Records the version of a run its transaction wrote; {@code added} are the events appended by
     * the transaction, {@code fresh} says the run was created by it (its history starts empty) and
     * {@code loadedVersion} is the row version the transaction started from: the kept history goes
     * on only when that is the kept entry's.
     */
    synchronized void put(ExecutionRecord e, List<HistoryEvent> added, boolean fresh, long loadedVersion) {
        Snapshot before = take(e.runId);
        if (!e.open) {
            return;
        }
        List<HistoryEvent> events = null;
        List<HistoryEvent> known = fresh ? List.of() : before == null || before.version() != loadedVersion ? null : before.events();
        if (known != null && known.size() + added.size() <= MAX_EVENTS) {
            List<HistoryEvent> all = new ArrayList<>(known.size() + added.size());
            all.addAll(known);
            all.addAll(added);
            events = List.copyOf(all);
        }
        runs.put(e.runId, new Snapshot(e.runId, e.account, e.region, e.domain, e.workflowId, e.typeName, e.typeVersion,
                e.tags == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(e.tags)), e.open, e.closeStatus, e.startedAt, e.closedAt, e.nextEventId, e.version, e.state.copy(), events));
        cachedEvents += size(events);
        Iterator<Map.Entry<String, Snapshot>> oldest = runs.entrySet().iterator();
        while (runs.size() > capacity || cachedEvents > maxCachedEvents) {
            cachedEvents -= size(oldest.next().getValue().events());
            oldest.remove();
        }
    }

    /**
     * The kept events of the run with ids up to {@code lastEventId}, or null when they must be read
     * from the store: no history kept, too short a one, or (when {@code version} is given) an entry
     * of another version than the run read: an entry is put before its commit, so one whose commit
     * failed holds events no committed history has.
     *
     * @param version the version of the run the caller read, or null to trust the entry (one writer)
     */
    synchronized List<HistoryEvent> events(String runId, Long version, long lastEventId) {
        Snapshot kept = runs.get(runId);
        if (kept == null || kept.events() == null || kept.events().size() < lastEventId
                || version != null && kept.version() != version) {
            return null;
        }
        // events never change once written: a kept history holding the ids asked for is their stored text
        return kept.events().subList(0, (int) Math.max(0, lastEventId));
    }

    synchronized void remove(String runId) {
        take(runId);
    }

    synchronized void clear() {
        runs.clear();
        cachedEvents = 0;
    }

    /** How many runs are kept (for tests). */
    synchronized int size() {
        return runs.size();
    }

    private Snapshot take(String runId) {
        Snapshot s = runs.remove(runId);
        if (s != null) {
            cachedEvents -= size(s.events());
        }
        return s;
    }

    private static int size(List<HistoryEvent> events) {
        return events == null ? 0 : events.size();
    }
}
