package io.haneul.appstream.streaming;

import io.haneul.appstream.streaming.SessionRequest.Launch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.StandardOpenOption;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One session's X display and what runs in it, all as the session's OS user: Xvnc on display
 * {@code :N} serving VNC only on a Unix socket (mode 0600, no TCP listener; security type None is
 * safe there because only the user and Haneul can open it), the X display guarded by a cookie only
 * the session's processes get, a window manager that fills the screen with the application (as
 * AppStream's application streaming shows one app), and the application. {@link #close()} ends the
 * whole tree: each child's descendants, and, for a pool user, every process left running as that
 * user (a daemonised grandchild is reparented away from Haneul, so descendants alone would miss it).
 */
class SessionDisplay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionDisplay.class);
    private static final Path X11_SOCKETS = Path.of("/tmp/.X11-unix");

    /** Where the programs are and how sessions look; from settings. */
    record Programs(String xvnc, String windowManager, String geometry, Path runRoot, Path logDir) {
    }

    private final SessionUsers.OsUser user;
    private final int display;
    private final Path runDir;
    private final Path vncSocket;
    private final List<Process> processes = new ArrayList<>();
    private Process app;

    /** A display with no process yet (Xvnc is the first {@link #start} or {@link #prepare} spawns). */
    SessionDisplay(SessionUsers.OsUser user, int display, Path runDir) {
        this.user = user;
        this.display = display;
        this.runDir = runDir;
        this.vncSocket = runDir.resolve("vnc");
    }

    /**
     * Starts Xvnc on the first free display from {@code firstDisplay}, then the window manager and the
     * application with {@code environment} (AppStream's variables) added to the session's own.
     */
    static SessionDisplay start(Programs programs, SessionUsers.OsUser user, String sessionId, int firstDisplay,
                                Launch launch, Map<String, String> environment, SecureRandom random) throws StreamingException {
        return start(programs, user, sessionId, firstDisplay, launch, environment, Map.of(), random);
    }

    /**
     * @param userSettings the stack's user settings (action to enabled); the clipboard ones are enforced by
     *                     Xvnc itself, whatever a viewer sends
     */
    static SessionDisplay start(Programs programs, SessionUsers.OsUser user, String sessionId, int firstDisplay,
                                Launch launch, Map<String, String> environment, Map<String, Boolean> userSettings,
                                SecureRandom random) throws StreamingException {
        SessionDisplay display = prepare(programs, user, sessionId, firstDisplay, userSettings, random);
        try {
            display.launch(programs, sessionId, launch, environment);
            return display;
        } catch (StreamingException | RuntimeException e) {
            display.close();
            throw e;
        }
    }

    /**
     * Starts Xvnc on the first free display from {@code firstDisplay} and the window manager, with no
     * application yet: a display ready for a session ({@link #launch}), as an ALWAYS_ON fleet keeps them.
     *
     * @param label names the display's logs (a session id, or a pre-warmed display's own)
     */
    static SessionDisplay prepare(Programs programs, SessionUsers.OsUser user, String label, int firstDisplay,
                                  Map<String, Boolean> userSettings, SecureRandom random) throws StreamingException {
        Path runDir = user.switched() ? user.home().resolve(".haneul-session") : programs.runRoot().resolve(label);
        if (user.switched()) {
            socketFolder();
        }
        for (int n = firstDisplay; n < firstDisplay + 200; n++) {
            if (Files.exists(X11_SOCKETS.resolve("X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                continue;
            }
            SessionDisplay display = new SessionDisplay(user, n, runDir);
            try {
                if (display.startServer(programs, label, clipboardOptions(userSettings), random)) {
                    display.startWindowManager(programs, label);
                    return display;
                }
            } catch (StreamingException | RuntimeException e) {
                display.close();
                throw e;
            }
            display.close();
        }
        throw new StreamingException("no free X display from :" + firstDisplay, false);
    }

    /**
     * Makes {@code /tmp/.X11-unix} as X expects it (root's, mode 1777) when it is missing, as on a fresh
     * machine: an X server run as a pool user would otherwise make it that user's.
     */
    private static void socketFolder() throws StreamingException {
        if (Files.isDirectory(X11_SOCKETS)) {
            return;
        }
        try {
            Process p = new ProcessBuilder("mkdir", "-p", "-m", "1777", X11_SOCKETS.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0 && !Files.isDirectory(X11_SOCKETS)) {
                throw new StreamingException("cannot make " + X11_SOCKETS + ": " + out.trim(), false);
            }
        } catch (IOException e) {
            throw new StreamingException("cannot make " + X11_SOCKETS + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamingException("interrupted", false);
        }
    }

    /** The VNC server's Unix socket, which the WebSocket bridge connects to. */
    Path vncSocket() {
        return vncSocket;
    }

    int display() {
        return display;
    }

    SessionUsers.OsUser user() {
        return user;
    }

    /** Completes when the application exits (the session then ends, as when the user closes the last app). */
    CompletableFuture<Process> applicationExit() {
        return app.onExit();
    }

    /** True while the display's X server (its first process, Xvnc) runs. */
    boolean alive() {
        return !processes.isEmpty() && processes.getFirst().isAlive();
    }

    /** Process ids that belong to the session now: its children and their descendants. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Process p : processes) {
            if (p.isAlive()) {
                pids.add(p.pid());
            }
            p.descendants().forEach(d -> pids.add(d.pid()));
        }
        return pids;
    }

    /** True when Xvnc came up on this display; false when the display was taken meanwhile. */
    /** Xvnc's own switches for the stack's clipboard settings (a disabled direction is refused by the server). */
    static List<String> clipboardOptions(Map<String, Boolean> userSettings) {
        List<String> options = new ArrayList<>();
        if (Boolean.FALSE.equals(userSettings.get("CLIPBOARD_COPY_FROM_LOCAL_DEVICE"))) {
            options.add("-AcceptCutText=0");
        }
        if (Boolean.FALSE.equals(userSettings.get("CLIPBOARD_COPY_TO_LOCAL_DEVICE"))) {
            options.add("-SendCutText=0");
        }
        return options;
    }

    private boolean startServer(Programs programs, String sessionId, List<String> clipboard, SecureRandom random) throws StreamingException {
        try {
            // A pool user's run folder is in its home, which it controls: whatever stands there (a link to a
            // system folder, say) is removed, the folder is made anew, and nothing below follows links, so
            // root never changes anything outside it. (No process of the user runs now: SessionUsers ends them.)
            if (user.switched()) {
                removeWithoutFollowing(runDir);
                Files.createDirectory(runDir);
            } else {
                Files.createDirectories(runDir);
            }
            PosixFileAttributeView folder = Files.getFileAttributeView(runDir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            folder.setPermissions(PosixFilePermissions.fromString("rwx------"));
            Files.deleteIfExists(vncSocket);
            Path auth = runDir.resolve("Xauthority");
            Files.deleteIfExists(auth);
            Files.write(auth, XAuthority.file(display, XAuthority.newCookie(random)), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributeView authView = Files.getFileAttributeView(auth, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            authView.setPermissions(PosixFilePermissions.fromString("rw-------"));
            if (user.switched()) {
                var owner = runDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user.name());
                authView.setOwner(owner);
                folder.setOwner(owner);
            }
        } catch (IOException e) {
            throw new StreamingException("cannot prepare the session's folder " + runDir + ": " + e.getMessage(), false);
        }
        if (!Files.isExecutable(Path.of(programs.xvnc()))) {
            throw new StreamingException("no Xvnc at " + programs.xvnc()
                    + " (install it with: apt-get install -y tigervnc-standalone-server; ./haneul run does when root)", false);
        }
        List<String> command = new ArrayList<>(List.of(programs.xvnc(), ":" + display,
                "-rfbunixpath", vncSocket.toString(), "-rfbunixmode", "0600", "-rfbport", "-1",
                "-SecurityTypes", "None", "-nolisten", "tcp", "-auth", runDir.resolve("Xauthority").toString(),
                "-geometry", programs.geometry(), "-depth", "24", "-AlwaysShared", "-AcceptSetDesktopSize=0",
                "-desktop", "Haneul AppStream"));
        command.addAll(clipboard);
        Process xvnc = spawn(programs, sessionId, "xvnc", command, Map.of(), user.home());
        // Xvnc's socket appears once it accepts viewers; it exits at once when the display is taken
        for (int i = 0; i < 200; i++) {
            if (Files.exists(vncSocket)) {
                return true;
            }
            if (!xvnc.isAlive()) {
                return false;
            }
            sleep(25);
        }
        throw new StreamingException("Xvnc did not start on :" + display + " within 5 s", false);
    }

    /** The display's own variables: where the X server is and the cookie that opens it. */
    private Map<String, String> xEnvironment() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("DISPLAY", ":" + display);
        env.put("XAUTHORITY", runDir.resolve("Xauthority").toString());
        return env;
    }

    private void startWindowManager(Programs programs, String label) throws StreamingException {
        if (programs.windowManager() != null && !programs.windowManager().isBlank()
                && Files.isExecutable(Path.of(programs.windowManager().split(" ")[0]))) {
            spawn(programs, label, "wm", List.of(programs.windowManager().split(" ")), xEnvironment(), user.home());
        }
    }

    /**
     * Starts the session's application on this display with {@code environment} (AppStream's variables)
     * added to the display's own.
     */
    void launch(Programs programs, String sessionId, Launch launch, Map<String, String> environment) throws StreamingException {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.putAll(xEnvironment());
        if (!Files.isExecutable(Path.of(launch.launchPath()))) {
            throw new StreamingException("the application's LaunchPath " + launch.launchPath() + " is not an executable file", false);
        }
        env.put("HANEUL_LAUNCH_PATH", launch.launchPath());
        String parameters = launch.launchParameters() == null ? "" : launch.launchParameters();
        Path cwd = launch.workingDirectory() == null || launch.workingDirectory().isBlank()
                ? user.home() : Path.of(launch.workingDirectory());
        // LaunchParameters are one command line, as on AppStream's instances: a POSIX shell splits them
        app = spawn(programs, sessionId, "app", List.of("/bin/sh", "-c", "exec \"$HANEUL_LAUNCH_PATH\" " + parameters),
                env, Files.isDirectory(cwd) ? cwd : user.home());
    }

    private Process spawn(Programs programs, String sessionId, String role, List<String> command, Map<String, String> extra, Path cwd)
            throws StreamingException {
        ProcessBuilder builder = new ProcessBuilder(AsUser.commandLine(user, command)).directory(cwd.toFile());
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        String lang = env.get("LANG");
        env.clear();
        env.put("PATH", path);
        if (lang != null) {
            env.put("LANG", lang);
        }
        env.put("HOME", user.home().toString());
        env.put("USER", user.name());
        env.put("LOGNAME", user.name());
        env.put("SHELL", "/bin/sh");
        env.putAll(extra);
        try {
            Files.createDirectories(programs.logDir());
            File log = programs.logDir().resolve(sessionId + "." + role + ".log").toFile();
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = builder.start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new StreamingException("cannot start " + command.getFirst() + ": " + e.getMessage(), false);
        }
    }

    /** Removes a file, a link (not what it points to) or a folder tree, never following links. */
    static void removeWithoutFollowing(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> all = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(path)) { // Files.walk does not follow links unless told to
                walk.forEach(all::add);
            }
            for (int i = all.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(all.get(i));
            }
        } else {
            Files.delete(path);
        }
    }

    /** Stops every process of the session, the application first and Xvnc last, and removes its files. */
    @Override
    public void close() {
        // TERM first, then KILL for what is left or appeared meanwhile (a child forked while we stopped its parent)
        if (!ProcessRounds.stop(this::sessionProcesses, true, Duration.ofSeconds(2))) {
            LOG.debug("processes of session display :{} still running after {} rounds", display, ProcessRounds.ROUNDS);
        }
        for (Process p : processes) {
            try {
                p.waitFor(2, TimeUnit.SECONDS); // reaped: no zombie is left behind
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(vncSocket);
            Files.deleteIfExists(runDir.resolve("Xauthority"));
            Files.deleteIfExists(runDir);
        } catch (IOException e) {
            LOG.debug("session folder {} not removed: {}", runDir, e.toString());
        }
    }

    /** The session's children, their descendants, and for a pool user every process running as that user. */
    private List<ProcessHandle> sessionProcesses() {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        if (user.switched()) {
            try (Stream<ProcessHandle> everyone = ProcessHandle.allProcesses()) {
                everyone.filter(h -> h.info().user().map(user.name()::equals).orElse(false)).forEach(all::add);
            }
        }
        return all;
    }

    private static void sleep(long millis) throws StreamingException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamingException("interrupted", false);
        }
    }
}
