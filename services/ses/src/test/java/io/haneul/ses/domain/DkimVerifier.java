package io.haneul.ses.domain;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A test-only DKIM verifier (RFC 6376, rsa-sha256, relaxed/relaxed and simple body): no DKIM
 * verification library resolves here (Apache jDKIM does not), so tests recompute the body hash
 * and check the signature over the canonicalized signed headers with the domain's public key.
 */
public final class DkimVerifier {

    private DkimVerifier() {
    }

    /** Verifies the first DKIM-Signature of a CRLF message; returns its tags, or throws AssertionError. */
    public static Map<String, String> verify(byte[] message, String publicKeyBase64) throws Exception {
        String all = new String(message, StandardCharsets.UTF_8);
        int split = all.indexOf("\r\n\r\n");
        String headerBlock = all.substring(0, split + 2);
        String body = all.substring(split + 4);
        List<String[]> headers = new ArrayList<>();
        for (String line : headerBlock.split("\r\n")) {
            if (line.startsWith(" ") || line.startsWith("\t")) {
                String[] last = headers.getLast();
                last[1] = last[1] + "\r\n" + line;
            } else if (!line.isEmpty()) {
                int colon = line.indexOf(':');
                headers.add(new String[]{line.substring(0, colon), line.substring(colon + 1)});
            }
        }
        String[] sig = headers.stream().filter(h -> h[0].equalsIgnoreCase("DKIM-Signature")).findFirst()
                .orElseThrow(() -> new AssertionError("no DKIM-Signature"));
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : sig[1].replaceAll("\\s+", "").split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                tags.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        String c = tags.getOrDefault("c", "simple/simple");
        boolean relaxedHeaders = c.startsWith("relaxed");
        boolean relaxedBody = c.endsWith("/relaxed") || c.equals("relaxed");
        byte[] bodyHash = MessageDigest.getInstance("SHA-256").digest(canonicalBody(body, relaxedBody).getBytes(StandardCharsets.UTF_8));
        if (!Base64.getEncoder().encodeToString(bodyHash).equals(tags.get("bh"))) {
            throw new AssertionError("body hash mismatch");
        }
        StringBuilder signed = new StringBuilder();
        List<String[]> remaining = new ArrayList<>(headers);
        for (String name : tags.get("h").split(":")) {
            for (int i = remaining.size() - 1; i >= 0; i--) {
                if (remaining.get(i)[0].equalsIgnoreCase(name)) {
                    signed.append(canonicalHeader(remaining.get(i)[0], remaining.get(i)[1], relaxedHeaders)).append("\r\n");
                    remaining.remove(i);
                    break;
                }
            }
        }
        String sigValue = sig[1].replaceAll("b=[^;]*$", "b=").replaceAll("b=[^;]*;", "b=;");
        sigValue = unsetB(sig[1]);
        signed.append(canonicalHeader(sig[0], sigValue, relaxedHeaders));
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(key);
        s.update(signed.toString().getBytes(StandardCharsets.UTF_8));
        if (!s.verify(Base64.getDecoder().decode(tags.get("b")))) {
            throw new AssertionError("signature does not verify");
        }
        return tags;
    }

    /** The DKIM-Signature value with the b= tag's value emptied (keeping everything else byte for byte). */
    private static String unsetB(String value) {
        int i = 0;
        while (i < value.length()) {
            int semi = value.indexOf(';', i);
            int end = semi < 0 ? value.length() : semi;
            String tag = value.substring(i, end);
            if (tag.strip().startsWith("b=")) {
                int eq = value.indexOf('=', i);
                return value.substring(0, eq + 1) + value.substring(end);
            }
            i = end + 1;
        }
        return value;
    }

    private static String canonicalHeader(String name, String value, boolean relaxed) {
        if (!relaxed) {
            return name + ":" + value;
        }
        String v = value.replaceAll("\r\n", "").replaceAll("[ \t]+", " ").strip();
        return name.toLowerCase(Locale.ROOT).strip() + ":" + v;
    }

    private static String canonicalBody(String body, boolean relaxed) {
        String[] lines = body.split("\r\n", -1);
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(relaxed ? l.replaceAll("[ \t]+", " ").replaceAll("[ \t]+$", "") : l);
        }
        while (!out.isEmpty() && out.getLast().isEmpty()) {
            out.removeLast();
        }
        return out.isEmpty() ? (relaxed ? "" : "\r\n") : String.join("\r\n", out) + "\r\n";
    }
}
