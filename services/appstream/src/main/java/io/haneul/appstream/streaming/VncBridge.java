package io.haneul.appstream.streaming;

import io.haneul.core.dataplane.WebSocketEndpoint;
import io.haneul.core.dataplane.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutionException;

/**
 * One viewer's WebSocket bridged to its session's VNC Unix socket, binary frames both ways. What
 * Xvnc sends is read on a virtual thread and each frame waits for the browser to take it before the
 * next read (back-pressure). From the browser, a message that starts with an RFB KeyEvent (4),
 * PointerEvent (5) or ClientCutText (6) counts as input for the idle timeout (noVNC sends each such
 * message on its own); ClientCutText is dropped when the stack forbids copying from the local device.
 */
final class VncBridge implements WebSocketEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(VncBridge.class);
    private static final int KEY_EVENT = 4;
    private static final int POINTER_EVENT = 5;
    private static final int CLIENT_CUT_TEXT = 6;

    private final XvncStreamingEngine engine;
    private final StreamSession session;
    private final boolean pasteAllowed;
    private volatile SocketChannel vnc;
    private volatile WebSocketSession socket;
    /** The first client messages are the RFB handshake (version, security type, ClientInit), not input. */
    private int handshakeMessages;

    VncBridge(XvncStreamingEngine engine, StreamSession session) {
        this.engine = engine;
        this.session = session;
        Boolean paste = session.request.userSettings() == null ? null
                : session.request.userSettings().get("CLIPBOARD_COPY_FROM_LOCAL_DEVICE");
        this.pasteAllowed = paste == null || paste;
    }

    @Override
    public void onOpen(WebSocketSession ws) {
        this.socket = ws;
        SessionDisplay display = session.display;
        if (display == null) {
            ws.close(1011, "the session is not running");
            return;
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(display.vncSocket()));
            vnc = channel;
        } catch (IOException e) {
            LOG.warn("session {}: cannot reach its VNC socket: {}", session.id, e.toString());
            ws.close(1011, "the session's display does not answer");
            return;
        }
        engine.connected(session, this);
        Thread.ofVirtual().name("appstream-vnc-" + ws.id()).start(this::pump);
    }

    /** Xvnc to the browser, until either side closes. */
    private void pump() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (true) {
                buffer.clear();
                int n = vnc.read(buffer);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                ByteBuffer frame = ByteBuffer.allocate(n).put(buffer).flip();
                socket.sendBinary(frame).get();
            }
            socket.close(1000, "the session's display closed");
        } catch (IOException | ExecutionException e) {
            if (socket.isOpen()) {
                socket.close(1011, "bridge failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeVnc();
        }
    }

    @Override
    public void onBinary(WebSocketSession ws, ByteBuffer data) {
        SocketChannel channel = vnc;
        if (channel == null || !data.hasRemaining()) {
            return;
        }
        int type = data.get(data.position()) & 0xFF;
        if (handshakeMessages < 3) {
            handshakeMessages++;
        } else if (type == KEY_EVENT || type == POINTER_EVENT || type == CLIENT_CUT_TEXT) {
            engine.input(session);
            if (type == CLIENT_CUT_TEXT && !pasteAllowed) {
                return;
            }
        }
        try {
            while (data.hasRemaining()) {
                channel.write(data);
            }
        } catch (IOException e) {
            ws.close(1011, "the session's display closed");
        }
    }

    @Override
    public void onClose(WebSocketSession ws, int code, String reason) {
        closeVnc();
        engine.disconnected(session, this);
    }

    @Override
    public void onError(WebSocketSession ws, Throwable cause) {
        closeVnc();
    }

    /** Closes the viewer's connection (idle timeout, session end). */
    void close(int code, String reason) {
        WebSocketSession ws = socket;
        if (ws != null && ws.isOpen()) {
            ws.close(code, reason);
        }
        closeVnc();
    }

    private void closeVnc() {
        SocketChannel channel = vnc;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
