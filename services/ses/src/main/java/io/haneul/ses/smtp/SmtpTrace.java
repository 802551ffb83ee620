package io.haneul.ses.smtp;

/**
 * Keeps SMTP credentials out of the logs. SubEthaSMTP's {@code Session} logs every command line a
 * client sends at debug level ("Client: AUTH PLAIN &lt;base64 user and password&gt;"), with no hook
 * to mask it; at {@code --log-level debug} that would write SES SMTP passwords to the log. Its
 * logger is therefore held at info (it logs nothing else below warn), and {@link SmtpListener}
 * logs each mail transaction itself, without credentials.
 */
final class SmtpTrace {

    /** slf4j-simple's per-logger level property of the library's session logger. */
    static final String SESSION_LOGGER_LEVEL = "org.slf4j.simpleLogger.log.org.subethamail.smtp.server.Session";

    private SmtpTrace() {
    }

    /**
     * Sets the session logger's level unless an operator chose one; must run before the first SMTP
     * connection creates that logger.
     */
    static void keepCredentialsOutOfLogs() {
        if (System.getProperty(SESSION_LOGGER_LEVEL) == null) {
            System.setProperty(SESSION_LOGGER_LEVEL, "info");
        }
    }
}
