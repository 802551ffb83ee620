package io.haneul.sns;

import io.haneul.sns.store.KeyStore;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageSignerTest {

    @TempDir
    Path dir;

    private static boolean verifies(X509Certificate cert, String algorithm, String text, String signature) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initVerify(cert.getPublicKey());
        s.update(text.getBytes(StandardCharsets.UTF_8));
        return s.verify(Base64.getDecoder().decode(signature));
    }

    @Test
    void signsWithAPersistentSelfSignedKey() throws Exception {
        String pem;
        String path;
        try (Database db = Databases.open(StorageConfig.parse("sqlite"), dir)) {
            MessageSigner signer = new MessageSigner(new KeyStore(db), Clock.systemUTC());
            X509Certificate cert = signer.certificate();
            cert.checkValidity();
            cert.verify(cert.getPublicKey());
            assertTrue(cert.getSubjectX500Principal().getName().contains("CN=sns.amazonaws.com"));
            assertEquals("SHA256withRSA", cert.getSigAlgName());
            assertTrue(verifies(cert, "SHA1withRSA", "text", signer.sign("text", "1")));
            assertTrue(verifies(cert, "SHA256withRSA", "text", signer.sign("text", "2")));
            pem = signer.pem();
            path = signer.certificatePath();
            assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"));
            assertTrue(path.matches("/_haneul/sns/certs/SimpleNotificationService-[0-9a-f]{32}\\.pem"));
        }
        try (Database db = Databases.open(StorageConfig.parse("sqlite"), dir)) {
            MessageSigner again = new MessageSigner(new KeyStore(db), Clock.systemUTC());
            assertEquals(pem, again.pem(), "the key survives a restart");
            assertEquals(path, again.certificatePath());
        }
    }
}
