package io.haneul.server.http;

import io.haneul.core.tls.SelfSignedCertificates;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTPS listener ({@code --tls-port}): the same handler as the plain port, over TLS (HTTP/1.1), so
 * that clients reach every API and data plane with {@code https://}; planes see the scheme as
 * {@code https} ({@code DataPlaneCall.scheme()}). It presents a self-signed certificate (EC P-256) for
 * {@code localhost}, {@code 127.0.0.1} and the listen host, made on the first start and kept under
 * {@code <data-dir>/tls/} ({@code haneul.p12}, and {@code haneul.pem} for clients to trust, e.g.
 * {@code AWS_CA_BUNDLE}), so that it stays the same across restarts.
 */
public final class TlsListener {

    private static final char[] PASSWORD = "haneul".toCharArray(); // a local self-signed key; the file is the owner's only
    private static final String STORE = "haneul.p12";
    public static final String CERTIFICATE = "haneul.pem";

    private TlsListener() {
    }

    /** Adds the HTTPS connector on {@code host:port} to {@code jetty} (not started). */
    public static ServerConnector add(Server jetty, HttpConfiguration plain, String host, int port, long idleMillis,
                                      Path dataDir, Clock clock) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keyStore(dataDir.resolve("tls"), host, clock));
        tls.setKeyStorePassword(new String(PASSWORD));
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

    /** The kept key store, or a new one (written with its PEM certificate beside it). */
    static KeyStore keyStore(Path dir, String host, Clock clock) {
        Path file = dir.resolve(STORE);
        try {
            if (Files.exists(file)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, PASSWORD);
                }
                return store;
            }
            KeyPair keys = SelfSignedCertificates.newEcKeyPair();
            X509Certificate certificate = SelfSignedCertificates.create(keys, "CN=localhost", dnsNames(host), ips(host),
                    clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(3650)));
            KeyStore store = SelfSignedCertificates.keyStore(keys, certificate, PASSWORD);
            Files.createDirectories(dir);
            Path partial = dir.resolve(STORE + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                ownerOnly(partial);
                store.store(out, PASSWORD);
            }
            Files.writeString(dir.resolve(CERTIFICATE), SelfSignedCertificates.pem(certificate));
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the TLS certificate under " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the TLS key store " + file, e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection applies
        }
    }

    private static List<String> dnsNames(String host) {
        List<String> names = new ArrayList<>(List.of("localhost"));
        if (!isIp(host) && !host.equals("localhost")) {
            names.add(host);
        }
        return names;
    }

    private static List<String> ips(String host) {
        List<String> ips = new ArrayList<>(List.of("127.0.0.1"));
        if (isIp(host) && !host.equals("127.0.0.1") && !host.equals("0.0.0.0")) {
            ips.add(host);
        }
        return ips;
    }

    private static boolean isIp(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
