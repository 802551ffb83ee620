package io.haneul.sagemaker.hosting;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The deployments loaded on this node, one per endpoint. An endpoint's stored row says which
 * configuration is current (its {@link Deployment#stamp}); a node that finds another one here (after a
 * restart, or an update made on another node) loads the current one under the endpoint's lock, so
 * one load serves all the requests waiting for it. The node that deploys swaps the stored row and the
 * loaded deployment under the same lock.
 */
final class Deployments implements AutoCloseable {

    /** An endpoint. */
    record Key(String account, String region, String name) {
    }

    /** Loads the current deployment of an endpoint. */
    @FunctionalInterface
    interface Loader {
        Deployment load() throws ModelArtifacts.LoadFailure;
    }

    private final Map<Key, Deployment> live = new ConcurrentHashMap<>();
    private final Map<Key, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** The current deployment with a hold taken; release it when done. */
    Deployment acquire(Key key, String stamp, Loader loader) throws ModelArtifacts.LoadFailure {
        while (true) {
            Deployment d = live.get(key);
            if (d == null || !d.stamp().equals(stamp)) {
                ReentrantLock lock = lock(key);
                lock.lock();
                try {
                    d = live.get(key);
                    if (d == null || !d.stamp().equals(stamp)) {
                        d = loader.load();
                        install(key, d);
                    }
                } finally {
                    lock.unlock();
                }
            }
            if (d.acquire()) {
                return d;
            }
        }
    }

    /** Makes {@code next} current: {@code commit} (the stored row's swap) runs first, under the endpoint's lock. */
    void swap(Key key, Deployment next, Runnable commit) {
        ReentrantLock lock = lock(key);
        lock.lock();
        try {
            commit.run();
            install(key, next);
        } finally {
            lock.unlock();
        }
    }

    /** Whether this node holds the deployment of that stamp now. */
    boolean holds(Key key, String stamp) {
        Deployment d = live.get(key);
        return d != null && d.stamp().equals(stamp);
    }

    void remove(Key key) {
        Deployment old = live.remove(key);
        if (old != null) {
            old.retire();
        }
    }

    private void install(Key key, Deployment d) {
        Deployment old = live.put(key, d);
        if (old != null && old != d) {
            old.retire();
        }
    }

    private ReentrantLock lock(Key key) {
        return locks.computeIfAbsent(key, k -> new ReentrantLock());
    }

    @Override
    public void close() {
        live.values().forEach(Deployment::retire);
        live.clear();
    }
}
