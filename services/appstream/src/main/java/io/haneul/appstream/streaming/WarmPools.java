package io.haneul.appstream.streaming;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * ALWAYS_ON fleets' pre-warmed displays on this node: each fleet keeps its instances minus its running
 * sessions ready, made one at a time on a thread of their own, so that a session opens onto one with
 * only its application to start. All fleets together keep at most a node-wide number of displays
 * (ready or starting): a fleet's desired capacity alone would start as many X servers as it names.
 * A display whose Xvnc died is dropped, never handed to a session. The engine's lock may be taken while this one is held (to count a
 * fleet's sessions), never the other way round.
 */
final class WarmPools {

    private static final Logger LOG = LoggerFactory.getLogger(WarmPools.class);

    /** Makes a display ready for a session, with the stack's user settings (Xvnc and the window manager as a pool user). */
    @FunctionalInterface
    interface Maker {
        SessionDisplay make(Map<String, Boolean> userSettings) throws StreamingException;
    }

    private final Maker maker;
    private final Consumer<SessionDisplay> retire;
    private final ToLongFunction<String> sessionsOf;
    private final int maxWarm;
    private final Map<String, WarmDisplays> pools = new HashMap<>();
    private final ExecutorService warmer;

    /**
     * @param retire     stops a display no fleet wants any more and gives its user back
     * @param sessionsOf a fleet's sessions now (pending or active)
     * @param maxWarm    the most displays all fleets keep ready or starting on this node
     */
    WarmPools(Maker maker, Consumer<SessionDisplay> retire, ToLongFunction<String> sessionsOf, int maxWarm) {
        this(maker, retire, sessionsOf, maxWarm, Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("appstream-warm").factory()));
    }

    /** @param warmer runs {@link #fillLater}'s work: one thread of its own (tests may run it at once) */
    WarmPools(Maker maker, Consumer<SessionDisplay> retire, ToLongFunction<String> sessionsOf, int maxWarm, ExecutorService warmer) {
        this.warmer = warmer;
        this.maxWarm = maxWarm;
        this.maker = maker;
        this.retire = retire;
        this.sessionsOf = sessionsOf;
    }

    /** How many instances a fleet keeps (0: none), and the user settings its displays are made with. */
    void keep(String fleetArn, int instances, Map<String, Boolean> userSettings) {
        List<SessionDisplay> surplus = new ArrayList<>();
        Map<String, Boolean> settings = userSettings == null ? Map.of() : Map.copyOf(userSettings);
        synchronized (this) {
            WarmDisplays pool = pools.get(fleetArn);
            if (pool == null) {
                if (instances <= 0) {
                    return;
                }
                pool = new WarmDisplays();
                pools.put(fleetArn, pool);
            }
            if (!pool.userSettings.equals(settings)) { // made with other clipboard switches: made again
                surplus.addAll(pool.ready);
                pool.ready.clear();
                pool.userSettings = settings;
            }
            pool.instances = Math.max(0, instances);
            int wanted = pool.wanted(sessionsOf.applyAsLong(fleetArn));
            while (pool.ready.size() > wanted) {
                surplus.add(pool.ready.pollLast());
            }
            if (pool.instances == 0 && pool.starting == 0) {
                pools.remove(fleetArn);
            }
        }
        surplus.forEach(retire);
        fillLater();
    }

    /** The fleet's displays ready now (those whose Xvnc died are dropped first). */
    int ready(String fleetArn) {
        List<SessionDisplay> dead = new ArrayList<>();
        int ready;
        synchronized (this) {
            WarmDisplays pool = pools.get(fleetArn);
            ready = pool == null ? 0 : dropDead(pool, dead);
        }
        replace(dead);
        return ready;
    }

    /** A ready display of the fleet made with these settings, or null; never one whose Xvnc died. */
    SessionDisplay take(String fleetArn, Map<String, Boolean> userSettings) {
        List<SessionDisplay> dead = new ArrayList<>();
        SessionDisplay taken = null;
        synchronized (this) {
            WarmDisplays pool = pools.get(fleetArn);
            if (pool != null && pool.userSettings.equals(userSettings)) {
                dropDead(pool, dead);
                taken = pool.ready.pollFirst();
            }
        }
        replace(dead);
        return taken;
    }

    /** Moves the pool's displays whose Xvnc died to {@code dead}; answers how many are left ready. */
    private static int dropDead(WarmDisplays pool, List<SessionDisplay> dead) {
        pool.ready.removeIf(d -> !d.alive() && dead.add(d));
        return pool.ready.size();
    }

    /** Retires dead displays (their users back in the pool) and makes others in their place. */
    private void replace(List<SessionDisplay> dead) {
        if (dead.isEmpty()) {
            return;
        }
        dead.forEach(d -> LOG.warn("AppStream pre-warmed display :{} died; another is made", d.display()));
        dead.forEach(retire);
        fillLater();
    }

    /** Makes what fleets lack, on the warmer's thread (after a session ended, its instance is made again). */
    void fillLater() {
        try {
            warmer.execute(this::fill);
        } catch (RejectedExecutionException e) {
            LOG.debug("AppStream is stopping: no display is pre-warmed");
        }
    }

    private void fill() {
        while (true) {
            String fleetArn;
            WarmDisplays pool;
            Map<String, Boolean> settings;
            synchronized (this) {
                Map.Entry<String, WarmDisplays> lacking = pools.entrySet().stream()
                        .filter(e -> e.getValue().ready.size() + e.getValue().starting < e.getValue().wanted(sessionsOf.applyAsLong(e.getKey())))
                        .findFirst().orElse(null);
                if (lacking == null) {
                    return;
                }
                if (kept() >= maxWarm) {
                    LOG.debug("AppStream keeps {} pre-warmed displays, the most this node keeps: the rest start when opened", maxWarm);
                    return;
                }
                fleetArn = lacking.getKey();
                pool = lacking.getValue();
                settings = pool.userSettings;
                pool.starting++;
            }
            SessionDisplay display;
            try {
                display = maker.make(settings);
            } catch (StreamingException | RuntimeException e) {
                synchronized (this) {
                    pool.starting--;
                }
                LOG.warn("AppStream could not pre-warm a display for {}: {}", fleetArn, e.getMessage());
                return; // the next read of the fleet tries again
            }
            boolean kept;
            synchronized (this) {
                pool.starting--;
                kept = pools.get(fleetArn) == pool && pool.userSettings.equals(settings)
                        && pool.ready.size() < pool.wanted(sessionsOf.applyAsLong(fleetArn));
                if (kept) {
                    pool.ready.addLast(display);
                }
                if (pool.instances == 0 && pool.starting == 0 && pool.ready.isEmpty()) {
                    pools.remove(fleetArn, pool);
                }
            }
            if (kept) {
                LOG.info("AppStream pre-warmed display :{} as {} for {}", display.display(), display.user().name(), fleetArn);
            } else {
                retire.accept(display);
            }
        }
    }

    /** Displays ready or starting, all fleets together. */
    private int kept() {
        return pools.values().stream().mapToInt(p -> p.ready.size() + p.starting).sum();
    }

    /** Ready displays with where they run, for Haneul's inspection route. */
    synchronized List<Map<String, Object>> details() {
        List<Map<String, Object>> out = new ArrayList<>();
        pools.forEach((fleetArn, pool) -> pool.ready.forEach(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fleetArn", fleetArn);
            m.put("display", ":" + d.display());
            m.put("osUser", d.user().name());
            m.put("pids", d.pids());
            out.add(m);
        }));
        return out;
    }

    /** Stops making displays and stops those ready. */
    void close() {
        warmer.shutdownNow();
        List<SessionDisplay> ready = new ArrayList<>();
        synchronized (this) {
            pools.values().forEach(p -> ready.addAll(p.ready));
            pools.clear();
        }
        ready.forEach(retire);
    }
}
