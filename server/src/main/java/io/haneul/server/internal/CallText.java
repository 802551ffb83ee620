package io.haneul.server.internal;

import io.haneul.core.engine.RequestObserver;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call's parsed input and output as the request log shows them: the SDK objects' own text
 * ({@code SendMessageRequest(QueueUrl=..., MessageBody=...)}), in which the SDK already writes members the
 * service's model marks sensitive as {@code *** Sensitive Data Redacted ***}; members whose names say they
 * hold a secret (a secret access key, a session token, a password, a private key) are redacted here as well,
 * whatever the model says. Cut at {@value #MAX_CHARS} characters.
 *
 * <p>The text is cut before it is searched (a member cut off is not shown, so it needs no redaction), and the
 * search is linear: a member's name is a run of letters before {@code =}, whether it says "secret" is decided in
 * Java, and the value of a member that does runs to the next {@code ,}, {@code )} or {@code ]}; so a long body
 * costs one pass over {@value #MAX_CHARS} characters and a little more, whatever it holds.
 */
final class CallText {

    static final int MAX_CHARS = 4096;
    static final String REDACTED = "*** Sensitive Data Redacted ***";
    /** room past the cut for a member whose name starts before it */
    private static final int SLACK = 256;
    /** a member's name and its {@code =}; a name is a whole run of letters (the lookbehind keeps the search linear) */
    private static final Pattern MEMBER_NAME = Pattern.compile("(?<![A-Za-z])([A-Za-z]+)=");

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
        String head = s.length() > MAX_CHARS + SLACK ? s.substring(0, MAX_CHARS + SLACK) : s;
        String redacted = redact(head);
        boolean cut = redacted.length() > MAX_CHARS || head.length() < s.length();
        return cut ? redacted.substring(0, Math.min(MAX_CHARS, redacted.length())) + "…" : redacted;
    }

    /** The text with the value of every member named as a secret replaced, but for an absent one ({@code null}). */
    private static String redact(String text) {
        Matcher m = MEMBER_NAME.matcher(text).useTransparentBounds(true);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (!secret(m.group(1))) {
                continue;
            }
            int valueStart = m.end();
            int valueEnd = valueStart;
            while (valueEnd < text.length() && ",)]".indexOf(text.charAt(valueEnd)) < 0) {
                valueEnd++;
            }
            if (valueEnd - valueStart == 4 && text.startsWith("null", valueStart)) {
                continue;
            }
            out = out == null ? new StringBuilder(text.length()) : out;
            out.append(text, copied, valueStart).append(REDACTED);
            copied = valueEnd;
            m.region(valueEnd, text.length());
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** Whether a member's name says it holds a secret. */
    private static boolean secret(String name) {
        return name.contains("Secret") || name.endsWith("SessionToken") || name.endsWith("Password") || name.endsWith("PrivateKey");
    }
}
