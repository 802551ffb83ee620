package io.haneul.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable timers and background jobs shared by all services (message delays, visibility
 * timeouts, deliveries, workflow timers). Jobs live in the database, so an acknowledged
 * {@link #schedule} survives a kill -9 and runs on whichever node is alive: each node claims due
 * jobs under a lease (owner id + expiry, renewed while the job runs), so several nodes sharing
 * PostgreSQL run each job once, and a job whose node died is taken over when its lease expires.
 * Handlers run on virtual threads; a failure is retried with exponential backoff and after the
 * last attempt the job is marked dead and logged.
 *
 * <p>The worker ({@link #start}) sleeps until the next job is due, capped by
 * {@link SchedulerOptions#maxIdle()}, and is woken at once when a sooner job is scheduled here (or
 * on another node that cannot run it itself). Due-ness follows the injected {@link Clock}; tests
 * move a test clock and call {@link #runDueJobsNow()} instead of starting the worker.
 */
public final class DurableScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableScheduler.class);
    static final String WAKE_CHANNEL = "haneul.scheduler.wake";
    private static final long MIN_WAIT_MS = 10;
    private static final long SHUTDOWN_GRACE_MS = 10_000;
    private static final int CLAIM_BATCH = 500;

    private final Database db;
    private final Clock clock;
    private final SchedulerOptions options;
    private final JobStore store;
    private final String owner = UUID.randomUUID().toString();
    private final ConcurrentHashMap<String, JobHandler> handlers = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean wakeRequested;
    private volatile long plannedWakeMillis = Long.MAX_VALUE;
    private long lastRenewMillis = Long.MIN_VALUE;
    private volatile Thread worker;
    private Notifier.Subscription wakeSubscription;
    private volatile boolean closed;

    public DurableScheduler(Database db, Clock clock) {
        this(db, clock, SchedulerOptions.defaults());
    }

    /** Creates the scheduler and its table (migration component {@code scheduler}); call {@link #start} to run jobs. */
    public DurableScheduler(Database db, Clock clock, SchedulerOptions options) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.store = new JobStore(db);
    }

    /**
     * Whether a failure of this attempt of the job is its last: the job is then marked dead, not retried. A
     * handler that must say what became of the work (a delivery log, a dead-letter queue) asks this first.
     */
    public boolean isLastAttempt(Job job) {
        return job.attempts() >= options.maxAttempts();
    }

    /** This node's lease owner id. */
    public String ownerId() {
        return owner;
    }

    /** Sets the handler for a kind; this node claims only jobs of registered kinds. */
    public void register(String kind, JobHandler handler) {
        checkKind(kind);
        Objects.requireNonNull(handler, "handler");
        if (handlers.putIfAbsent(kind, handler) != null) {
            throw new IllegalStateException("a handler for " + kind + " is already registered");
        }
        signal();
    }

    /**
     * Stores a job to run at {@code runAt} (now or in the past means as soon as possible) and
     * returns its id once it is durable.
     *
     * @param key what the job is about, for {@link #cancelByKey}; null is stored as ""
     */
    public String schedule(String kind, String key, String payload, Instant runAt) {
        String id = db.write(c -> schedule(c, kind, key, payload, runAt));
        wakeFor(kind, runAt);
        return id;
    }

    /**
     * Stores a job inside the caller's own {@link Database#write} transaction, so it exists
     * exactly when the caller's other changes do. The worker learns of it at its next poll; call
     * {@link #wake()} after the write returns if the job is due sooner than that.
     */
    public String schedule(Connection c, String kind, String key, String payload, Instant runAt) throws SQLException {
        checkKind(kind);
        Objects.requireNonNull(runAt, "runAt");
        String id = UUID.randomUUID().toString();
        store.insert(c, id, kind, key == null ? "" : key, payload, runAt.toEpochMilli(), clock.millis());
        return id;
    }

    /** Deletes a pending (or running) job so that it is not run again; false if it was not pending. */
    public boolean cancel(String id) {
        Objects.requireNonNull(id, "id");
        return db.write(c -> store.cancel(c, id));
    }

    /**
     * Deletes a pending job inside the caller's own {@link Database#write} transaction, so it goes
     * exactly when the caller's other changes commit (a job running now is left to finish).
     */
    public boolean cancel(Connection c, String id) throws SQLException {
        Objects.requireNonNull(id, "id");
        return store.cancel(c, id);
    }

    /** {@link #cancel}s every pending job of this kind and key; returns how many. */
    public int cancelByKey(String kind, String key) {
        checkKind(kind);
        return store.cancelByKey(kind, key == null ? "" : key);
    }

    /** The job as stored now; empty once it completed or was cancelled. */
    public Optional<Job> find(String id) {
        return store.find(id);
    }

    /** Makes the worker look for due jobs now. */
    public void wake() {
        signal();
    }

    /** Starts the background worker. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("scheduler is closed");
        }
        if (worker != null) {
            throw new IllegalStateException("scheduler already started");
        }
        wakeSubscription = db.notifier().subscribe(WAKE_CHANNEL, payload -> signal());
        worker = Thread.ofVirtual().name("haneul-scheduler").start(this::workLoop);
    }

    /**
     * Claims every job due by the clock now, runs them and waits for them to finish; returns how
     * many ran. For tests and tools: the worker does the same on its own once started.
     */
    public int runDueJobsNow() {
        List<Job> jobs = claimDue(CLAIM_BATCH);
        List<Thread> threads = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            threads.add(launch(job));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while waiting for jobs", e);
            }
        }
        return jobs.size();
    }

    /** Claims up to {@code limit} due jobs for this node without running them. */
    List<Job> claimDue(int limit) {
        long now = clock.millis();
        return store.claim(owner, Set.copyOf(handlers.keySet()), now, now + options.leaseDuration().toMillis(), limit);
    }

    private Thread launch(Job job) {
        running.add(job.id());
        return Thread.ofVirtual().name("haneul-job-" + job.kind()).start(() -> execute(job));
    }

    private void execute(Job job) {
        try {
            JobHandler handler = handlers.get(job.kind());
            try {
                handler.handle(job);
            } catch (Throwable e) {
                failed(job, e);
                return;
            }
            if (!store.complete(job.id(), owner)) {
                LOG.info("job {} ({}) finished after it was cancelled or its lease was taken over", job.id(), job.kind());
            }
        } catch (RuntimeException e) {
            LOG.warn("recording the outcome of job {} ({}) failed; it runs again when its lease expires",
                    job.id(), job.kind(), e);
        } finally {
            running.remove(job.id());
            signal();
        }
    }

    private void failed(Job job, Throwable failure) {
        String error = String.valueOf(failure);
        if (error.length() > 2000) {
            error = error.substring(0, 2000);
        }
        if (job.attempts() >= options.maxAttempts()) {
            if (store.markDead(job.id(), owner, error)) {
                LOG.error("job {} (kind {}, key {}) is dead after {} attempts", job.id(), job.kind(), job.key(),
                        job.attempts(), failure);
            }
            return;
        }
        Instant retryAt = clock.instant().plus(options.backoffAfter(job.attempts()));
        if (store.retry(job.id(), owner, retryAt.toEpochMilli(), error)) {
            LOG.warn("job {} (kind {}, key {}) attempt {} failed, retrying at {}: {}", job.id(), job.kind(), job.key(),
                    job.attempts(), retryAt, error);
        }
    }

    private void workLoop() {
        while (!closed) {
            long waitMillis;
            // While looking, any schedule() wakes us: it may commit after our query.
            plannedWakeMillis = Long.MAX_VALUE;
            try {
                long now = clock.millis();
                renewLeasesIfDue(now);
                int free = options.maxConcurrent() - running.size();
                if (free > 0) {
                    List<Job> jobs = claimDue(Math.min(free, CLAIM_BATCH));
                    jobs.forEach(this::launch);
                    if (!jobs.isEmpty()) {
                        continue;
                    }
                }
                waitMillis = waitMillis(now, free > 0);
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                if (e instanceof StorageUnavailableException) {
                    LOG.debug("scheduler poll: {}", e.getMessage()); // the database's own warning says it once
                } else {
                    LOG.warn("scheduler poll failed", e);
                }
                waitMillis = options.maxIdle().toMillis();
            }
            awaitSignal(waitMillis);
        }
    }

    private long waitMillis(long now, boolean canClaim) {
        long wait = options.maxIdle().toMillis();
        if (canClaim) {
            OptionalLong next = store.nextClaimable(Set.copyOf(handlers.keySet()));
            if (next.isPresent()) {
                wait = Math.max(MIN_WAIT_MS, Math.min(wait, next.getAsLong() - now));
            }
        }
        if (!running.isEmpty()) {
            wait = Math.max(MIN_WAIT_MS, Math.min(wait, lastRenewMillis + renewInterval() - now));
        }
        plannedWakeMillis = now + wait;
        return wait;
    }

    private long renewInterval() {
        return Math.max(1, options.leaseDuration().toMillis() / 3);
    }

    private void renewLeasesIfDue(long now) {
        if (!running.isEmpty() && (lastRenewMillis == Long.MIN_VALUE || now - lastRenewMillis >= renewInterval())) {
            store.renew(owner, List.copyOf(running), now + options.leaseDuration().toMillis());
            lastRenewMillis = now;
        }
    }

    /** Wakes this node's worker if the job is due before it would look; asks other nodes when this one cannot run it. */
    private void wakeFor(String kind, Instant runAt) {
        long due = runAt.toEpochMilli();
        if (due < plannedWakeMillis) {
            signal();
        }
        boolean cannotRunHere = worker == null || !handlers.containsKey(kind) || running.size() >= options.maxConcurrent();
        if (cannotRunHere && due <= clock.millis() + options.maxIdle().toMillis()) {
            try {
                db.notifier().publish(WAKE_CHANNEL, "");
            } catch (RuntimeException e) {
                LOG.debug("could not wake other nodes", e);
            }
        }
    }

    private void signal() {
        lock.lock();
        try {
            wakeRequested = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitSignal(long millis) {
        lock.lock();
        try {
            if (!wakeRequested && millis > 0) {
                changed.await(millis, TimeUnit.MILLISECONDS);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private static void checkKind(String kind) {
        if (kind == null || kind.isEmpty() || kind.length() > 200) {
            throw new IllegalArgumentException("job kind must be 1 to 200 characters: " + kind);
        }
    }

    /** Stops claiming, then waits up to 10 s for running jobs (the rest are re-run after their leases expire). */
    @Override
    public void close() {
        Thread stoppedWorker;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stoppedWorker = worker;
            if (wakeSubscription != null) {
                wakeSubscription.close();
            }
        }
        signal();
        if (stoppedWorker != null) {
            try {
                stoppedWorker.join(SHUTDOWN_GRACE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_GRACE_MS);
        while (!running.isEmpty() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            awaitSignal(100);
        }
        if (!running.isEmpty()) {
            LOG.warn("{} job(s) still running at close; they run again after their leases expire", running.size());
        }
    }
}
