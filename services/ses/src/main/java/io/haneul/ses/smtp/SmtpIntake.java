package io.haneul.ses.smtp;

import java.util.List;

/** What the SMTP listener hands mail to: SES's send and receive paths. */
public interface SmtpIntake {

    /** True when the SMTP credentials are valid. */
    boolean login(String user, String password);

    /** The account of a logged-in user. */
    String account(String user);

    /** True when unauthenticated sessions may send outbound mail (permissive mode). */
    boolean openRelay();

    /** True when an active receipt rule set receives mail for the recipient. */
    boolean receives(String recipient);

    /**
     * Takes one message; returns its SES message id.
     *
     * @param account the authenticated account, or null
     * @throws Rejected with the SMTP reply to give
     */
    String submit(String account, String envelopeFrom, List<String> recipients, byte[] raw, String remoteIp) throws Rejected;

    /** A refusal with its SMTP reply code. */
    final class Rejected extends Exception {
        private final int code;

        public Rejected(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
