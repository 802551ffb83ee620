package io.haneul.ses;

import io.haneul.core.auth.AccessKeys;
import io.haneul.core.auth.Credentials;
import io.haneul.core.auth.CredentialsFile;
import io.haneul.core.auth.CredentialsStore;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.ses.domain.SesException;
import io.haneul.ses.domain.SmtpPassword;
import io.haneul.ses.smtp.SmtpIntake;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * SMTP mail into SES. Credentials: in strict mode the user name is an access key id of the
 * credentials file and the password the SES SMTP password derived from its secret (for the default
 * region or us-east-1); in permissive mode any credentials work and a 12-digit user name is the
 * account. Authenticated (or, in permissive mode, any) mail is sent like SendRawEmail;
 * unauthenticated mail whose recipients all belong to active receipt rules is received.
 */
final class SmtpIntakeImpl implements SmtpIntake {

    private final SesRuntime rt;
    private final CredentialsStore credentials;

    SmtpIntakeImpl(SesRuntime rt, ServiceEnvironment env) {
        this.rt = rt;
        SesSettings s = rt.settings();
        this.credentials = s.strictAuth() && !s.credentials().isBlank() ? CredentialsFile.load(Path.of(s.credentials())) : null;
    }

    @Override
    public boolean login(String user, String password) {
        if (credentials == null) {
            return true;
        }
        Optional<Credentials> c = credentials.find(user);
        return c.isPresent() && (SmtpPassword.matches(password, c.get().secretAccessKey(), rt.settings().defaultRegion())
                || SmtpPassword.matches(password, c.get().secretAccessKey(), "us-east-1"));
    }

    @Override
    public String account(String user) {
        if (credentials == null) {
            return AccessKeys.permissiveAccountId(user);
        }
        return credentials.find(user).map(Credentials::accountId).orElse(null);
    }

    @Override
    public boolean openRelay() {
        return credentials == null;
    }

    @Override
    public boolean receives(String recipient) {
        return rt.receiving().owner(rt.settings().defaultRegion(), bare(recipient)) != null;
    }

    private static java.util.Set<String> addresses(io.haneul.ses.domain.RawMessage m, String header) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String h : m.headers(header)) {
            for (String a : io.haneul.ses.domain.EventJson.splitAddresses(io.haneul.ses.domain.RawMessage.decode(h))) {
                out.add(bare(a).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    private static String bare(String r) {
        return io.haneul.ses.domain.Addresses.bare(r);
    }

    @Override
    public String submit(String account, String envelopeFrom, List<String> recipients, byte[] raw, String remoteIp) throws Rejected {
        String region = rt.settings().defaultRegion();
        List<String> bareRecipients = recipients.stream().map(SmtpIntakeImpl::bare).toList();
        if (account == null && bareRecipients.stream().allMatch(r -> rt.receiving().owner(region, r) != null)) {
            return rt.receiving().receive(region, envelopeFrom, bareRecipients, raw);
        }
        String acct = account != null ? account : AccessKeys.DEFAULT_ACCOUNT_ID;
        Scope scope = new Scope(acct, region, rt.settings().defaultBaseUrl());
        // the envelope decides who gets the message; the headers say who was To and Cc, the rest was Bcc
        io.haneul.ses.domain.RawMessage headers = io.haneul.ses.domain.RawMessage.parse(raw);
        List<String> to = new java.util.ArrayList<>();
        List<String> cc = new java.util.ArrayList<>();
        List<String> bcc = new java.util.ArrayList<>();
        java.util.Set<String> inTo = addresses(headers, "To");
        java.util.Set<String> inCc = addresses(headers, "Cc");
        for (String r : bareRecipients) {
            String key = r.toLowerCase(java.util.Locale.ROOT);
            (inTo.contains(key) ? to : inCc.contains(key) ? cc : bcc).add(r);
        }
        try {
            return rt.mailer().send(new Outgoing(scope, envelopeFrom == null || envelopeFrom.isEmpty() ? null : envelopeFrom,
                    to, cc, bcc, null, raw, null, null, null, null, null, null, null, Outgoing.V2_MAX, remoteIp, acct));
        } catch (SesException e) {
            if (e.v1().equals("Throttling")) {
                throw new Rejected(454, "Throttling failure: Maximum sending rate exceeded.");
            }
            throw new Rejected(554, "Transaction failed: " + e.getMessage());
        }
    }
}
