package io.haneul.ses.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A verified (or pending) sending identity as stored: an email address or a domain, its
 * verification, Easy DKIM (tokens and key pair) or BYODKIM, custom MAIL FROM, notification topics
 * and sending authorization policies.
 */
public final class Identity {
    public static final String EMAIL = "EmailAddress";
    public static final String DOMAIN = "Domain";

    public String name;
    public String type;
    /** Pending | Success | Failed | TemporaryFailure | NotStarted. */
    public String status = "Pending";
    /** Domain verification TXT token ({@code _amazonses.<domain>}). */
    public String verificationToken;
    /** Secret of the verification link mailed to an email identity in manual mode. */
    public String linkToken;
    public boolean dkimEnabled;
    public List<String> dkimTokens = new ArrayList<>();
    public String dkimPrivateKey;
    public String dkimPublicKey;
    public String dkimStatus = "NotStarted";
    /** AWS_SES (Easy DKIM) or EXTERNAL (BYODKIM). */
    public String dkimOrigin = "AWS_SES";
    public String dkimSelector;
    public String dkimKeyLength = "RSA_2048_BIT";
    public String mailFromDomain;
    public String mailFromBehavior = "UseDefaultValue";
    /** Notification type (Bounce, Complaint, Delivery) to SNS topic ARN. */
    public Map<String, String> topics = new LinkedHashMap<>();
    public Map<String, Boolean> headersInNotifications = new LinkedHashMap<>();
    public boolean feedbackForwarding = true;
    public Map<String, String> policies = new LinkedHashMap<>();
    public String configurationSet;
    public long createdMs;

    public boolean isDomain() {
        return DOMAIN.equals(type);
    }

    public boolean verified() {
        return "Success".equals(status);
    }

    /** The selector outgoing mail is signed under. */
    public String signingSelector() {
        return dkimSelector != null ? dkimSelector : dkimTokens.isEmpty() ? null : dkimTokens.getFirst();
    }

    /** True when mail from this domain is DKIM-signed. */
    public boolean signs() {
        return isDomain() && dkimEnabled && dkimPrivateKey != null && signingSelector() != null;
    }
}
