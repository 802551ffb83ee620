package io.haneul.server.http;

import io.haneul.core.tls.SelfSignedCertificates;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The HTTPS listener's self-signed certificate, kept under {@code <data-dir>/tls/} (a directory only
 * its owner may enter): {@code haneul.p12} (key and certificate, owner-only from its creation) and
 * {@code haneul.pem} (the certificate, for clients to trust).
 *
 * <p>The key store is written to a fresh temporary file and published atomically: on the first start a
 * hard link that fails if another process published first (then that one is used, so two processes
 * starting together present the same certificate), later a rename over a kept certificate that no
 * longer fits ({@link CertificateNames#cover}, or outside its validity by the system clock). The PEM
 * is rewritten on every start from the store actually loaded. Dates come from the system clock: the
 * certificate is checked by clients against theirs, whatever clock the server's services run on.
 */
final class KeptCertificate {

    static final String STORE = "haneul.p12";
    static final String CERTIFICATE = "haneul.pem";
    static final char[] PASSWORD = "haneul".toCharArray(); // a local self-signed key; the file is the owner's only
    private static final String ALIAS = "server";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private KeptCertificate() {
    }

    /** The kept key store when it still fits {@code host}, else a new one; with its PEM beside it. */
    static KeyStore keyStore(Path dir, String host) {
        Path file = dir.resolve(STORE);
        try {
            OwnerOnlyFiles.directory(dir);
            KeyStore store;
            if (!Files.exists(file)) {
                store = publishFirst(dir, file, newStore(host));
            } else {
                store = load(file);
                if (!fits(certificate(store), host)) {
                    store = replace(dir, file, newStore(host));
                }
            }
            OwnerOnlyFiles.replace(dir, dir.resolve(CERTIFICATE),
                    SelfSignedCertificates.pem(certificate(store)).getBytes(StandardCharsets.US_ASCII));
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the TLS certificate under " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the TLS key store " + file, e);
        }
    }

    static X509Certificate certificate(KeyStore store) throws GeneralSecurityException {
        return (X509Certificate) store.getCertificate(ALIAS);
    }

    private static boolean fits(X509Certificate certificate, String host) throws CertificateException {
        try {
            certificate.checkValidity();
        } catch (CertificateException e) {
            return false;
        }
        return CertificateNames.cover(certificate, host);
    }

    private static KeyStore newStore(String host) {
        KeyPair keys = SelfSignedCertificates.newEcKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = SelfSignedCertificates.create(keys, "CN=localhost", CertificateNames.dnsNames(host),
                CertificateNames.ips(host), now.minus(Duration.ofDays(1)), now.plus(VALIDITY));
        return SelfSignedCertificates.keyStore(keys, certificate, PASSWORD);
    }

    /** Publishes {@code store} unless another start did first; answers the one published. */
    private static KeyStore publishFirst(Path dir, Path file, KeyStore store) throws IOException, GeneralSecurityException {
        Path temp = OwnerOnlyFiles.written(dir, bytes(store));
        try {
            Files.createLink(file, temp); // fails, unlike a rename, when the name is taken
            return store;
        } catch (FileAlreadyExistsException e) {
            return load(file);
        } catch (UnsupportedOperationException e) {
            try {
                Files.move(temp, file);
                return store;
            } catch (FileAlreadyExistsException taken) {
                return load(file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static KeyStore replace(Path dir, Path file, KeyStore store) throws IOException, GeneralSecurityException {
        Path temp = OwnerOnlyFiles.written(dir, bytes(store));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return store;
    }

    private static byte[] bytes(KeyStore store) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, PASSWORD);
        return out.toByteArray();
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Files.readAllBytes(file)), PASSWORD);
        return store;
    }
}
