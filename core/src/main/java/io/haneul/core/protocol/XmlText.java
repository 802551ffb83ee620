package io.haneul.core.protocol;

/**
 * A small, fast XML writer for responses: elements and escaped text into a StringBuilder. Responses
 * are generated, never parsed here, so no XML library is needed on this path.
 */
public final class XmlText {

    private final StringBuilder sb = new StringBuilder(512);

    public XmlText declaration() {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        return this;
    }

    public XmlText open(String name) {
        sb.append('<').append(name).append('>');
        return this;
    }

    public XmlText open(String name, String xmlns) {
        sb.append('<').append(name);
        if (xmlns != null) {
            sb.append(" xmlns=\"").append(xmlns).append('"');
        }
        sb.append('>');
        return this;
    }

    /** Opens an element with attributes (e.g. S3's {@code xmlns:xsi} and {@code xsi:type} on a Grantee). */
    public XmlText open(String name, java.util.Map<String, String> attributes) {
        sb.append('<').append(name);
        attributes.forEach((k, v) -> {
            sb.append(' ').append(k).append("=\"");
            escape(v);
            sb.append('"');
        });
        sb.append('>');
        return this;
    }

    public XmlText close(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    public XmlText element(String name, String text) {
        if (text == null) {
            return this;
        }
        open(name);
        escape(text);
        return close(name);
    }

    /** {@code text} escaped for XML (and HTML) element content. */
    public static String escaped(String text) {
        return new XmlText().escape(text).toString();
    }

    public XmlText escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\r' -> sb.append("&#xD;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append("&#x").append(Integer.toHexString(c)).append(';');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
