package io.haneul.ses.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GetEmailAddressInsights' judgement of one address, from what a server without a mailbox probe can
 * know: its syntax, whether its domain has mail DNS records (asked through {@link DomainRecords}),
 * whether its local part names a role, whether its domain is a known disposable-mail service, whether
 * the local part looks like random typing, and whether the mailbox exists where that is known (the
 * mailbox simulator's addresses, the account's verified identities). Each verdict is AWS's
 * LOW/MEDIUM/HIGH confidence that the property holds; MEDIUM where it cannot be known here.
 */
public final class AddressInsights {

    /** Whether a domain receives mail: true (MX or A records), false (no such domain), null (could not ask). */
    @FunctionalInterface
    public interface DomainRecords {
        Boolean receivesMail(String domain);
    }

    /** Local parts that name a function rather than a person (a documented list). */
    static final Set<String> ROLES = Set.of("admin", "administrator", "billing", "contact", "help", "hostmaster", "info",
            "marketing", "no-reply", "noreply", "office", "postmaster", "sales", "security", "support", "team", "webmaster", "abuse");

    /** Well-known disposable-mail domains (a documented list, not exhaustive). */
    static final Set<String> DISPOSABLE = Set.of("mailinator.com", "guerrillamail.com", "10minutemail.com", "yopmail.com",
            "trashmail.com", "sharklasers.com", "getnada.com", "dispostable.com", "maildrop.cc", "temp-mail.org", "tempmail.com",
            "throwawaymail.com", "fakeinbox.com");

    private static final Pattern SYNTAX = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

    private final DomainRecords dns;

    public AddressInsights(DomainRecords dns) {
        this.dns = dns;
    }

    /**
     * The verdicts by AWS's member names (HasValidSyntax, HasValidDnsRecords, MailboxExists,
     * IsRoleAddress, IsDisposable, IsRandomInput) and the overall {@code IsValid}.
     *
     * @param knownMailbox true when the address is one the account has verified, else null
     */
    public Map<String, String> judge(String address, Boolean knownMailbox) {
        Map<String, String> v = new LinkedHashMap<>();
        boolean syntax = address.length() <= 320 && SYNTAX.matcher(address).matches() && address.indexOf('@') <= 64;
        v.put("HasValidSyntax", syntax ? "HIGH" : "LOW");
        String local = syntax ? address.substring(0, address.lastIndexOf('@')).toLowerCase(Locale.ROOT) : "";
        String domain = syntax ? address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT) : "";
        Simulator simulator = syntax ? Simulator.of(address) : Simulator.NONE;
        Boolean records = !syntax ? Boolean.FALSE : simulator != Simulator.NONE ? Boolean.TRUE : dns.receivesMail(domain);
        v.put("HasValidDnsRecords", records == null ? "MEDIUM" : records ? "HIGH" : "LOW");
        Boolean exists = !syntax || Boolean.FALSE.equals(records) ? Boolean.FALSE
                : simulator != Simulator.NONE ? Boolean.valueOf(simulator.delivers()) : knownMailbox;
        v.put("MailboxExists", exists == null ? "MEDIUM" : exists ? "HIGH" : "LOW");
        String bareLocal = local.contains("+") ? local.substring(0, local.indexOf('+')) : local;
        v.put("IsRoleAddress", ROLES.contains(bareLocal) ? "HIGH" : "LOW");
        v.put("IsDisposable", DISPOSABLE.contains(domain) ? "HIGH" : "LOW");
        v.put("IsRandomInput", randomness(bareLocal));
        boolean invalid = !syntax || Boolean.FALSE.equals(records) || Boolean.FALSE.equals(exists) || DISPOSABLE.contains(domain);
        boolean valid = syntax && Boolean.TRUE.equals(records) && Boolean.TRUE.equals(exists);
        v.put("IsValid", invalid ? "LOW" : valid ? "HIGH" : "MEDIUM");
        return v;
    }

    /**
     * Random typing has long runs without vowels or mostly digits: HIGH for a local part of 8 or more
     * letters and digits of which under a fifth are vowels or over half are digits, MEDIUM for a
     * 6-character one like that, LOW otherwise.
     */
    static String randomness(String local) {
        String letters = local.replaceAll("[^a-z0-9]", "");
        if (letters.length() < 6) {
            return "LOW";
        }
        long vowels = letters.chars().filter(c -> "aeiouy".indexOf(c) >= 0).count();
        long digits = letters.chars().filter(Character::isDigit).count();
        boolean odd = vowels * 5 < letters.length() || digits * 2 > letters.length();
        return !odd ? "LOW" : letters.length() >= 8 ? "HIGH" : "MEDIUM";
    }
}
