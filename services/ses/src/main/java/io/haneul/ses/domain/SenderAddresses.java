package io.haneul.ses.domain;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The addresses of a message that SES requires to be verified identities of the sending account:
 * the Source (envelope sender), the ReturnPath parameter, and in raw mail every address of the
 * From header and the Sender and Return-Path headers. Checking only the Source let a caller with one
 * verified address send mail whose visible From was another account's domain.
 */
public final class SenderAddresses {

    /** SES's answer to raw mail without a From header. */
    public static final String MISSING_FROM = "Missing required header 'From'.";

    private static final String[] HEADERS = {"From", "Sender", "Return-Path"};

    private SenderAddresses() {
    }

    /**
     * The bare addresses to check, in order, without repeats.
     *
     * @param sourceBare the envelope sender
     * @param raw        the raw message's headers, or null for mail SES composes (its From is the Source)
     * @param returnPath the ReturnPath parameter, or null
     */
    public static List<String> of(String sourceBare, RawMessage raw, String returnPath) {
        Set<String> out = new LinkedHashSet<>();
        out.add(sourceBare);
        if (returnPath != null && !returnPath.isBlank()) {
            out.add(Addresses.bare(returnPath));
        }
        if (raw != null) {
            for (String header : HEADERS) {
                for (String value : raw.headers(header)) {
                    out.addAll(mailboxes(header, value));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The addresses of one header as RFC 5322 defines them, groups expanded. The header is parsed
     * strictly and as sent (encoded words can only be display names, never an address): a value a
     * mail client could read differently from a lenient parse ({@code ceo@victim.com me@mine.com})
     * is refused rather than guessed at.
     *
     * @throws SesException MessageRejected when the header is not a valid address list
     */
    static List<String> mailboxes(String header, String value) {
        if (value.isBlank() || (header.equals("Return-Path") && value.replaceAll("\\s", "").equals("<>"))) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        try {
            for (InternetAddress a : InternetAddress.parseHeader(value, true)) {
                for (InternetAddress member : a.isGroup() ? a.getGroup(true) : new InternetAddress[] {a}) {
                    member.validate();
                    out.add(member.getAddress());
                }
            }
        } catch (AddressException e) {
            throw SesException.rejected("Illegal address in header '" + header + "'.");
        }
        return out;
    }
}
