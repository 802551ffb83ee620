package io.haneul.apigateway.invoke;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP client of the HTTP integrations: Jetty's, pooled keep-alive connections per backend
 * (the JDK's client serialised 64 concurrent proxied calls on its selector and fell to a few hundred
 * requests/s, see docs/BENCHMARKS.md). Forwards exactly what it is given: no cookies, no
 * {@code Accept-Encoding} or decoding of its own, no redirects followed, no User-Agent added. HTTP
 * APIs' {@code HTTP_PROXY} integrations use it too.
 */
public final class BackendClient implements AutoCloseable {

    /** API Gateway's payload limit: a larger backend answer is not read. */
    static final int MAX_RESPONSE = 10 * 1024 * 1024;

    private HttpClient client;

    /** A backend's answer. */
    public record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    }

    /** The call took longer than the integration's timeout. */
    public static final class TimedOut extends Exception {
        TimedOut(Throwable cause) {
            super(cause);
        }
    }

    /**
     * @param headers name, value pairs sent as they are
     * @throws TimedOut    after {@code timeoutMillis}
     * @throws IOException when the backend cannot be reached or its answer read
     */
    public Answer send(String method, URI target, List<Map.Entry<String, String>> headers, byte[] body, long timeoutMillis)
            throws TimedOut, IOException, InterruptedException {
        Request request = client().newRequest(target).method(method).timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .headers(h -> headers.forEach(e -> h.add(e.getKey(), e.getValue())));
        if (body.length > 0) {
            String type = null;
            for (Map.Entry<String, String> e : headers) {
                if (e.getKey().equalsIgnoreCase("Content-Type")) {
                    type = e.getValue();
                }
            }
            request.body(new BytesRequestContent(type, body));
        }
        ContentResponse response;
        try {
            response = new CompletableResponseListener(request, MAX_RESPONSE).send().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new TimedOut(e.getCause());
            }
            throw new IOException(e.getCause());
        }
        List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
        response.getHeaders().forEach(f -> out.add(Map.entry(f.getName(), f.getValue())));
        return new Answer(response.getStatus(), out, response.getContent());
    }

    private synchronized HttpClient client() {
        if (client == null) {
            QueuedThreadPool threads = new QueuedThreadPool(64, 4);
            threads.setName("apigw-backend");
            threads.setDaemon(true);
            HttpClient c = new HttpClient();
            c.setExecutor(threads);
            c.setFollowRedirects(false);
            c.setUserAgentField(null);
            c.setHttpCookieStore(new HttpCookieStore.Empty());
            c.getContentDecoderFactories().clear();
            c.setConnectTimeout(10_000);
            c.setIdleTimeout(60_000);
            c.setMaxConnectionsPerDestination(256);
            try {
                c.start();
            } catch (Exception e) {
                throw new IllegalStateException("the API Gateway backend client did not start", e);
            }
            client = c;
        }
        return client;
    }

    @Override
    public synchronized void close() throws Exception {
        if (client != null) {
            client.stop();
            client = null;
        }
    }
}
