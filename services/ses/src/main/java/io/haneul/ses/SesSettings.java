package io.haneul.ses;

import io.haneul.core.spi.ServiceEnvironment;

import java.util.Locale;

/**
 * SES's settings from the server's options.
 *
 * @param manualVerification {@code --ses-verification manual} (the default with {@code --auth strict}): identities
 *                           stay Pending until the mailed link is followed (email) or the internal endpoint confirms
 *                           them (domain; an admin key in strict mode)
 * @param sandbox            {@code --ses-sandbox true}: recipients must be verified too; quota 200/24 h, 1/s
 * @param relay              {@code --ses-delivery smtp}: messages are also relayed to {@code --ses-smtp-host}
 * @param maxSendRate        {@code --ses-max-send-rate}: recipients per second (Throttling beyond)
 * @param max24HourSend      {@code --ses-max-24-hour-send}
 * @param smtpPort           {@code --smtp-port} of the SMTP listener (0: any free port; -1: no listener)
 * @param smtpRequireTls     STARTTLS before any other command and before AUTH is offered: {@code --smtp-require-tls true},
 *                           or {@code --auth strict} unless {@code --smtp-auth-without-tls true} (as SES's SMTP endpoint:
 *                           credentials must not cross the network in clear text)
 * @param smtpSpoolDir       where SMTP DATA is streamed while it arrives ({@code <data-dir>/ses/smtp-spool})
 * @param smtpMemoryBytes    {@code --smtp-data-memory-bytes}: bytes of SMTP messages processed in memory at once
 *                           (default half the heap); beyond it DATA is answered 452, try again later
 * @param mailbox            retention of the captured mailbox
 */
record SesSettings(boolean manualVerification, boolean sandbox, boolean relay, String relayHost, int relayPort,
                   boolean relayStartTls, boolean relaySsl, String relayUser, String relayPassword, String relayTrust,
                   double maxSendRate, double max24HourSend, int deliveryAttempts, String smtpHost, int smtpPort,
                   boolean smtpRequireTls, boolean strictAuth, String credentials, String defaultRegion, String trackingBase,
                   String configuredHost, String configuredPort, java.nio.file.Path smtpSpoolDir,
                   long smtpMemoryBytes, io.haneul.ses.store.MailboxLimits mailbox) {

    static SesSettings from(ServiceEnvironment env) {
        boolean sandbox = bool(env.setting("ses-sandbox", "false"));
        // strict mode: a tenant must not verify a domain or address by asking (nothing proves it owns them)
        String verification = env.setting("ses-verification",
                env.setting("auth", "permissive").equals("strict") ? "manual" : "auto").toLowerCase(Locale.ROOT);
        if (!verification.equals("auto") && !verification.equals("manual")) {
            throw new IllegalArgumentException("--ses-verification must be auto or manual, not " + verification);
        }
        String delivery = env.setting("ses-delivery", "capture").toLowerCase(Locale.ROOT);
        if (!delivery.equals("capture") && !delivery.equals("smtp")) {
            throw new IllegalArgumentException("--ses-delivery must be capture or smtp, not " + delivery);
        }
        boolean strict = env.setting("auth", "permissive").equals("strict");
        boolean requireTls = bool(env.setting("smtp-require-tls", "false"));
        boolean authWithoutTls = bool(env.setting("smtp-auth-without-tls", "false"));
        return new SesSettings(verification.equals("manual"), sandbox, delivery.equals("smtp"),
                env.setting("ses-smtp-host", "localhost"), Integer.parseInt(env.setting("ses-smtp-port", "25")),
                bool(env.setting("ses-smtp-starttls", "true")), bool(env.setting("ses-smtp-ssl", "false")),
                emptyToNull(env.setting("ses-smtp-username", "")), emptyToNull(env.setting("ses-smtp-password", "")),
                env.setting("ses-smtp-trust", "*"),
                Double.parseDouble(env.setting("ses-max-send-rate", sandbox ? "1" : "100000")),
                Double.parseDouble(env.setting("ses-max-24-hour-send", sandbox ? "200" : "100000000")),
                Integer.parseInt(env.setting("ses-delivery-attempts", "5")),
                env.setting("smtp-host", env.setting("host", "127.0.0.1")), Integer.parseInt(env.setting("smtp-port", "2525")),
                requireTls || (strict && !authWithoutTls), strict, env.setting("credentials", ""),
                env.setting("region", "us-east-1"), emptyToNull(env.setting("ses-tracking-url", "")),
                env.setting("host", "127.0.0.1"), env.setting("port", "4566"),
                java.nio.file.Path.of(env.setting("data-dir", ".haneul")).resolve("ses").resolve("smtp-spool"),
                Long.parseLong(env.setting("smtp-data-memory-bytes", String.valueOf(Runtime.getRuntime().maxMemory() / 2))),
                new io.haneul.ses.store.MailboxLimits(Long.parseLong(env.setting("ses-mailbox-max-messages", "10000")),
                        Long.parseLong(env.setting("ses-mailbox-max-bytes", String.valueOf(512L * 1024 * 1024)))));
    }

    /** Base URL for links in mail submitted over SMTP (no HTTP request to take it from). */
    String defaultBaseUrl() {
        if (trackingBase != null) {
            return trackingBase;
        }
        String host = configuredHost.equals("0.0.0.0") ? "localhost" : configuredHost;
        return "http://" + host + ":" + configuredPort;
    }

    private static boolean bool(String s) {
        return s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("yes");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
