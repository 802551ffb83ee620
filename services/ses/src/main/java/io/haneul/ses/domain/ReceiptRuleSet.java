package io.haneul.ses.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A receipt rule set: ordered rules, each with recipients (addresses or domains) and ordered actions. */
public final class ReceiptRuleSet {
    public String name;
    public List<Rule> rules = new ArrayList<>();
    public long createdMs;

    /** A receipt rule. */
    public static final class Rule {
        public String name;
        public boolean enabled;
        public String tlsPolicy = "Optional";
        public List<String> recipients = new ArrayList<>();
        public List<Action> actions = new ArrayList<>();
        public boolean scanEnabled;

        /**
         * True when the rule applies to the recipient: no recipients means every recipient; an
         * entry with '@' matches that address; a domain matches addresses at it; a leading '.'
         * matches its subdomains.
         */
        public boolean matches(String bareRecipient) {
            if (recipients == null || recipients.isEmpty()) {
                return true;
            }
            String r = bareRecipient.toLowerCase(Locale.ROOT);
            String domain = Addresses.domain(r);
            for (String entry : recipients) {
                String e = entry.toLowerCase(Locale.ROOT).trim();
                if (e.contains("@") ? e.equals(r) : e.startsWith(".") ? domain.endsWith(e) : e.equals(domain)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One action of a rule; {@code type} says which fields apply. */
    public static final class Action {
        /** S3, SNS, Bounce, AddHeader, Stop, Lambda, WorkMail. */
        public String type;
        public String topicArn;
        public String encoding;
        public String bucketName;
        public String objectKeyPrefix;
        public String kmsKeyArn;
        public String iamRoleArn;
        public String smtpReplyCode;
        public String statusCode;
        public String message;
        public String sender;
        public String headerName;
        public String headerValue;
        public String scope;
        public String functionArn;
        public String invocationType;
        public String organizationArn;
    }

    public Rule rule(String ruleName) {
        return rules.stream().filter(r -> r.name.equals(ruleName)).findFirst().orElse(null);
    }

    public int indexOf(String ruleName) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).name.equals(ruleName)) {
                return i;
            }
        }
        return -1;
    }
}
