package io.haneul.ses.domain;

import java.security.interfaces.RSAPrivateKey;

/** Reaches the package-private signer from domain tests. */
final class TestDkim {
    private TestDkim() {
    }

    static byte[] sign(byte[] raw, String domain, String selector, RSAPrivateKey key) {
        return io.haneul.ses.DkimAccess.sign(raw, domain, selector, key);
    }
}
