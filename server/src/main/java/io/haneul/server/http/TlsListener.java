package io.haneul.server.http;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.nio.file.Path;

/**
 * The HTTPS listener ({@code --tls-port}): the same handler as the plain port, over TLS (HTTP/1.1), so
 * that clients reach every API and data plane with {@code https://}; planes see the scheme as
 * {@code https} ({@code DataPlaneCall.scheme()}; the handler takes the scheme from the connection). It
 * presents a self-signed certificate (EC P-256) for {@code localhost}, the loopback addresses and the
 * listen host, made on the first start and kept under {@code <data-dir>/tls/} ({@link KeptCertificate};
 * {@code haneul.pem} for clients to trust, e.g. {@code AWS_CA_BUNDLE}), so that it stays the same across
 * restarts while it still fits.
 */
public final class TlsListener {

    /** The file under {@code <data-dir>/tls/} that clients trust. */
    public static final String CERTIFICATE = KeptCertificate.CERTIFICATE;

    private TlsListener() {
    }

    /** Adds the HTTPS connector on {@code host:port} to {@code jetty} (not started). */
    public static ServerConnector add(Server jetty, HttpConfiguration plain, String host, int port, long idleMillis,
                                      Path dataDir) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(KeptCertificate.keyStore(dataDir.resolve("tls"), host));
        tls.setKeyStorePassword(new String(KeptCertificate.PASSWORD));
        HttpConfiguration https = new HttpConfiguration(plain);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // the host-style endpoints (<name>.<service>.localhost) are not in the certificate
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(jetty, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleMillis);
        jetty.addConnector(connector);
        return connector;
    }
}
