package io.haneul.ses;

import io.haneul.core.spi.ServiceEnvironment;

import java.util.Locale;

/**
 * SES's settings from the server's options.
 *
 * @param manualVerification {@code --ses-verification manual}: identities stay Pending until the
 *                           mailed link is followed (email) or the internal endpoint confirms them (domain)
 * @param sandbox            {@code --ses-sandbox true}: recipients must be verified too; quota 200/24 h, 1/s
 * @param relay              {@code --ses-delivery smtp}: messages are also relayed to {@code --ses-smtp-host}
 * @param maxSendRate        {@code --ses-max-send-rate}: recipients per second (Throttling beyond)
 * @param max24HourSend      {@code --ses-max-24-hour-send}
 * @param smtpPort           {@code --smtp-port} of the SMTP listener (0: any free port; -1: no listener)
 */
record SesSettings(boolean manualVerification, boolean sandbox, boolean relay, String relayHost, int relayPort,
                   boolean relayStartTls, boolean relaySsl, String relayUser, String relayPassword, String relayTrust,
                   double maxSendRate, double max24HourSend, int deliveryAttempts, String smtpHost, int smtpPort,
                   boolean smtpRequireTls, boolean strictAuth, String credentials, String defaultRegion, String trackingBase,
                   String configuredHost, String configuredPort) {

    static SesSettings from(ServiceEnvironment env) {
        boolean sandbox = bool(env.setting("ses-sandbox", "false"));
        String verification = env.setting("ses-verification", "auto").toLowerCase(Locale.ROOT);
        if (!verification.equals("auto") && !verification.equals("manual")) {
            throw new IllegalArgumentException("--ses-verification must be auto or manual, not " + verification);
        }
        String delivery = env.setting("ses-delivery", "capture").toLowerCase(Locale.ROOT);
        if (!delivery.equals("capture") && !delivery.equals("smtp")) {
            throw new IllegalArgumentException("--ses-delivery must be capture or smtp, not " + delivery);
        }
        return new SesSettings(verification.equals("manual"), sandbox, delivery.equals("smtp"),
                env.setting("ses-smtp-host", "localhost"), Integer.parseInt(env.setting("ses-smtp-port", "25")),
                bool(env.setting("ses-smtp-starttls", "true")), bool(env.setting("ses-smtp-ssl", "false")),
                emptyToNull(env.setting("ses-smtp-username", "")), emptyToNull(env.setting("ses-smtp-password", "")),
                env.setting("ses-smtp-trust", "*"),
                Double.parseDouble(env.setting("ses-max-send-rate", sandbox ? "1" : "100000")),
                Double.parseDouble(env.setting("ses-max-24-hour-send", sandbox ? "200" : "100000000")),
                Integer.parseInt(env.setting("ses-delivery-attempts", "5")),
                env.setting("smtp-host", env.setting("host", "127.0.0.1")), Integer.parseInt(env.setting("smtp-port", "2525")),
                bool(env.setting("smtp-require-tls", "false")),
                env.setting("auth", "permissive").equals("strict"), env.setting("credentials", ""),
                env.setting("region", "us-east-1"), emptyToNull(env.setting("ses-tracking-url", "")),
                env.setting("host", "127.0.0.1"), env.setting("port", "4566"));
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
