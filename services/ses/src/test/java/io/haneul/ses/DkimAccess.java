package io.haneul.ses;

import java.security.interfaces.RSAPrivateKey;

/** Test access to {@link Dkim}. */
public final class DkimAccess {
    private DkimAccess() {
    }

    public static byte[] sign(byte[] raw, String domain, String selector, RSAPrivateKey key) {
        return Dkim.sign(raw, domain, selector, key);
    }
}
