package io.haneul.core.validation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The models' {@code pattern}s compiled once per text. Botocore patterns are mostly Java syntax (Coral is
 * Java) with a few ECMAScript habits; code point escapes beyond the BMP (backslash-u followed by
 * five or six hex digits, or by braces) are rewritten to Java's {@code \x{...}}. A pattern Java cannot compile is skipped
 * (never checked), logged once.
 */
final class PatternCache {

    private static final Logger LOG = LoggerFactory.getLogger(PatternCache.class);
    private static final Pattern BRACED_ESCAPE = Pattern.compile("\\\\u\\{([0-9A-Fa-f]{1,6})}");
    private static final Pattern LONG_ESCAPE = Pattern.compile("\\\\u(10[0-9A-Fa-f]{4}|[1-9A-Fa-f][0-9A-Fa-f]{4})(?![0-9A-Fa-f])");

    private final Map<String, Optional<Pattern>> compiled = new ConcurrentHashMap<>();

    /** The compiled pattern, or empty when Java cannot compile it. */
    Optional<Pattern> get(String text) {
        return compiled.computeIfAbsent(text, PatternCache::compile);
    }

    private static Optional<Pattern> compile(String text) {
        try {
            return Optional.of(Pattern.compile(toJava(text)));
        } catch (PatternSyntaxException e) {
            LOG.warn("model pattern {} does not compile as a Java regex; it will not be checked: {}", text,
                    e.getDescription());
            return Optional.empty();
        }
    }

    static String toJava(String text) {
        if (text.indexOf("\\u") < 0) {
            return text;
        }
        String s = BRACED_ESCAPE.matcher(text).replaceAll(m -> Matcher.quoteReplacement("\\x{" + m.group(1) + "}"));
        return LONG_ESCAPE.matcher(s).replaceAll(m -> Matcher.quoteReplacement("\\x{" + m.group(1) + "}"));
    }

    /**
     * True when the pattern anchors itself ({@code ^...} or {@code ...$}): then it is searched, as Smithy
     * specifies. Unanchored patterns come from Coral, which requires the whole value to match
     * (CloudWatch Logs rejects {@code a:b} against {@code [\.\-_/#A-Za-z0-9]+}).
     */
    static boolean searched(String text) {
        return text.startsWith("^") || (text.endsWith("$") && !text.endsWith("\\$"));
    }
}
