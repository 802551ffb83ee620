package io.haneul.core.routing;

import java.util.Locale;

/**
 * A host name pattern a module claims, such as {@code *.execute-api.localhost} or
 * {@code *.s3-website*}: {@code *} stands for any non-empty run of characters, dots included (bucket
 * names and API ids may hold dots), everything else matches literally and case-insensitively. When
 * several patterns match one host, the one with the most literal characters wins
 * ({@link #specificity}), so {@code *.s3-website*} beats {@code *.localhost}.
 */
public final class HostPattern {

    private final String pattern;
    private final String[] literals;
    private final boolean leadingStar;
    private final boolean trailingStar;
    private final int specificity;

    private HostPattern(String pattern) {
        this.pattern = pattern.toLowerCase(Locale.ROOT);
        if (this.pattern.isEmpty() || this.pattern.contains("**") || this.pattern.equals("*")) {
            throw new IllegalArgumentException("host pattern needs literal text between wildcards: " + pattern);
        }
        this.leadingStar = this.pattern.startsWith("*");
        this.trailingStar = this.pattern.endsWith("*");
        this.literals = java.util.Arrays.stream(this.pattern.split("\\*")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        this.specificity = this.pattern.replace("*", "").length();
    }

    public static HostPattern of(String pattern) {
        return new HostPattern(pattern);
    }

    /** Whether {@code hostName} (lower case, no port, as {@link io.haneul.core.wire.WireRequest#hostName}) matches. */
    public boolean matches(String hostName) {
        if (!leadingStar && !trailingStar && literals.length == 1) {
            return hostName.equals(literals[0]);
        }
        int at = 0;
        for (int i = 0; i < literals.length; i++) {
            String literal = literals[i];
            boolean first = i == 0;
            boolean last = i == literals.length - 1;
            if (first && !leadingStar) {
                if (!hostName.startsWith(literal)) {
                    return false;
                }
                at = literal.length();
            } else if (last && !trailingStar) {
                // the last literal ends the host; a star before it needs at least one character
                int end = hostName.length() - literal.length();
                if (end < at + 1 || !hostName.endsWith(literal)) {
                    return false;
                }
                at = hostName.length();
            } else {
                int found = hostName.indexOf(literal, at + 1);
                if (found < 0) {
                    return false;
                }
                at = found + literal.length();
            }
        }
        return !trailingStar || at < hostName.length();
    }

    /** The text before the first literal: what {@code *} stood for at the start (e.g. the bucket or API id), or null. */
    public String leadingWildcard(String hostName) {
        if (!leadingStar || !matches(hostName)) {
            return null;
        }
        if (literals.length == 1 && !trailingStar) {
            return hostName.substring(0, hostName.length() - literals[0].length()); // anchored at the end, as matched
        }
        int found = hostName.indexOf(literals[0], 1);
        return found < 1 ? null : hostName.substring(0, found);
    }

    /** The number of literal characters: higher wins among patterns matching the same host. */
    public int specificity() {
        return specificity;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
