package io.haneul.ses.domain;

import java.util.Locale;

/**
 * The SES mailbox simulator: addresses at {@code simulator.amazonses.com} whose delivery outcome is
 * fixed, and which are never relayed. A label after '+' is allowed (success+label@...).
 */
public enum Simulator {
    /** Not a simulator address: delivered normally. */
    NONE,
    SUCCESS,
    BOUNCE,
    OOTO,
    COMPLAINT,
    SUPPRESSION_LIST;

    public static final String DOMAIN = "simulator.amazonses.com";

    public static Simulator of(String bareAddress) {
        String a = bareAddress.toLowerCase(Locale.ROOT);
        if (!a.endsWith("@" + DOMAIN)) {
            return NONE;
        }
        String local = a.substring(0, a.indexOf('@'));
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        return switch (local) {
            case "success" -> SUCCESS;
            case "bounce" -> BOUNCE;
            case "ooto" -> OOTO;
            case "complaint" -> COMPLAINT;
            case "suppressionlist" -> SUPPRESSION_LIST;
            default -> SUCCESS;
        };
    }

    /** True when the address is delivered (a Delivery event), false when it bounces. */
    public boolean delivers() {
        return this != BOUNCE && this != SUPPRESSION_LIST;
    }
}
