package io.haneul.s3.domain;

import java.time.Instant;

/**
 * An object version's Object Lock state: a retention (mode GOVERNANCE or COMPLIANCE until a date)
 * and a legal hold (ON or OFF), each optional. A protected version cannot be deleted: a legal hold
 * always protects, a retention until its date, GOVERNANCE unless the caller bypasses it.
 *
 * @param mode            GOVERNANCE, COMPLIANCE or null
 * @param retainUntil     epoch millis, or null
 * @param legalHold       ON, OFF or null
 */
public record ObjectLock(String mode, Long retainUntil, String legalHold) {

    public static final ObjectLock NONE = new ObjectLock(null, null, null);

    /** Parses the stored form {@code mode|until|hold} (empty parts absent); null or empty gives {@link #NONE}. */
    public static ObjectLock parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            return NONE;
        }
        String[] p = stored.split("\\|", -1);
        return new ObjectLock(p[0].isEmpty() ? null : p[0], p[1].isEmpty() ? null : Long.parseLong(p[1]), p[2].isEmpty() ? null : p[2]);
    }

    /** The stored form, or null for {@link #NONE}. */
    public String format() {
        if (mode == null && retainUntil == null && legalHold == null) {
            return null;
        }
        return (mode == null ? "" : mode) + "|" + (retainUntil == null ? "" : retainUntil) + "|" + (legalHold == null ? "" : legalHold);
    }

    public ObjectLock withRetention(String newMode, Long newUntil) {
        return new ObjectLock(newMode, newUntil, legalHold);
    }

    public ObjectLock withLegalHold(String hold) {
        return new ObjectLock(mode, retainUntil, hold);
    }

    public boolean hasRetention() {
        return mode != null && retainUntil != null;
    }

    /** Whether the version may not be deleted now. */
    public boolean protects(Instant now, boolean bypassGovernance) {
        if ("ON".equals(legalHold)) {
            return true;
        }
        if (!hasRetention() || retainUntil <= now.toEpochMilli()) {
            return false;
        }
        return "COMPLIANCE".equals(mode) || !bypassGovernance;
    }

    /**
     * Whether a retention may replace this one: COMPLIANCE can only be extended, GOVERNANCE can be
     * shortened, removed or changed only with the bypass.
     */
    public boolean allowsRetentionChange(String newMode, Long newUntil, Instant now, boolean bypassGovernance) {
        if (!hasRetention() || retainUntil <= now.toEpochMilli()) {
            return true;
        }
        boolean extends_ = newUntil != null && newUntil >= retainUntil && mode.equals(newMode);
        if ("COMPLIANCE".equals(mode)) {
            return extends_;
        }
        return extends_ || bypassGovernance;
    }
}
