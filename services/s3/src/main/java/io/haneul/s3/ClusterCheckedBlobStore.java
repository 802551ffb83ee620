package io.haneul.s3;

import io.haneul.core.auth.ChecksumAlgorithm;
import io.haneul.s3.store.BlobStore;
import io.haneul.s3.store.Segment;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;

/**
 * The node's blob store, which records (on PostgreSQL) before its first write on this node that
 * this is the cluster's blob store, or refuses the write when the nodes sharing the database
 * recorded another one (see {@link BlobStoreCheck}). Recording at the first write rather than at
 * start leaves clusters that never store an object free of the rule.
 */
final class ClusterCheckedBlobStore implements BlobStore {

    private final BlobStore delegate;
    private final Runnable recordOrRefuse;
    private volatile boolean recorded;

    ClusterCheckedBlobStore(BlobStore delegate, Runnable recordOrRefuse) {
        this.delegate = delegate;
        this.recordOrRefuse = recordOrRefuse;
    }

    private void checkOnce() {
        if (!recorded) {
            synchronized (this) {
                if (!recorded) {
                    recordOrRefuse.run();
                    recorded = true;
                }
            }
        }
    }

    @Override
    public Stored write(InputStream in, Collection<ChecksumAlgorithm> algorithms, long maxSize) throws IOException {
        checkOnce();
        return delegate.write(in, algorithms, maxSize);
    }

    @Override
    public String duplicate(String blob) throws IOException {
        checkOnce();
        return delegate.duplicate(blob);
    }

    @Override
    public InputStream open(List<Segment> segments, long offset, long length) throws IOException {
        return delegate.open(segments, offset, length);
    }

    @Override
    public void delete(Collection<String> ids) {
        delegate.delete(ids);
    }
}
