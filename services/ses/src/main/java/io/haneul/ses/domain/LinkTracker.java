package io.haneul.ses.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open and click tracking of HTML bodies, as SES does for configuration sets with Open or Click
 * event destinations: each http(s) link (unless marked {@code ses:no-track}) goes through a
 * redirect URL that records the click, carrying its {@code ses:tags} and a {@link ClickSignature}
 * (the route redirects only to links the server signed); a 1x1 image records the open.
 */
public final class LinkTracker {

    private static final Pattern ANCHOR = Pattern.compile("<a\\b([^>]*?)\\bhref\\s*=\\s*([\"'])(https?://[^\"']+)\\2([^>]*)>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TAGS = Pattern.compile("ses:tags\\s*=\\s*([\"'])([^\"']*)\\1", Pattern.CASE_INSENSITIVE);
    private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

    private LinkTracker() {
    }

    /** The query parameter carrying a click link's {@link ClickSignature}. */
    public static final String SIGNATURE_PARAM = "sig";

    /** The click-tracking URL of a link, signed so that the click route accepts it. */
    public static String clickUrl(String base, String messageId, String link, String tags, ClickSignature signature) {
        String u = base + "/_haneul/ses/track/click/" + messageId + "?link=" + URLEncoder.encode(link, StandardCharsets.UTF_8);
        String tagged = tags == null || tags.isEmpty() ? u : u + "&tags=" + URLEncoder.encode(tags, StandardCharsets.UTF_8);
        String signed = signature.sign(messageId, link, tags == null || tags.isEmpty() ? null : tags);
        return tagged + "&" + SIGNATURE_PARAM + "=" + signed;
    }

    /** What an open pixel's signature covers beside the message id (never a link: links start with http). */
    public static final String OPEN_PIXEL = "open";

    /** The open-tracking pixel of a message, signed so that only pixels Haneul wrote record an Open event. */
    public static String openUrl(String base, String messageId, ClickSignature signature) {
        return base + "/_haneul/ses/track/open/" + messageId + "?" + SIGNATURE_PARAM + "=" + signature.sign(messageId, OPEN_PIXEL, null);
    }

    /**
     * @param clicks rewrite links
     * @param opens  add the open pixel
     * @param signature signs the click links and the open pixel
     */
    public static String rewrite(String html, String base, String messageId, boolean clicks, boolean opens, ClickSignature signature) {
        if (html == null) {
            return null;
        }
        String out = html;
        if (clicks) {
            Matcher m = ANCHOR.matcher(out);
            StringBuilder sb = new StringBuilder(out.length() + 256);
            while (m.find()) {
                String attrs = m.group(1) + " " + m.group(4);
                if (attrs.toLowerCase(java.util.Locale.ROOT).contains("ses:no-track")) {
                    m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                    continue;
                }
                Matcher t = TAGS.matcher(attrs);
                String tags = t.find() ? t.group(2) : null;
                String url = clickUrl(base, messageId, m.group(3), tags, signature).replace("&", "&amp;");
                m.appendReplacement(sb, Matcher.quoteReplacement("<a" + m.group(1) + "href=" + m.group(2) + url + m.group(2)
                        + m.group(4) + ">"));
            }
            m.appendTail(sb);
            out = sb.toString();
        }
        if (opens) {
            String pixel = "<img src=\"" + openUrl(base, messageId, signature) + "\" alt=\"\" width=\"1\" height=\"1\" border=\"0\" "
                    + "style=\"height:1px !important;width:1px !important;border-width:0 !important\" />";
            Matcher end = BODY_END.matcher(out);
            out = end.find() ? out.substring(0, end.start()) + pixel + out.substring(end.start()) : out + pixel;
        }
        return out;
    }

    /** Parses {@code ses:tags="a:b;c:d"} into tag name to values. */
    public static java.util.Map<String, java.util.List<String>> linkTags(String tags) {
        java.util.Map<String, java.util.List<String>> out = new java.util.LinkedHashMap<>();
        if (tags == null) {
            return out;
        }
        for (String pair : tags.split(";")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                out.computeIfAbsent(pair.substring(0, colon).trim(), k -> new java.util.ArrayList<>()).add(pair.substring(colon + 1).trim());
            }
        }
        return out;
    }
}
