package io.haneul.core.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A REST operation's request URI template, e.g. {@code /{Bucket}/{Key+}?uploads} or
 * {@code /2015-03-31/functions/{FunctionName}/invocations}: literal segments, labels, a greedy
 * label, and query literals that must be present for the operation to match.
 */
public final class UriTemplate {

    private final String template;
    private final List<String> segments = new ArrayList<>();
    private final Map<String, String> requiredQuery = new HashMap<>();
    private final int specificity;

    public UriTemplate(String template) {
        this.template = template;
        int q = template.indexOf('?');
        String path = q < 0 ? template : template.substring(0, q);
        if (q >= 0) {
            for (String part : template.substring(q + 1).split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                requiredQuery.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? null : part.substring(eq + 1));
            }
        }
        int literal = 0;
        for (String s : path.split("/", -1)) {
            segments.add(s);
            if (!s.startsWith("{")) {
                literal += s.length() + 1;
            }
        }
        if (segments.size() > 1 && segments.getLast().isEmpty() && segments.size() > 2) {
            segments.removeLast();
        }
        specificity = literal * 16 + requiredQuery.size() * 1000 + segments.size();
    }

    public String template() {
        return template;
    }

    /** Query keys the template names literally, e.g. {@code uploads} of {@code /{Bucket}?uploads}. */
    public java.util.Set<String> literalQuery() {
        return java.util.Collections.unmodifiableSet(requiredQuery.keySet());
    }

    /** Higher wins when several templates match one request. */
    public int specificity() {
        return specificity;
    }

    /** The labels' decoded values when the path and query match, else null. */
    public Map<String, String> match(String rawPath, Map<String, List<String>> query) {
        for (Map.Entry<String, String> rq : requiredQuery.entrySet()) {
            List<String> values = query.get(rq.getKey());
            if (values == null || (rq.getValue() != null && !values.contains(rq.getValue()))) {
                return null;
            }
        }
        String[] parts = rawPath.split("/", -1);
        int partCount = parts.length;
        if (partCount > 2 && parts[partCount - 1].isEmpty() && segments.size() < partCount) {
            partCount--;
        }
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String seg = segments.get(i);
            if (seg.startsWith("{") && seg.endsWith("+}")) {
                if (i >= partCount) {
                    return null;
                }
                String rest = String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length));
                if (rest.isEmpty()) {
                    return null;
                }
                labels.put(seg.substring(1, seg.length() - 2), decode(rest));
                return labels;
            }
            if (i >= partCount) {
                return null;
            }
            if (seg.startsWith("{") && seg.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                labels.put(seg.substring(1, seg.length() - 1), decode(parts[i]));
            } else if (!seg.equals(parts[i])) {
                return null;
            }
        }
        return segments.size() == partCount ? labels : null;
    }

    static String decode(String s) {
        return s.indexOf('%') < 0 ? s : io.haneul.core.wire.WireRequest.percentDecode(s, false);
    }
}
