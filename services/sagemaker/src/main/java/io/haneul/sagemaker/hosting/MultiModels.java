package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.hosting.domain.HostingException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A multi-model endpoint's variant ({@code PrimaryContainer.Mode: MultiModel}): each request names a model by its key
 * relative to the container's S3 prefix ({@code TargetModel}, a leading {@code /} ignored); the first request for a model
 * starts its load (the requests for the same model wait for that one load, the others go on), later ones reuse it. At most
 * {@code parallelLoads} models load at once. A request waits {@code loadWait} for its model; past that it answers AWS's
 * ModelNotReadyException while the load goes on, so that a retry finds the model loaded. At most {@code capacity} models stay
 * loaded: a load that makes one too many unloads the least recently used idle model (one in use only when all are in use,
 * closed once the requests using it are done); capacity 0, AWS's {@code ModelCacheSetting: Disabled}, loads the model for
 * each request. A model that is not under the prefix answers ValidationError; one that cannot be loaded, ModelError.
 */
final class MultiModels implements VariantModel {

    /** Loads the model with that relative key. */
    @FunctionalInterface
    interface Loader {
        Predictor load(String targetModel) throws ModelArtifacts.LoadFailure;
    }

    /** A model of the cache: its load's outcome; predictor, holders and eviction guarded by the cache. */
    private static final class Slot {
        final CompletableFuture<Predictor> load = new CompletableFuture<>();
        Predictor predictor;
        int holders;
        boolean evicted;
    }

    private final int capacity;
    private final Loader loader;
    private final Semaphore loads;
    private final Duration loadWait;
    /** In access order: the first slot is the least recently used. */
    private final LinkedHashMap<String, Slot> slots = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    MultiModels(int capacity, int parallelLoads, Duration loadWait, Loader loader) {
        if (capacity < 0 || parallelLoads < 1) {
            throw new IllegalArgumentException("capacity " + capacity + ", parallel loads " + parallelLoads);
        }
        this.capacity = capacity;
        this.loads = new Semaphore(parallelLoads);
        this.loadWait = loadWait;
        this.loader = loader;
    }

    @Override
    public Lease lease(String endpoint, Target target) throws AlgorithmException {
        if (target.containerHostname() != null) {
            throw VariantModel.notDirect(endpoint);
        }
        String name = relativeKey(target.model());
        if (name.isEmpty()) {
            throw HostingException.validationError("Endpoint " + endpoint
                    + " is a multi-model endpoint: the request must name a model with the target model header.");
        }
        Slot slot;
        boolean first;
        synchronized (this) {
            Slot known = slots.get(name);
            first = known == null;
            slot = first ? new Slot() : known;
            if (first) {
                slots.put(name, slot);
            }
            slot.holders++;
        }
        if (first) {
            Thread.ofVirtual().name("multi-model-load").start(() -> load(name, slot));
        }
        return new Lease(awaitLoad(endpoint, name, slot), () -> release(slot));
    }

    /** The key a TargetModel names under the prefix: {@code a.tar.gz} and {@code /a.tar.gz} are one model. */
    static String relativeKey(String targetModel) {
        if (targetModel == null) {
            return "";
        }
        return targetModel.startsWith("/") ? targetModel.substring(1) : targetModel;
    }

    private Predictor awaitLoad(String endpoint, String name, Slot slot) throws AlgorithmException {
        try {
            return slot.load.get(loadWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            release(slot);
            throw new HostingException("ModelNotReadyException", "Model " + name + " of endpoint " + endpoint
                    + " is still loading; retry the request.");
        } catch (InterruptedException e) {
            release(slot);
            Thread.currentThread().interrupt();
            throw AlgorithmException.internal("Interrupted while model " + name + " was loading.");
        } catch (ExecutionException e) {
            release(slot);
            if (e.getCause() instanceof ModelArtifacts.LoadFailure f) {
                if (f.missingData()) {
                    throw HostingException.validationError(f.getMessage());
                }
                throw AlgorithmException.internal(f.getMessage());
            }
            throw AlgorithmException.internal(String.valueOf(e.getCause().getMessage()));
        }
    }

    /** Runs one model's load (at most {@code parallelLoads} at once), then keeps it, unloading beyond capacity. */
    private void load(String name, Slot slot) {
        Predictor predictor;
        loads.acquireUninterruptibly();
        try {
            predictor = loader.load(name);
        } catch (ModelArtifacts.LoadFailure | RuntimeException | Error e) {
            synchronized (this) {
                slots.remove(name, slot);
            }
            slot.load.completeExceptionally(e);
            return;
        } finally {
            loads.release();
        }
        boolean refused;
        List<Predictor> unloaded = new ArrayList<>();
        synchronized (this) {
            refused = closed;
            if (!refused) {
                slot.predictor = predictor;
                slots.get(name); // the model just loaded is the most recently used
                unloaded.addAll(evictBeyondCapacity());
            }
        }
        if (refused) {
            Closing.logged("a model loaded after its endpoint closed", predictor::close);
            slot.load.completeExceptionally(new ModelArtifacts.LoadFailure("The endpoint's models were unloaded."));
            return;
        }
        Closing.logged("models unloaded beyond the multi-model cache", () -> Closing.all(unloaded));
        slot.load.complete(predictor);
    }

    /** Unloads the least recently used models beyond capacity, idle ones first; answers those no request holds. */
    private List<Predictor> evictBeyondCapacity() {
        List<Map.Entry<String, Slot>> loaded = slots.entrySet().stream().filter(e -> e.getValue().predictor != null)
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        int excess = loaded.size() - capacity;
        List<Map.Entry<String, Slot>> victims = new ArrayList<>();
        loaded.stream().filter(e -> e.getValue().holders == 0).limit(Math.max(0, excess)).forEach(victims::add);
        loaded.stream().filter(e -> e.getValue().holders > 0).limit(Math.max(0, excess - victims.size())).forEach(victims::add);
        List<Predictor> unused = new ArrayList<>();
        for (Map.Entry<String, Slot> v : victims) {
            slots.remove(v.getKey());
            v.getValue().evicted = true;
            if (v.getValue().holders == 0) {
                unused.add(v.getValue().predictor);
            }
        }
        return unused;
    }

    /** A request is done with its model (or gave up waiting for it): an unloaded model closes with its last holder. */
    private void release(Slot slot) {
        Predictor close = null;
        synchronized (this) {
            slot.holders--;
            if (slot.evicted && slot.holders == 0) {
                close = slot.predictor;
            }
        }
        if (close != null) {
            Closing.logged("an unloaded multi-model endpoint model", close::close);
        }
    }

    /** The relative keys of the models loaded now, least recently used first. */
    synchronized List<String> loaded() {
        return slots.entrySet().stream().filter(e -> e.getValue().predictor != null).map(Map.Entry::getKey).toList();
    }

    @Override
    public void close() {
        List<Predictor> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            slots.values().stream().filter(s -> s.predictor != null).forEach(s -> all.add(s.predictor));
            slots.clear();
        }
        Closing.all(all);
    }
}
