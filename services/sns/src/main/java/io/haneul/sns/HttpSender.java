package io.haneul.sns;

import io.haneul.sns.domain.HttpTargetRule;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs SNS messages to HTTP/S endpoints (15 s per request, like AWS; redirects are not followed).
 *
 * <p>Jetty's client rather than the JDK's: its {@link SocketAddressResolver} is pluggable, so each
 * connection goes to an address {@code --sns-http-allow} allowed after resolution
 * ({@link CheckedAddressResolver}), for HTTPS too; the JDK client resolves names itself and would
 * have to be trusted not to resolve them differently from a check made beforehand.
 *
 * <p>Failures are described in a few fixed words ({@link #describe}), never with the exception's
 * text: what a non-HTTP service answered (an SSH or SMTP banner) must not reach the dead letter's
 * {@code ErrorMessage}, which the subscriber reads. The client starts on the first delivery.
 */
final class HttpSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSender.class);
    private static final long CONNECT_TIMEOUT_MS = 5_000;
    private static final long REQUEST_TIMEOUT_MS = 15_000;

    /** How an attempt ended: the status, or -1 with the failure when no response came; {@code denied} when the address is not allowed. */
    record Outcome(int status, String failure, boolean denied) {
        static Outcome notAllowed() {
            return new Outcome(-1, "endpoint address not allowed by --sns-http-allow", true);
        }

        boolean delivered() {
            return status >= 200 && status < 300;
        }

        /** Worth retrying: no answer, throttled, or a server error; never a refused address. */
        boolean retryable() {
            return !denied && (status < 0 || status == 429 || status >= 500);
        }
    }

    private final HttpTargetRule rule;
    private HttpClient client;

    HttpSender(HttpTargetRule rule) {
        this.rule = rule;
    }

    Outcome post(String url, String contentType, Map<String, String> headers, String body) {
        if (!rule.allowsUrl(url)) {
            return Outcome.notAllowed();
        }
        Request request;
        try {
            request = client().newRequest(URI.create(url)).method(HttpMethod.POST)
                    .timeout(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .body(new StringRequestContent(contentType, body, StandardCharsets.UTF_8))
                    .headers(h -> headers.forEach(h::put));
        } catch (IllegalArgumentException e) {
            return new Outcome(400, "invalid endpoint URL", false);
        }
        CompletableFuture<Result> done = new CompletableFuture<>();
        request.send(done::complete);
        Result result;
        try {
            result = done.get(REQUEST_TIMEOUT_MS + CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            return new Outcome(-1, "interrupted", false);
        } catch (ExecutionException | TimeoutException e) {
            request.abort(e);
            return new Outcome(-1, "timed out", false);
        }
        if (result.isFailed()) {
            Throwable failure = result.getFailure();
            LOG.debug("SNS delivery to {} failed", url, failure);
            return refusedAddress(failure) ? Outcome.notAllowed() : new Outcome(-1, describe(failure), false);
        }
        int status = result.getResponse().getStatus();
        return new Outcome(status, status >= 300 ? "HTTP " + status : null, false);
    }

    private static boolean refusedAddress(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CheckedAddressResolver.EndpointNotAllowed) {
                return true;
            }
        }
        return false;
    }

    /** A failure in fixed words (see the class comment): what kind of failure, never what the other side sent. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String words = switch (t) {
                case CheckedAddressResolver.EndpointNotAllowed ignored -> "endpoint address not allowed by --sns-http-allow";
                case UnknownHostException ignored -> "host not found";
                case ConnectException ignored -> "connection refused";
                case NoRouteToHostException ignored -> "no route to host";
                case SocketTimeoutException ignored -> "timed out";
                case TimeoutException ignored -> "timed out";
                case SSLException ignored -> "TLS handshake failed";
                case BadMessageException ignored -> "invalid HTTP response";
                case HttpResponseException ignored -> "invalid HTTP response";
                case EOFException ignored -> "connection closed without a response";
                default -> null;
            };
            if (words != null) {
                return words;
            }
        }
        return "connection failed";
    }

    private synchronized HttpClient client() {
        if (client == null) {
            QueuedThreadPool threads = new QueuedThreadPool(32, 2);
            threads.setName("sns-http");
            threads.setDaemon(true);
            ScheduledExecutorScheduler timers = new ScheduledExecutorScheduler("sns-http-timers", true);
            HttpClient c = new HttpClient();
            c.setExecutor(threads);
            c.setScheduler(timers);
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setIdleTimeout(30_000);
            c.setFollowRedirects(false);
            c.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Amazon Simple Notification Service Agent"));
            c.setSocketAddressResolver(new CheckedAddressResolver(
                    new SocketAddressResolver.Async(threads, timers, CONNECT_TIMEOUT_MS), rule));
            try {
                c.start();
            } catch (Exception e) {
                throw new IllegalStateException("the SNS HTTP client did not start", e);
            }
            client = c;
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            try {
                client.stop();
            } catch (Exception e) {
                LOG.debug("stopping the SNS HTTP client", e);
            }
            client = null;
        }
    }
}
