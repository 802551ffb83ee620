package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.hosting.domain.HostingException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A multi-model endpoint's variant ({@code PrimaryContainer.Mode: MultiModel}): each request names a model by its key
 * relative to the container's S3 prefix ({@code TargetModel}); the first request for a model loads it (the requests for
 * the same model wait for that one load, the others go on), later ones reuse it. At most {@code capacity} models stay
 * loaded: loading one more unloads the least recently used, once the requests using it are done (capacity 0, AWS's
 * {@code ModelCacheSetting: Disabled}, loads the model for each request). A model that is not under the prefix answers
 * ValidationError; one that cannot be loaded, ModelError.
 */
final class MultiModels implements VariantModel {

    /** Loads the model with that relative key. */
    @FunctionalInterface
    interface Loader {
        Predictor load(String targetModel) throws ModelArtifacts.LoadFailure;
    }

    /** A model of the cache: loaded once under {@code loading}; holders and eviction guarded by the cache. */
    private static final class Slot {
        final ReentrantLock loading = new ReentrantLock();
        volatile Predictor predictor;
        int holders;
        boolean evicted;
    }

    private final int capacity;
    private final Loader loader;
    /** In access order: the first loaded slot is the least recently used. */
    private final LinkedHashMap<String, Slot> slots = new LinkedHashMap<>(16, 0.75f, true);

    MultiModels(int capacity, Loader loader) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.loader = loader;
    }

    @Override
    public Lease lease(String endpoint, Target target) throws AlgorithmException {
        if (target.containerHostname() != null) {
            throw VariantModel.notDirect(endpoint);
        }
        String name = target.model();
        if (name == null || name.isEmpty()) {
            throw HostingException.validationError("Endpoint " + endpoint
                    + " is a multi-model endpoint: the request must name a model with the target model header.");
        }
        Slot slot;
        synchronized (this) {
            slot = slots.computeIfAbsent(name, n -> new Slot());
            slot.holders++;
        }
        Predictor predictor;
        try {
            predictor = loaded(name, slot);
        } catch (ModelArtifacts.LoadFailure e) {
            giveUp(name, slot);
            if (e.missingData()) {
                throw HostingException.validationError(e.getMessage());
            }
            throw AlgorithmException.internal(e.getMessage());
        } catch (RuntimeException | Error e) {
            giveUp(name, slot);
            throw e;
        }
        return new Lease(predictor, () -> release(slot));
    }

    private Predictor loaded(String name, Slot slot) throws ModelArtifacts.LoadFailure {
        slot.loading.lock();
        try {
            if (slot.predictor == null) {
                slot.predictor = loader.load(name);
                evictBeyondCapacity();
            }
            return slot.predictor;
        } finally {
            slot.loading.unlock();
        }
    }

    /** A load failed: the slot goes unless another request is about to try the load again. */
    private synchronized void giveUp(String name, Slot slot) {
        slot.holders--;
        if (slot.holders == 0 && slot.predictor == null) {
            slots.remove(name, slot);
        }
    }

    private void release(Slot slot) {
        boolean close;
        synchronized (this) {
            slot.holders--;
            close = slot.evicted && slot.holders == 0;
        }
        if (close) {
            slot.predictor.close();
        }
    }

    private void evictBeyondCapacity() {
        List<Predictor> unused = new ArrayList<>();
        synchronized (this) {
            long loaded = slots.values().stream().filter(s -> s.predictor != null).count();
            Iterator<Map.Entry<String, Slot>> it = slots.entrySet().iterator();
            while (loaded > capacity && it.hasNext()) {
                Slot s = it.next().getValue();
                if (s.predictor == null) {
                    continue;
                }
                it.remove();
                loaded--;
                s.evicted = true;
                if (s.holders == 0) {
                    unused.add(s.predictor);
                }
            }
        }
        Closing.all(unused);
    }

    /** The relative keys of the models loaded now, least recently used first. */
    synchronized List<String> loaded() {
        return slots.entrySet().stream().filter(e -> e.getValue().predictor != null).map(Map.Entry::getKey).toList();
    }

    @Override
    public void close() {
        List<Predictor> all = new ArrayList<>();
        synchronized (this) {
            slots.values().stream().filter(s -> s.predictor != null).forEach(s -> all.add(s.predictor));
            slots.clear();
        }
        Closing.all(all);
    }
}
