package io.haneul.apigateway.invoke;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Jetty's HTTP parser finds in one backend answer: status, header fields in their order (at most
 * {@link #MAX_HEADER_BYTES} of them, counted here: Jetty's own limit fails an assertion on answers), the
 * body (de-chunked, at most {@code limit} bytes), and whether the connection may carry another request
 * (HTTP/1.1 without {@code Connection: close}, or HTTP/1.0 with {@code Connection: keep-alive}).
 */
final class BackendAnswerCollector implements HttpParser.ResponseHandler {

    /** The most bytes an answer's header fields may take: a backend streaming headers is refused, not buffered. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private final int limit;
    private int headerBytes;
    private int status;
    private boolean persistent;
    private boolean keepAliveAsked;
    private boolean closeAsked;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>(12);
    private byte[] body = new byte[0];
    private int length;
    private boolean complete;
    private boolean interim;
    private boolean tooLarge;
    private String failure;

    BackendAnswerCollector(int limit) {
        this.limit = limit;
    }

    @Override
    public void startResponse(HttpVersion version, int status, String reason) {
        this.status = status;
        this.persistent = version == HttpVersion.HTTP_1_1;
    }

    @Override
    public void parsedHeader(HttpField field) {
        headerBytes += field.getName().length() + (field.getValue() == null ? 0 : field.getValue().length()) + 4;
        if (headerBytes > MAX_HEADER_BYTES) {
            failure = "the backend's answer has more than " + MAX_HEADER_BYTES + " bytes of headers";
            return;
        }
        headers.add(Map.entry(field.getName(), field.getValue() == null ? "" : field.getValue()));
        if (field.getHeader() == HttpHeader.CONNECTION) {
            String value = field.getValue() == null ? "" : field.getValue().toLowerCase(Locale.ROOT);
            closeAsked |= value.contains("close");
            keepAliveAsked |= value.contains("keep-alive");
        } else if (field.getHeader() == HttpHeader.CONTENT_LENGTH && length == 0) {
            try {
                long declared = Long.parseLong(field.getValue().trim());
                if (declared > 0 && declared <= limit) {
                    body = new byte[(int) declared]; // the usual case: one array, filled in place
                }
            } catch (NumberFormatException e) {
                // the parser refuses it as a bad message
            }
        }
    }

    @Override
    public boolean headerComplete() {
        return false;
    }

    @Override
    public boolean content(ByteBuffer content) {
        int n = content.remaining();
        if (n > limit - length) {
            tooLarge = true;
            content.position(content.limit());
            return true; // stops the parser: the answer is refused
        }
        if (length + n > body.length) {
            body = Arrays.copyOf(body, Math.max(length + n, Math.min(limit, Math.max(256, body.length * 2))));
        }
        content.get(body, length, n);
        length += n;
        return false;
    }

    @Override
    public boolean contentComplete() {
        return false;
    }

    @Override
    public boolean messageComplete() {
        if (status >= 100 && status < 200 && status != 101) {
            interim = true;
        } else {
            complete = true;
        }
        return true;
    }

    @Override
    public void earlyEOF() {
        failure = "the backend closed the connection before the end of its answer";
    }

    @Override
    public void badMessage(HttpException e) {
        failure = "the backend's answer is not HTTP: " + e.getReason();
    }

    boolean complete() {
        return complete;
    }

    /** The answer parsed was an interim (1xx) one, which is not kept. */
    boolean interim() {
        return interim;
    }

    /** Forgets an interim answer, for the final one that follows it on the connection. */
    void restart() {
        status = 0;
        persistent = false;
        keepAliveAsked = false;
        closeAsked = false;
        headers.clear();
        headerBytes = 0;
        body = new byte[0];
        length = 0;
        interim = false;
    }

    boolean tooLarge() {
        return tooLarge;
    }

    /** Why the answer cannot be used, or null. */
    String failure() {
        return failure;
    }

    boolean persistent() {
        return status != 101 && !closeAsked && (persistent || keepAliveAsked);
    }

    BackendClient.Answer answer() {
        return new BackendClient.Answer(status, headers, length == body.length ? body : Arrays.copyOf(body, length));
    }
}
