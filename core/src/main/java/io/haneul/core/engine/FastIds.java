package io.haneul.core.engine;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for request and message ids. {@link UUID#randomUUID()} draws from
 * SecureRandom, which serialises threads on the system's entropy source; these ids only need to be
 * unique, not unguessable, so a thread-local generator serves every request without contention.
 * Anything that must be unguessable (receipt handles, tokens) is protected by an HMAC or uses
 * SecureRandom itself.
 */
public final class FastIds {

    private FastIds() {
    }

    public static String uuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
