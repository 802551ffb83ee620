package io.haneul.it.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling of the Lambda benchmark: the same bootstrap and handler Haneul runs, driven by the
 * smallest possible Runtime API server (the JDK's HttpServer, one event at a time, no store, no
 * logs, no accounting). The difference between Haneul's warm invoke and this loop is what Haneul's
 * API, pool and log capture cost.
 */
final class BareRuntimeLoop implements AutoCloseable {

    private final HttpServer server;
    private final SynchronousQueue<byte[]> events = new SynchronousQueue<>();
    private final BlockingQueue<byte[]> responses = new ArrayBlockingQueue<>(1);
    private final Process process;

    /**
     * @param command  the interpreter and bootstrap, e.g. {@code python3 -u python_bootstrap.py}
     * @param taskRoot the directory holding the handler's code
     * @param handler  the {@code _HANDLER} value
     */
    BareRuntimeLoop(List<String> command, Path taskRoot, String handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/2018-06-01/runtime/invocation/", this::handle);
        server.start();
        ProcessBuilder pb = new ProcessBuilder(command).directory(taskRoot.toFile()).inheritIO();
        Map<String, String> env = pb.environment();
        env.put("_HANDLER", handler);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "bare");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bare");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bare");
        env.put("AWS_REGION", "us-east-1");
        process = pb.start();
    }

    /** Hands one event to the waiting process and returns the handler's response. */
    byte[] invoke(byte[] event) throws InterruptedException {
        if (!events.offer(event, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the runtime never asked for an event");
        }
        byte[] response = responses.poll(30, TimeUnit.SECONDS);
        if (response == null) {
            throw new IllegalStateException("no response within 30 s");
        }
        return response;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            if (path.endsWith("/next")) {
                byte[] event = events.take();
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", UUID.randomUUID().toString());
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 30_000));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:000000000000:function:bare");
                reply(exchange, 200, event);
            } else {
                reply(exchange, 202, "{}".getBytes(StandardCharsets.UTF_8));
                responses.put(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        server.stop(0);
    }
}
