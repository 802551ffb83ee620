package io.haneul.s3.select;

/**
 * A compiled LIKE pattern: {@code %} any run of characters, {@code _} exactly one, the ESCAPE
 * character making the next one literal. Matched by the greedy two-pointer wildcard walk that
 * backtracks only to the last {@code %} (at most text length × pattern length steps), not by a regular
 * expression: {@code .*} per {@code %} backtracks polynomially ({@code '%a%a%a%a%b'} over a few thousand
 * characters hangs a thread). Characters are code points, so {@code _} matches one whole character.
 */
final class SelectLike {

    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    private final String source;
    private final String escape;
    private final int[] pattern;

    private SelectLike(String source, String escape, int[] pattern) {
        this.source = source;
        this.escape = escape;
        this.pattern = pattern;
    }

    static SelectLike compile(String pattern, String escape) {
        int esc = escape == null ? -1 : escape.codePointAt(0);
        int[] cps = pattern.codePoints().toArray();
        int[] out = new int[cps.length];
        int n = 0;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == esc && i + 1 < cps.length) {
                out[n++] = cps[++i];
            } else if (c == '%') {
                if (n == 0 || out[n - 1] != ANY_RUN) { // %% is %
                    out[n++] = ANY_RUN;
                }
            } else if (c == '_') {
                out[n++] = ANY_ONE;
            } else {
                out[n++] = c;
            }
        }
        return new SelectLike(pattern, escape, java.util.Arrays.copyOf(out, n));
    }

    /** Whether this was compiled from {@code pattern} with {@code escape} (the per-query cache's key). */
    boolean isFor(String pattern, String escape) {
        return source.equals(pattern) && java.util.Objects.equals(this.escape, escape);
    }

    boolean matches(String value) {
        int[] text = value.codePoints().toArray();
        int t = 0;
        int p = 0;
        int starP = -1;
        int starT = 0;
        while (t < text.length) {
            if (p < pattern.length && (pattern[p] == ANY_ONE || pattern[p] == text[t])) {
                t++;
                p++;
            } else if (p < pattern.length && pattern[p] == ANY_RUN) {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY_RUN) {
            p++;
        }
        return p == pattern.length;
    }
}
