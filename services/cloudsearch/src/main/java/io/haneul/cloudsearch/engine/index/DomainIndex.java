package io.haneul.cloudsearch.engine.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One domain's Lucene index on this node: a writer, a near-real-time searcher refreshed when it is
 * next acquired after a change (so an acknowledged batch is searchable at once, while a bulk load of
 * many batches with no search between them opens no reader and flushes no tiny segment per batch),
 * the database sequence number it has applied and the schema fingerprint it was built with
 * (both kept in Lucene's commit data, so a restarted node knows what to replay). Commits are lazy
 * ({@link #commitWhenSettled}): what a crash loses is replayed from the database.
 */
public final class DomainIndex implements AutoCloseable {

    private static final String SEQ = "seq";
    private static final String FINGERPRINT = "fingerprint";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile CompiledSchema schema;
    private volatile long appliedSeq;
    private volatile String fingerprint;
    private volatile boolean dirty;
    /** The {@link #generation} the current reader was opened after; below it, a search reopens first. */
    private volatile long searchableGeneration;
    private final ReentrantLock refreshLock = new ReentrantLock();
    /** Held by a commit and by a rebuild, so that no commit saves a half-rebuilt index under the old sequence number. */
    private final ReentrantLock commitLock = new ReentrantLock();
    private volatile boolean behind;
    private final java.util.concurrent.atomic.AtomicLong acknowledged = new java.util.concurrent.atomic.AtomicLong();
    private final Object appliedSignal = new Object();
    private volatile long generation;
    /** The {@link #generation} the periodic committer saw last, and how many of its ticks in a row found the index changing. */
    private long generationAtLastTick;
    private int commitsPutOff;

    private DomainIndex(Directory directory, IndexWriter writer, long appliedSeq, String fingerprint) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.appliedSeq = appliedSeq;
        this.fingerprint = fingerprint;
    }

    public static DomainIndex open(Path path) {
        try {
            Directory dir = FSDirectory.open(path);
            DomainIndex[] holder = new DomainIndex[1];
            Analyzer analyzer = new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
                @Override
                protected Analyzer getWrappedAnalyzer(String fieldName) {
                    return holder[0].schema.indexAnalyzer();
                }
            };
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64);
            IndexWriter writer = new IndexWriter(dir, config);
            Map<String, String> data = new HashMap<>();
            if (DirectoryReader.indexExists(dir)) {
                writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
            }
            holder[0] = new DomainIndex(dir, writer, Long.parseLong(data.getOrDefault(SEQ, "0")), data.getOrDefault(FINGERPRINT, ""));
            return holder[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Held while the index is changed or brought up to date, so that changes apply in sequence order. */
    public ReentrantLock lock() {
        return lock;
    }

    public CompiledSchema schema() {
        return schema;
    }

    public void useSchema(CompiledSchema schema) {
        this.schema = schema;
    }

    public long appliedSeq() {
        return appliedSeq;
    }

    /** The fingerprint of the schema the indexed documents were analyzed with ({@link CompiledSchema#fingerprint}). */
    public String fingerprint() {
        return fingerprint;
    }

    /** Bumped on every change, so caches built from the index (suggesters) know when they are stale. */
    public long generation() {
        return generation;
    }

    /** Adds a document known not to be in the index (its id was never stored before): no older version is looked for. */
    public void add(Document doc) {
        try {
            writer.addDocument(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces the document with this id. */
    public void put(String id, Document doc) {
        try {
            writer.updateDocument(new Term(Names.ID, id), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String id) {
        try {
            writer.deleteDocuments(new Term(Names.ID, id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteAll() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Marks changes up to {@code seq} (built with {@code fingerprint}) applied; the next {@link #acquire}
     * makes them searchable. The generation moves before the sequence number, so a search that sees
     * the sequence number (its wait is over) also sees that the reader must be reopened.
     */
    public void applied(long seq, String fingerprint) {
        this.generation++;
        this.fingerprint = fingerprint;
        this.appliedSeq = seq;
        this.dirty = true;
        this.behind = false;
        synchronized (appliedSignal) {
            appliedSignal.notifyAll();
        }
    }

    /** Marks the index as missing an acknowledged batch (its indexing failed): the next search reads it from the database. */
    public void markBehind() {
        behind = true;
    }

    public boolean behind() {
        return behind;
    }

    /** Held around a rebuild (see {@link #commit}). */
    public ReentrantLock commitLock() {
        return commitLock;
    }

    /** Records that the database holds this domain's rows up to {@code seq} and the caller was told so. */
    public void acknowledged(long seq) {
        acknowledged.accumulateAndGet(seq, Math::max);
    }

    /**
     * Waits until every batch acknowledged before this call is applied (the indexer applies them
     * after the answer), so a search sees what its caller was told is stored. False when
     * {@code millis} passed first: the caller then applies what is missing from the database itself.
     */
    public boolean awaitAcknowledged(long millis) {
        long target = acknowledged.get();
        if (appliedSeq >= target) {
            return true;
        }
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (appliedSignal) {
            while (appliedSeq < target) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                try {
                    appliedSignal.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Opens a new near-real-time reader when changes were applied since the last one. Searches that
     * arrive while one reopens wait for it (the lock) rather than take the old reader.
     */
    public void refreshIfStale() {
        long wanted = generation;
        if (searchableGeneration >= wanted) {
            return;
        }
        refreshLock.lock();
        try {
            if (searchableGeneration >= wanted) {
                return;
            }
            long reached = generation; // every write before this generation moved is in the writer
            searchers.maybeRefreshBlocking();
            searchableGeneration = reached;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            refreshLock.unlock();
        }
    }

    /** A searcher that sees every change applied before this call. */
    public IndexSearcher acquire() {
        refreshIfStale();
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the index durable with the sequence number and fingerprint it holds, when it changed since
     * the last commit. Indexing goes on meanwhile (Lucene commits concurrently): a commit that also
     * holds changes after {@code seq} is harmless, since a replay from {@code seq} applies those rows
     * again in order (adds replace, deletes repeat). A rebuild holds {@link #commitLock} from its
     * deleteAll to its own commit, so no commit records a partly rebuilt index.
     */
    public void commit() {
        if (!dirty) {
            return;
        }
        commitLock.lock();
        try {
            dirty = false;
            writer.setLiveCommitData(Map.of(SEQ, Long.toString(appliedSeq), FINGERPRINT, fingerprint).entrySet());
            writer.commit();
        } catch (IOException e) {
            dirty = true;
            throw new UncheckedIOException(e);
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * The periodic committer's tick: commits once the index has settled (nothing applied since the
     * previous tick), or after {@code maxPutOff} ticks in a row that found it changing. A bulk load
     * then flushes segments as large as the writer's RAM buffer allows instead of one small segment
     * per tick, which merges would have to rewrite; what is not committed yet is in the database,
     * and a restart replays it.
     */
    public synchronized void commitWhenSettled(int maxPutOff) {
        long seen = generation;
        boolean changing = seen != generationAtLastTick;
        generationAtLastTick = seen;
        if (changing && dirty && commitsPutOff < maxPutOff) {
            commitsPutOff++;
            return;
        }
        commitsPutOff = 0;
        commit();
    }

    @Override
    public void close() {
        try {
            commit();
        } finally {
            try {
                searchers.close();
                writer.close();
                directory.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Closes without committing, for an index about to be deleted. */
    public void discard() {
        try {
            searchers.close();
            writer.rollback();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
