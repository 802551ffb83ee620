package io.haneul.ses.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Email addresses as SES reads them: a bare address or a display form {@code "Name" <a@b>}, the
 * domain part, and the domains an address inherits verification from (its domain and each parent).
 */
public final class Addresses {

    private Addresses() {
    }

    /** The bare address of {@code "Name <a@b>"}, {@code <a@b>} or {@code a@b}, trimmed. */
    public static String bare(String address) {
        if (address == null) {
            return null;
        }
        String s = address.trim();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            s = s.substring(lt + 1, gt).trim();
        }
        return s;
    }

    /** True for something shaped like local@domain.tld with no spaces. */
    public static boolean valid(String bare) {
        if (bare == null || bare.length() > 320) {
            return false;
        }
        int at = bare.lastIndexOf('@');
        if (at <= 0 || at == bare.length() - 1) {
            return false;
        }
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == ';') {
                return false;
            }
        }
        return validDomain(bare.substring(at + 1));
    }

    public static boolean validDomain(String domain) {
        if (domain == null || domain.isEmpty() || domain.length() > 253 || domain.startsWith(".") || domain.endsWith(".")
                || domain.contains("..")) {
            return false;
        }
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c > 127)) {
                return false;
            }
        }
        return true;
    }

    /** The lower-cased domain of a bare address. */
    public static String domain(String bare) {
        int at = bare.lastIndexOf('@');
        return at < 0 ? bare.toLowerCase(Locale.ROOT) : bare.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The domain and each parent domain with at least two labels: a.b.example.com, b.example.com, example.com. */
    public static List<String> domainAndParents(String domain) {
        List<String> out = new ArrayList<>();
        String d = domain.toLowerCase(Locale.ROOT);
        while (d.indexOf('.') > 0) {
            out.add(d);
            d = d.substring(d.indexOf('.') + 1);
        }
        if (out.isEmpty()) {
            out.add(d);
        }
        return out;
    }

    /** An identity as stored: email addresses keep their local part's case, domains are lower-cased. */
    public static String identityKey(String identity) {
        String s = identity.trim();
        int at = s.lastIndexOf('@');
        return at < 0 ? s.toLowerCase(Locale.ROOT) : s.substring(0, at) + "@" + s.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    public static boolean isEmail(String identity) {
        return identity.indexOf('@') >= 0;
    }
}
