package io.haneul.ses.domain;

import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A MIME message split into its header fields and its body bytes, without parsing the body: enough
 * to read and change top-level headers (SES's X-SES-* headers, Bcc, Message-ID) cheaply. Header
 * lines may end in CRLF or LF; written headers end in CRLF and the body is kept byte for byte.
 */
public final class RawMessage {

    /** One header field: its name and its full text (name, colon, value, folded lines) without the final line break. */
    public record Field(String name, String text) {
        /** The value with folding removed, still encoded. */
        public String value() {
            int colon = text.indexOf(':');
            return text.substring(colon + 1).replaceAll("\r?\n[ \t]", " ").trim();
        }
    }

    private final List<Field> fields;
    private final byte[] body;
    private final int bodyOffset;

    private RawMessage(List<Field> fields, byte[] body, int bodyOffset) {
        this.fields = fields;
        this.body = body;
        this.bodyOffset = bodyOffset;
    }

    public static RawMessage parse(byte[] raw) {
        List<Field> fields = new ArrayList<>();
        int i = 0;
        int n = raw.length;
        StringBuilder current = null;
        while (i < n) {
            int eol = i;
            while (eol < n && raw[eol] != '\n') {
                eol++;
            }
            int end = eol > i && raw[eol - 1] == '\r' ? eol - 1 : eol;
            if (end == i) {
                i = Math.min(n, eol + 1);
                break;
            }
            String line = new String(raw, i, end - i, StandardCharsets.UTF_8);
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append("\r\n").append(line);
            } else {
                if (current != null) {
                    fields.add(field(current.toString()));
                }
                current = new StringBuilder(line);
            }
            i = eol + 1;
            if (eol >= n) {
                i = n;
            }
        }
        if (current != null) {
            fields.add(field(current.toString()));
        }
        return new RawMessage(fields, raw, Math.min(i, n));
    }

    private static Field field(String text) {
        int colon = text.indexOf(':');
        return new Field(colon < 0 ? text.trim() : text.substring(0, colon).trim(), text);
    }

    public List<Field> fields() {
        return fields;
    }

    /** The first value of a header, unfolded and still encoded; null when absent. */
    public String header(String name) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** Every value of a header, unfolded. */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    /** The first value of a header with RFC 2047 encoded words decoded. */
    public String decoded(String name) {
        String v = header(name);
        return v == null ? null : decode(v);
    }

    public static String decode(String v) {
        try {
            return MimeUtility.decodeText(v);
        } catch (UnsupportedEncodingException e) {
            return v;
        }
    }

    /** Removes every field of the name; true when one was there. */
    public boolean remove(String name) {
        return fields.removeIf(f -> f.name.equalsIgnoreCase(name));
    }

    /** Replaces the header's fields with one holding {@code value} (placed where the first was, else at the top). */
    public void set(String name, String value) {
        Field f = new Field(name, name + ": " + value);
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name.equalsIgnoreCase(name)) {
                fields.set(i, f);
                final int keep = i;
                for (int j = fields.size() - 1; j > keep; j--) {
                    if (fields.get(j).name.equalsIgnoreCase(name)) {
                        fields.remove(j);
                    }
                }
                return;
            }
        }
        fields.addFirst(f);
    }

    /** Adds a header after the existing ones. */
    public void add(String name, String value) {
        fields.add(new Field(name, name + ": " + value));
    }

    public int bodyLength() {
        return body.length - bodyOffset;
    }

    /** The body as a string (for text/plain or text/html single-part messages). */
    public String bodyText() {
        return new String(body, bodyOffset, body.length - bodyOffset, StandardCharsets.UTF_8);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 256);
        for (Field f : fields) {
            out.writeBytes(f.text.getBytes(StandardCharsets.UTF_8));
            out.write('\r');
            out.write('\n');
        }
        out.write('\r');
        out.write('\n');
        out.write(body, bodyOffset, body.length - bodyOffset);
        return out.toByteArray();
    }

    /** Header names in the order given, lower-case, for event JSON. */
    public List<String> names() {
        return fields.stream().map(f -> f.name.toLowerCase(Locale.ROOT)).toList();
    }
}
