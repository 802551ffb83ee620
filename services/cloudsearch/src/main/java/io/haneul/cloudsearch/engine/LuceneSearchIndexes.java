package io.haneul.cloudsearch.engine;

import io.haneul.cloudsearch.engine.document.BatchRejected;
import io.haneul.cloudsearch.engine.document.DocumentOp;
import io.haneul.cloudsearch.engine.document.UploadResult;
import io.haneul.cloudsearch.engine.index.CompiledSchema;
import io.haneul.cloudsearch.engine.index.DocumentMapper;
import io.haneul.cloudsearch.engine.index.DomainIndex;
import io.haneul.cloudsearch.engine.index.FieldsJson;
import io.haneul.cloudsearch.engine.search.SearchRequest;
import io.haneul.cloudsearch.engine.search.SearchResult;
import io.haneul.cloudsearch.engine.search.Searcher;
import io.haneul.cloudsearch.engine.suggest.DomainSuggesters;
import io.haneul.cloudsearch.engine.suggest.SuggestResult;
import org.apache.lucene.search.IndexSearcher;
import io.haneul.cloudsearch.engine.store.DocumentStore;
import io.haneul.cloudsearch.engine.store.StoredDocument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Lucene engine behind the domains: one index per domain under {@code <root>/<endpoint id>},
 * documents recorded in the database first ({@link DocumentStore}); a batch is acknowledged once
 * the database holds it and is applied to the index by one indexer thread afterwards, so that the
 * next batch's parsing and database write overlap this one's indexing (a bulk load runs at the
 * pace of the slower of the two, not their sum). A search first waits for every batch acknowledged
 * before it, so callers still read their own writes. An index built with
 * another schema than the domain's current one is rebuilt from the database before it is used;
 * with {@code followDatabase} (PostgreSQL, several nodes) every use first applies what other nodes
 * wrote since. Indexes commit in the background once settled (checked every {@code commitSeconds},
 * at least every 12 checks while changes keep coming); what a crash loses is replayed from the
 * database when the index is next opened.
 */
public final class LuceneSearchIndexes implements SearchIndexes, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LuceneSearchIndexes.class.getName());

    private final Path root;
    private final DocumentStore store;
    private final boolean followDatabase;
    private final DocumentMapper mapper = new DocumentMapper();
    private final Map<String, DomainIndex> open = new ConcurrentHashMap<>();
    private final Map<String, Map.Entry<DomainSchema, CompiledSchema>> compiled = new ConcurrentHashMap<>();
    private final Map<String, DomainSuggesters> suggesters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService committer;
    private final java.util.concurrent.ExecutorService indexer;
    /** Batches acknowledged and not yet indexed, bounded so that their memory is (about 4 × 5 MB). */
    private final java.util.concurrent.Semaphore queued = new java.util.concurrent.Semaphore(4);
    private final Clock clock;

    public LuceneSearchIndexes(Path root, DocumentStore store, boolean followDatabase, int commitSeconds, Clock clock) {
        this.root = root;
        this.clock = clock;
        this.store = store;
        this.followDatabase = followDatabase;
        this.committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cloudsearch-commit");
            t.setDaemon(true);
            return t;
        });
        committer.scheduleWithFixedDelay(this::commitAll, commitSeconds, commitSeconds, TimeUnit.SECONDS);
        this.indexer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cloudsearch-indexer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Applies a parsed batch: every operation is checked first, and one bad operation rejects the batch. */
    public UploadResult upload(DomainKey domain, DomainSchema schema, List<DocumentOp> ops) {
        CompiledSchema compiledSchema = compile(domain, schema);
        List<String> errors = new ArrayList<>();
        for (DocumentOp op : ops) {
            errors.addAll(mapper.validate(op, compiledSchema));
        }
        if (!errors.isEmpty()) {
            throw new BatchRejected(400, errors);
        }
        List<DocumentStore.Write> writes = new ArrayList<>(ops.size());
        List<Map<String, List<String>>> effective = new ArrayList<>(ops.size());
        int adds = 0;
        int deletes = 0;
        for (DocumentOp op : ops) {
            if (op instanceof DocumentOp.Add add) {
                Map<String, List<String>> fields = mapper.effectiveFields(add, compiledSchema);
                effective.add(fields);
                // the fields as sent are what is stored, unless the schema added to them (defaults, source fields)
                String body = fields == add.fields() && add.sent() != null ? add.sent() : FieldsJson.write(fields);
                writes.add(new DocumentStore.Write(add.id(), body));
                adds++;
            } else {
                effective.add(null);
                writes.add(new DocumentStore.Write(op.id(), null));
                deletes++;
            }
        }
        DomainIndex index = current(domain, compiledSchema);
        DocumentStore.Written written = store.write(domain.endpointId(), writes);
        long last = written.last();
        index.acknowledged(last);
        queued.acquireUninterruptibly();
        try {
            indexer.execute(() -> {
                try {
                    index(domain, index, compiledSchema, last, writes, effective, written.created());
                } finally {
                    queued.release();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            queued.release(); // the database holds the batch; the index replays it when next opened
        }
        return new UploadResult(adds, deletes, List.of());
    }

    /**
     * Applies an acknowledged batch (indexer thread); rows it finds missing before it come from the
     * database. A document whose row the batch created cannot be in the index: it is added without
     * the search for an older version that replacing costs (and a delete of it has nothing to do).
     */
    private void index(DomainKey domain, DomainIndex index, CompiledSchema schema, long last,
                       List<DocumentStore.Write> writes, List<Map<String, List<String>>> effective, boolean[] created) {
        if (open.get(domain.endpointId()) != index) {
            return; // deleted or closed meanwhile
        }
        index.lock().lock();
        try {
            if (last <= index.appliedSeq()) {
                return; // a catch-up or rebuild already read it from the database
            }
            if (index.appliedSeq() != last - writes.size() || index.schema() != schema) {
                catchUp(domain, index);
                return;
            }
            for (int i = 0; i < writes.size(); i++) {
                DocumentStore.Write w = writes.get(i);
                if (effective.get(i) == null) {
                    if (!created[i]) {
                        index.delete(w.id());
                    }
                } else if (created[i]) {
                    index.add(mapper.toLucene(w.id(), effective.get(i), w.body(), schema));
                } else {
                    index.put(w.id(), mapper.toLucene(w.id(), effective.get(i), w.body(), schema));
                }
            }
            index.applied(last, schema.fingerprint());
        } catch (RuntimeException e) {
            // the database holds the batch: the next search reads it from there instead of waiting
            index.markBehind();
            LOG.log(System.Logger.Level.WARNING, "CloudSearch: indexing a batch of domain " + domain.endpointId()
                    + " failed; the next search reads it from the database", e);
        } finally {
            index.lock().unlock();
        }
    }

    /** The domain's index with every batch acknowledged so far applied. */
    private DomainIndex upToDate(DomainKey domain, CompiledSchema schema) {
        DomainIndex index = current(domain, schema);
        if (index.behind() || !index.awaitAcknowledged(5_000)) {
            index.lock().lock();
            try {
                catchUp(domain, index);
            } finally {
                index.lock().unlock();
            }
        }
        return index;
    }

    /** A search on the domain's index as it is now (every acknowledged batch included). */
    public SearchResult search(DomainKey domain, DomainSchema schema, SearchRequest request) {
        CompiledSchema compiledSchema = compile(domain, schema);
        DomainIndex index = upToDate(domain, compiledSchema);
        IndexSearcher searcher = index.acquire();
        try {
            return Searcher.search(searcher, compiledSchema, request, clock.millis(), ThreadLocalRandom.current().nextDouble());
        } finally {
            index.release(searcher);
        }
    }

    /** Suggestions of one of the domain's suggesters for a prefix. */
    public SuggestResult suggest(DomainKey domain, DomainSchema schema, String suggester, String q, int size) {
        CompiledSchema compiledSchema = compile(domain, schema);
        DomainIndex index = upToDate(domain, compiledSchema);
        IndexSearcher searcher = index.acquire();
        try {
            return suggesters.computeIfAbsent(domain.endpointId(), id -> new DomainSuggesters())
                    .suggest(searcher, compiledSchema, index.generation(), suggester, q, size, clock.millis());
        } finally {
            index.release(searcher);
        }
    }

    /** Runs {@code work} with the domain's index up to date with its schema and the database. */
    public <T> T read(DomainKey domain, DomainSchema schema, Function<DomainIndex, T> work) {
        return work.apply(upToDate(domain, compile(domain, schema)));
    }

    /** The domain's schema compiled, reused while the schema is unchanged. */
    public CompiledSchema compile(DomainKey domain, DomainSchema schema) {
        Map.Entry<DomainSchema, CompiledSchema> c = compiled.get(domain.endpointId());
        if (c != null && c.getKey().equals(schema)) {
            return c.getValue();
        }
        CompiledSchema fresh = new CompiledSchema(schema);
        compiled.put(domain.endpointId(), Map.entry(schema, fresh));
        return fresh;
    }

    private DomainIndex current(DomainKey domain, CompiledSchema schema) {
        DomainIndex index = open.computeIfAbsent(domain.endpointId(), id -> DomainIndex.open(root.resolve(id)));
        // a first use after opening replays what the last commit missed; a new schema rebuilds
        if (index.schema() != schema || !schema.fingerprint().equals(index.fingerprint()) || followDatabase) {
            index.lock().lock();
            try {
                index.useSchema(schema);
                if (!schema.fingerprint().equals(index.fingerprint())) {
                    rebuild(domain, index, schema);
                } else {
                    catchUp(domain, index);
                }
            } finally {
                index.lock().unlock();
            }
        }
        return index;
    }

    /** Applies rows other writers (a crash's lost tail, other nodes) added after what the index has. Lock held. */
    private void catchUp(DomainKey domain, DomainIndex index) {
        long[] last = {index.appliedSeq()};
        CompiledSchema schema = index.schema();
        store.changesSince(domain.endpointId(), index.appliedSeq(), row -> {
            apply(index, row, schema);
            last[0] = row.seq();
        });
        if (last[0] != index.appliedSeq()) {
            index.applied(last[0], schema.fingerprint());
        }
    }

    private void rebuild(DomainKey domain, DomainIndex index, CompiledSchema schema) {
        index.commitLock().lock(); // no background commit of the index half rebuilt
        try {
            long seq = store.lastSeq(domain.endpointId());
            index.deleteAll();
            store.all(domain.endpointId(), row -> apply(index, row, schema));
            index.applied(seq, schema.fingerprint());
            catchUp(domain, index);
            index.commit();
        } finally {
            index.commitLock().unlock();
        }
    }

    private void apply(DomainIndex index, StoredDocument row, CompiledSchema schema) {
        if (row.body() == null) {
            index.delete(row.id());
        } else {
            index.put(row.id(), mapper.toLucene(row.id(), FieldsJson.read(row.body()), row.body(), schema));
        }
    }

    @Override
    public List<String> indexDocuments(DomainKey domain, DomainSchema schema) {
        CompiledSchema compiledSchema = compile(domain, schema);
        DomainIndex index = open.computeIfAbsent(domain.endpointId(), id -> DomainIndex.open(root.resolve(id)));
        index.lock().lock();
        try {
            index.useSchema(compiledSchema);
            rebuild(domain, index, compiledSchema);
        } finally {
            index.lock().unlock();
        }
        return schema.fields().stream().map(f -> f.indexFieldName()).sorted().toList();
    }

    @Override
    public void buildSuggesters(DomainKey domain, DomainSchema schema) {
        DomainSuggesters s = suggesters.get(domain.endpointId());
        if (s != null) {
            s.invalidate();
        }
        read(domain, schema, index -> null);
    }

    @Override
    public void deleteDomain(DomainKey domain) {
        DomainIndex index = open.remove(domain.endpointId());
        compiled.remove(domain.endpointId());
        suggesters.remove(domain.endpointId());
        if (index != null) {
            index.discard();
        }
        store.deleteDomain(domain.endpointId());
        deleteTree(root.resolve(domain.endpointId()));
    }

    /** How many documents the domain holds (DescribeDomains' SearchableDocuments... where asked). */
    public long documentCount(DomainKey domain) {
        return store.count(domain.endpointId());
    }

    /** Ticks of the committer an index that keeps changing may go without a commit (a minute at the default 5 s). */
    private static final int MAX_COMMITS_PUT_OFF = 11;

    private void commitAll() {
        for (DomainIndex index : open.values()) {
            try {
                index.commitWhenSettled(MAX_COMMITS_PUT_OFF);
            } catch (RuntimeException e) {
                // the database still holds every change; the next commit or a replay covers it
            }
        }
    }

    @Override
    public void close() {
        committer.shutdownNow();
        indexer.shutdown();
        try {
            indexer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (DomainIndex index : open.values()) {
            index.close();
        }
        open.clear();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
