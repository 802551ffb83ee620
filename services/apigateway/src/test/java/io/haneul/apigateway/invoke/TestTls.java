package io.haneul.apigateway.invoke;

import io.haneul.core.tls.SelfSignedCertificates;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A self-signed certificate for a loopback TLS backend, and a client socket factory that trusts it. */
final class TestTls {

    private static final char[] PASSWORD = "test".toCharArray();

    private final KeyPair keys = SelfSignedCertificates.newEcKeyPair();
    private final X509Certificate certificate;

    /** A certificate naming these DNS names and IP addresses. */
    TestTls(List<String> dnsNames, List<String> ips) {
        Instant now = Instant.now();
        certificate = SelfSignedCertificates.create(keys, "CN=backend", dnsNames, ips, now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)));
    }

    /** A loopback TLS server socket presenting the certificate. */
    ServerSocket serverSocket() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("backend", keys.getPrivate(), PASSWORD, new Certificate[]{certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** Client sockets that trust the certificate (and nothing else). */
    SSLSocketFactory trustingClient() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("backend", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
