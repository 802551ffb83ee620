package io.haneul.server.internal;

import io.haneul.core.engine.RequestObserver;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A call's parsed input and output as the request log shows them: the SDK objects' own text
 * ({@code SendMessageRequest(QueueUrl=..., MessageBody=...)}), in which the SDK already writes members the
 * service's model marks sensitive as {@code *** Sensitive Data Redacted ***}; members whose names say they
 * hold a secret (a secret access key, a session token, a password, a private key) are redacted here as well,
 * whatever the model says. Cut at {@value #MAX_CHARS} characters.
 */
final class CallText {

    static final int MAX_CHARS = 4096;
    static final String REDACTED = "*** Sensitive Data Redacted ***";
    private static final Pattern SECRET_MEMBER = Pattern.compile(
            "((?:[A-Za-z]*Secret[A-Za-z]*|SessionToken|[A-Za-z]*Password|PrivateKey)=)([^,)\\]]*)");

    private CallText() {
    }

    static String input(RequestObserver.Call call) {
        return call.input() == null ? null : text(String.valueOf(call.input()));
    }

    static String output(RequestObserver.Call call) {
        if (call.error() != null) {
            return text(new String(call.error(), 0, Math.min(call.error().length, MAX_CHARS), StandardCharsets.UTF_8));
        }
        return call.output() == null ? null : text(String.valueOf(call.output()));
    }

    static String text(String s) {
        String redacted = SECRET_MEMBER.matcher(s).replaceAll(m -> m.group(2).equals("null")
                ? java.util.regex.Matcher.quoteReplacement(m.group())
                : java.util.regex.Matcher.quoteReplacement(m.group(1) + REDACTED));
        return redacted.length() > MAX_CHARS ? redacted.substring(0, MAX_CHARS) + "…" : redacted;
    }
}
