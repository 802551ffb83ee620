package io.haneul.appstream.streaming;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The streaming engine on this node: streaming URLs carry a one-time token that opening them
 * exchanges for a session (a new one, or the user's running one on that stack and fleet: a
 * reconnect), each session an Xvnc display with its application ({@link SessionDisplay}) run as a
 * pool user ({@link SessionUsers}). A sweep every second applies the timeouts against the injected
 * clock: max user duration ends the session, idle input disconnects the viewers, and no viewer within
 * the disconnect timeout ends it. ALWAYS_ON fleets keep displays started ({@link WarmPools}); a stack's
 * home folder is restored from S3 before the application starts and saved while it runs and when it
 * ends ({@link HomeFolderSync}).
 */
final class XvncStreamingEngine implements StreamingEngine {

    private static final Logger LOG = LoggerFactory.getLogger(XvncStreamingEngine.class);
    /** The path prefix of the data plane that serves streaming URLs, viewers and their WebSockets. */
    static final String PREFIX = "/_aws/appstream/";

    /** A streaming URL not opened yet. */
    private record Ticket(SessionRequest request, Instant expires) {
    }

    private final Clock clock;
    private final Supplier<String> endpoint;
    private final SessionUsers users;
    private final SessionDisplay.Programs programs;
    private final int firstDisplay;
    private final int maxOpenUrlsPerFleet;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Ticket> tickets = new HashMap<>();
    private final Map<String, StreamSession> sessions = new LinkedHashMap<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sweeper;
    private final HomeFolderSync homes;
    private final Duration homeSaveEvery;
    private final ExecutorService homeSaver;
    private final AtomicBoolean warnedHomeWithoutRoot = new AtomicBoolean();
    private final PendingHomeSaves pendingSaves = new PendingHomeSaves();
    /** ALWAYS_ON fleets' pre-warmed displays. */
    private final WarmPools warm;

    /**
     * @param endpoint the base URL streaming URLs start with (Haneul's address, e.g. {@code http://localhost:4566})
     */
    XvncStreamingEngine(Clock clock, Supplier<String> endpoint, SessionUsers users, SessionDisplay.Programs programs, int firstDisplay) {
        this(clock, endpoint, users, programs, firstDisplay, MAX_OPEN_URLS_PER_FLEET);
    }

    /** @param maxOpenUrlsPerFleet the cap on a fleet's unopened URLs ({@link #MAX_OPEN_URLS_PER_FLEET}; smaller in tests) */
    XvncStreamingEngine(Clock clock, Supplier<String> endpoint, SessionUsers users, SessionDisplay.Programs programs, int firstDisplay,
                        int maxOpenUrlsPerFleet) {
        this(clock, endpoint, users, programs, firstDisplay, maxOpenUrlsPerFleet,
                new HomeFolderSync(java.util.Optional::empty, new HomeFolderSync.Limits(0, 0), Clock.systemUTC()), Duration.ofSeconds(60), MAX_WARM_DISPLAYS);
    }

    /**
     * @param homes         keeps home folders in S3 (stacks with a HOMEFOLDERS connector)
     * @param homeSaveEvery how often a running session's home folder is saved (and once more when it ends)
     * @param maxWarmDisplays the most pre-warmed displays ALWAYS_ON fleets keep on this node, all together
     */
    XvncStreamingEngine(Clock clock, Supplier<String> endpoint, SessionUsers users, SessionDisplay.Programs programs, int firstDisplay,
                        int maxOpenUrlsPerFleet, HomeFolderSync homes, Duration homeSaveEvery, int maxWarmDisplays) {
        this.homes = homes;
        this.homeSaveEvery = homeSaveEvery;
        this.homeSaver = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("appstream-home-save").factory());
        this.warm = new WarmPools(this::prewarm, this::retire, this::sessionCount, maxWarmDisplays);
        this.clock = clock;
        this.maxOpenUrlsPerFleet = maxOpenUrlsPerFleet;
        this.endpoint = endpoint;
        this.users = users;
        this.programs = programs;
        this.firstDisplay = firstDisplay;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("appstream-sweep").factory());
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /** The default cap on pre-warmed displays on this node ({@code --appstream-max-warm-displays}). */
    static final int MAX_WARM_DISPLAYS = 10;

    /** Streaming URLs of one fleet that may wait to be opened at once. */
    static final int MAX_OPEN_URLS_PER_FLEET = 10_000;

    @Override
    public String streamingUrl(SessionRequest request, Duration validity) throws StreamingException {
        String token = token();
        if (request.homeFolder() != null && users.isolated()) {
            homes.check(request.homeFolder()); // a bucket that cannot be used refuses the URL, not the session later
        }
        synchronized (this) {
            dropExpiredTickets();
            if (findSeat(request).isEmpty()) {
                checkCap(request);
            }
            // unopened URLs live up to 7 days: a bound per fleet keeps a caller from piling them up
            if (tickets.values().stream().filter(t -> t.request().fleetArn().equals(request.fleetArn())).count() >= maxOpenUrlsPerFleet) {
                throw new StreamingException("The fleet has " + maxOpenUrlsPerFleet + " streaming URLs not yet opened.", true);
            }
            tickets.put(token, new Ticket(request, clock.instant().plus(validity)));
        }
        return endpoint.get() + PREFIX + "authenticate?parameters=" + token;
    }

    /**
     * Opens a streaming URL: its token is used up, and the session it names is started or found.
     * Empty when the token is unknown, used or expired.
     */
    Optional<StreamSession> open(String token) throws StreamingException {
        SessionRequest request;
        StreamSession session;
        synchronized (this) {
            Ticket ticket = tickets.remove(token);
            if (ticket == null || !clock.instant().isBefore(ticket.expires())) {
                return Optional.empty();
            }
            request = ticket.request();
            Optional<StreamSession> running = findSeat(request);
            if (running.isPresent()) {
                return running;
            }
            checkCap(request);
            session = new StreamSession(UUID.randomUUID().toString(), request, token(), clock.instant());
            sessions.put(session.id, session);
        }
        changed(session);
        try {
            start(session);
        } catch (StreamingException | RuntimeException e) {
            end(session.id, "failed to start: " + e.getMessage());
            throw e;
        }
        return Optional.of(session);
    }

    private void start(StreamSession session) throws StreamingException {
        SessionRequest request = session.request;
        SessionRequest.Launch launch = pick(request);
        SessionDisplay display = takeWarm(request);
        SessionUsers.OsUser user = display != null ? display.user() : users.take();
        try {
            restoreHome(session, user);
            if (display != null) { // an ALWAYS_ON fleet's display, ready: only the application starts
                display.launch(programs, session.id, launch, environment(session));
            } else {
                display = SessionDisplay.start(programs, user, session.id, firstDisplay, launch, environment(session),
                        settings(request), random);
            }
        } catch (StreamingException | RuntimeException e) {
            if (display != null) {
                display.close();
            }
            users.give(user);
            throw e;
        }
        boolean ended;
        synchronized (this) {
            ended = !sessions.containsKey(session.id);
            if (!ended) {
                session.display = display;
                session.state = "ACTIVE";
            }
        }
        if (ended) { // expired while it started
            display.close();
            users.give(user);
            return;
        }
        display.applicationExit().thenRun(() -> end(session.id, "the application exited"));
        LOG.info("AppStream session {} for {} on :{} as {}", session.id, request.userId(), display.display(), user.name());
        changed(session);
    }

    private static Map<String, Boolean> settings(SessionRequest request) {
        return request.userSettings() == null ? Map.of() : request.userSettings();
    }

    @Override
    public void keepWarm(String fleetArn, int instances, Map<String, Boolean> userSettings) {
        warm.keep(fleetArn, instances, userSettings);
    }

    @Override
    public int ready(String fleetArn) {
        return warm.ready(fleetArn);
    }

    /** A ready display of the request's fleet made with the request's settings, or null. */
    private SessionDisplay takeWarm(SessionRequest request) {
        return warm.take(request.fleetArn(), settings(request));
    }

    private synchronized long sessionCount(String fleetArn) {
        return sessions.values().stream().filter(s -> s.request.fleetArn().equals(fleetArn)).count();
    }

    /** A display for an ALWAYS_ON fleet: Xvnc and the window manager as a pool user, no application yet. */
    private SessionDisplay prewarm(Map<String, Boolean> userSettings) throws StreamingException {
        SessionUsers.OsUser user = users.take();
        try {
            return SessionDisplay.prepare(programs, user, "warm-" + UUID.randomUUID(), firstDisplay, userSettings, random);
        } catch (StreamingException | RuntimeException e) {
            users.give(user);
            throw e;
        }
    }

    /** Stops a display no fleet wants any more and gives its user back. */
    private void retire(SessionDisplay display) {
        try {
            display.close();
        } finally {
            users.give(display.user());
        }
    }

    /** Unpacks the user's home folder from S3 into the pool user's fresh home, before the application starts. */
    private void restoreHome(StreamSession session, SessionUsers.OsUser user) throws StreamingException {
        HomeFolder folder = session.request.homeFolder();
        if (folder == null) {
            return;
        }
        if (!user.switched()) {
            if (warnedHomeWithoutRoot.compareAndSet(false, true)) {
                LOG.warn("AppStream home folders are not kept: sessions run in Haneul's own home (not root, no pool of session users)");
            }
            return;
        }
        pendingSaves.awaitNone(folder); // the last save of the user's previous session lands first
        synchronized (session.homeLock) {
            int files = homes.restore(folder, user, session.homeFiles);
            LOG.info("AppStream session {}: {} files of its home folder restored from s3://{}/{}", session.id, files, folder.bucket(), folder.prefix());
        }
    }

    /**
     * Saves the session's home folder to S3: periodically while it runs ({@code last} false: skipped once
     * the session has ended, as its pool user may then serve someone else) and once more when it ends.
     */
    private void saveHome(StreamSession session, boolean last) {
        HomeFolder folder = session.request.homeFolder();
        SessionDisplay display;
        synchronized (this) {
            display = session.display;
        }
        if (!savesHome(session)) {
            return;
        }
        synchronized (session.homeLock) {
            synchronized (this) {
                if (!last && !sessions.containsKey(session.id)) {
                    return;
                }
            }
            try {
                int files = homes.save(folder, display.user(), session.homeFiles);
                LOG.debug("AppStream session {}: {} files of its home folder saved", session.id, files);
            } catch (StreamingException | RuntimeException e) {
                LOG.warn("AppStream session {}: home folder not saved to s3://{}/{}: {}", session.id, folder.bucket(), folder.prefix(), e.getMessage());
            }
        }
    }

    /** True for a session whose home folder is kept: its stack has one, and it runs as a pool user of its own. */
    private synchronized boolean savesHome(StreamSession session) {
        return session.request.homeFolder() != null && session.display != null && session.display.user().switched();
    }

    /** Something done in a running session's home as its user (a file transfer). */
    @FunctionalInterface
    interface HomeOperation<T> {
        T run(SessionUsers.OsUser user) throws StreamingException;
    }

    /**
     * Runs {@code operation} in the session's home while the session runs: never after its pool user went
     * back to the pool (ending a session waits for it).
     */
    <T> T inHome(StreamSession session, HomeOperation<T> operation) throws StreamingException {
        synchronized (session.homeLock) {
            SessionDisplay display;
            synchronized (this) {
                display = sessions.containsKey(session.id) ? session.display : null;
            }
            if (display == null) {
                throw new StreamingException("the session is not running", false);
            }
            if (!display.user().switched()) { // its home is Haneul's own
                throw new StreamingException("the session runs as Haneul's own user: no file transfer", false);
            }
            return operation.run(display.user());
        }
    }

    private void periodicHomeSave(StreamSession session) {
        try {
            saveHome(session, false);
        } finally {
            synchronized (this) {
                session.homeSaveQueued = false;
            }
        }
    }

    private static SessionRequest.Launch pick(SessionRequest request) throws StreamingException {
        if (request.applications() == null || request.applications().isEmpty()) {
            throw new StreamingException("the session has no application to launch", false);
        }
        if (request.applicationId() == null) {
            return request.applications().getFirst();
        }
        return request.applications().stream().filter(a -> request.applicationId().equals(a.name())).findFirst()
                .orElseThrow(() -> new StreamingException("no application " + request.applicationId(), false));
    }

    /** AppStream's documented session variables, with the SessionContext in {@code APPSTREAM_SESSION_CONTEXT}. */
    private Map<String, String> environment(StreamSession session) {
        Map<String, String> env = new HashMap<>();
        SessionRequest r = session.request;
        env.put("AppStream_Stack_Name", r.stackName());
        env.put("AppStream_User_Access_Mode", "custom");
        env.put("AppStream_Session_Reservation_DateTime", session.startTime.toString());
        env.put("AppStream_UserName", r.userId());
        env.put("AppStream_Session_ID", session.id);
        env.put("AppStream_Resource_Type", "fleet");
        env.put("AppStream_Resource_Name", r.fleetName());
        if (r.sessionContext() != null) {
            env.put("APPSTREAM_SESSION_CONTEXT", r.sessionContext());
        }
        return env;
    }

    /** The session a viewer's cookie belongs to, while it runs. */
    synchronized Optional<StreamSession> byCookie(String sessionId, String cookie) {
        StreamSession s = sessions.get(sessionId);
        return s != null && cookie != null && java.security.MessageDigest.isEqual(s.cookie.getBytes(), cookie.getBytes())
                ? Optional.of(s) : Optional.empty();
    }

    /** A viewer connected: the disconnect timeout stops counting. */
    void connected(StreamSession session, VncBridge bridge) {
        synchronized (this) {
            session.connections.add(bridge);
            session.lastInput = clock.instant();
        }
        changed(session);
    }

    /** A viewer left: with none left, the disconnect timeout counts from now. */
    void disconnected(StreamSession session, VncBridge bridge) {
        boolean last;
        synchronized (this) {
            last = session.connections.remove(bridge) && session.connections.isEmpty();
            if (last) {
                session.disconnectedAt = clock.instant();
            }
        }
        if (last) {
            changed(session);
        }
    }

    /** Keyboard, pointer or clipboard input arrived: the idle timeout counts from now. */
    synchronized void input(StreamSession session) {
        session.lastInput = clock.instant();
    }

    @Override
    public synchronized List<SessionView> sessions(String fleetArn) {
        return sessions.values().stream().filter(s -> s.request.fleetArn().equals(fleetArn)).map(StreamSession::view).toList();
    }

    @Override
    public synchronized Optional<SessionView> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(StreamSession::view);
    }

    /** Every running session with where it runs, for Haneul's inspection route. */
    synchronized List<Map<String, Object>> details() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StreamSession s : sessions.values()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("sessionId", s.id);
            d.put("state", s.state);
            d.put("connectionState", s.view().connectionState());
            d.put("userId", s.request.userId());
            d.put("stackName", s.request.stackName());
            d.put("fleetName", s.request.fleetName());
            if (s.display != null) {
                d.put("display", ":" + s.display.display());
                d.put("osUser", s.display.user().name());
                d.put("home", s.display.user().home().toString());
                d.put("pids", s.display.pids());
            }
            out.add(d);
        }
        return out;
    }

    /** ALWAYS_ON fleets' ready displays with where they run, for Haneul's inspection route. */
    List<Map<String, Object>> warmDetails() {
        return warm.details();
    }

    @Override
    public void expire(String sessionId) {
        end(sessionId, "expired");
    }

    @Override
    public void listen(SessionListener listener) {
        listeners.add(listener);
    }

    boolean isolated() {
        return users.isolated();
    }

    /** Ends a session: viewers closed, processes stopped, its user back in the pool; EXPIRED told to listeners. */
    void end(String sessionId, String reason) {
        StreamSession session;
        List<VncBridge> viewers;
        HomeFolder lastSave;
        synchronized (this) {
            session = sessions.remove(sessionId);
            if (session == null) {
                return;
            }
            session.state = "EXPIRED";
            viewers = List.copyOf(session.connections);
            session.connections.clear();
            // announced while the session is still found: the user's next session restores after this save
            lastSave = savesHome(session) ? session.request.homeFolder() : null;
            if (lastSave != null) {
                pendingSaves.begin(lastSave);
            }
        }
        for (VncBridge v : viewers) {
            try {
                v.close(1000, "session ended: " + reason);
            } catch (RuntimeException e) { // the pending save below is cleared whatever a viewer does
                LOG.debug("AppStream session {}: a viewer did not close: {}", sessionId, e.toString());
            }
        }
        if (session.display != null) {
            try {
                session.display.close();
                synchronized (session.homeLock) { // a file transfer still running finishes before the user goes back to the pool
                    saveHome(session, true); // its processes have stopped: the home is as the user left it
                }
            } finally {
                if (lastSave != null) {
                    pendingSaves.done(lastSave);
                }
                users.give(session.display.user());
            }
        }
        LOG.info("AppStream session {} ended: {}", sessionId, reason);
        changed(session);
        warm.fillLater(); // an ALWAYS_ON fleet's instance is free again
    }

    private void sweep() {
        try {
            Instant now = clock.instant();
            Map<String, String> ending = new HashMap<>();
            List<VncBridge> idle = new ArrayList<>();
            List<StreamSession> homesDue = new ArrayList<>();
            synchronized (this) {
                dropExpiredTickets();
                for (StreamSession s : sessions.values()) {
                    if (!"ACTIVE".equals(s.state)) {
                        continue;
                    }
                    if (s.homeSaveDue(now, homeSaveEvery)) {
                        s.homeSaveQueued = true;
                        s.lastHomeSave = now;
                        homesDue.add(s);
                    }
                    String reason = s.endReason(now);
                    if (reason != null) {
                        ending.put(s.id, reason);
                    } else if (s.idle(now)) {
                        idle.addAll(s.connections);
                    }
                }
            }
            homesDue.forEach(s -> homeSaver.execute(() -> periodicHomeSave(s)));
            idle.forEach(v -> v.close(1000, "idle disconnect timeout"));
            ending.forEach(this::end);
        } catch (RuntimeException e) {
            LOG.warn("AppStream sweep failed", e);
        }
    }

    private void checkCap(SessionRequest request) throws StreamingException {
        long running = sessions.values().stream().filter(s -> s.request.fleetArn().equals(request.fleetArn())).count();
        if (request.maxConcurrentSessions() > 0 && running >= request.maxConcurrentSessions()) {
            throw new StreamingException("The fleet " + request.fleetName() + " has no available capacity: "
                    + running + " of " + request.maxConcurrentSessions() + " sessions are in use", true);
        }
    }

    private Optional<StreamSession> findSeat(SessionRequest request) {
        return sessions.values().stream().filter(s -> s.sameSeat(request)).findFirst();
    }

    private void dropExpiredTickets() {
        Instant now = clock.instant();
        tickets.values().removeIf(t -> !now.isBefore(t.expires()));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void changed(StreamSession session) {
        SessionView view;
        synchronized (this) {
            view = session.view();
        }
        for (SessionListener l : listeners) {
            try {
                l.changed(view);
            } catch (RuntimeException e) {
                LOG.warn("AppStream session listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        homeSaver.shutdownNow();
        warm.close();
        List<String> ids;
        synchronized (this) {
            ids = List.copyOf(sessions.keySet());
        }
        ids.forEach(id -> end(id, "Haneul stopped"));
    }
}
