package io.haneul.it.sns;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An HTTP endpoint on 127.0.0.1 that records what SNS POSTs to it and answers with scripted statuses
 * (200 once the script runs out); it can also confirm subscriptions by GETting the SubscribeURL (answering
 * confirmations 200). Its delay must stay under the JDK server's 2 s limit for a connection's first request.
 */
final class HttpEndpoint implements AutoCloseable {

    /** One request as received. */
    record Received(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private volatile int defaultStatus = 200;
    private volatile long delayMillis;
    private volatile boolean autoConfirm;

    HttpEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> String.join(",", e.getValue()), (a, b) -> a));
            Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body);
            boolean confirmation = "SubscriptionConfirmation".equals(r.header("x-amz-sns-message-type"));
            int status;
            synchronized (script) {
                status = confirmation && autoConfirm ? 200 : script.isEmpty() ? defaultStatus : script.poll();
            }
            if (autoConfirm && confirmation) {
                SnsTesting.get(SnsTesting.json(body).get("SubscribeURL").asText());
            }
            received.add(r);
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return url("127.0.0.1", path);
    }

    /** The URL of {@code path} on this endpoint through another name of its host (e.g. {@code localhost}). */
    String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    HttpEndpoint respond(Integer... statuses) {
        synchronized (script) {
            script.addAll(List.of(statuses));
        }
        return this;
    }

    HttpEndpoint defaultStatus(int status) {
        this.defaultStatus = status;
        return this;
    }

    HttpEndpoint delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    HttpEndpoint autoConfirm() {
        this.autoConfirm = true;
        return this;
    }

    /** The next request, waiting up to {@code seconds}; fails when none comes. */
    Received next(int seconds) throws InterruptedException {
        Received r = received.poll(seconds, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request within " + seconds + " s");
        }
        return r;
    }

    /** The next request of a message type (skipping others), waiting up to {@code seconds}. */
    Received next(String messageType, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Received r = received.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (r != null && messageType.equals(r.header("x-amz-sns-message-type"))) {
                return r;
            }
        }
        throw new AssertionError("no " + messageType + " within " + seconds + " s");
    }

    /** Asserts nothing arrives for {@code millis}. */
    void assertQuiet(long millis) throws InterruptedException {
        Received r = received.poll(millis, TimeUnit.MILLISECONDS);
        if (r != null) {
            throw new AssertionError("unexpected request: " + r);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
