package io.haneul.server.bench;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The benchmark's ceiling: the same Jetty setup as Haneul (virtual threads, blocking handler that
 * reads the whole body) answering a constant. {@code java ... BareJettyServer PORT}.
 */
public final class BareJettyServer {

    private BareJettyServer() {
    }

    public static void main(String[] args) throws Exception {
        byte[] body = ("<GetCallerIdentityResponse><GetCallerIdentityResult><Account>000000000000</Account>"
                + "</GetCallerIdentityResult></GetCallerIdentityResponse>").getBytes(StandardCharsets.UTF_8);
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(new HttpConfiguration()));
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract(Handler.Abstract.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    in.readAllBytes();
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
        System.out.println("bare jetty ready on " + connector.getLocalPort());
        server.join();
    }
}
