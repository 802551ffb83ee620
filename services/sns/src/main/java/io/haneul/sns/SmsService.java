package io.haneul.sns;

import io.haneul.core.engine.RequestContext;
import io.haneul.sns.domain.PhoneNumbers;
import io.haneul.sns.domain.SnsException;
import io.haneul.sns.store.OutboxStore;
import io.haneul.sns.store.SmsStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * SMS settings, opt-outs and the SMS sandbox. There is no carrier: messages (including sandbox
 * verification codes) go to the outbox. A number opts out through the internal route
 * {@code POST /_haneul/sns/opt-out}, standing in for a subscriber replying STOP.
 */
final class SmsService {

    private static final Set<String> ATTRIBUTES = Set.of("MonthlySpendLimit", "DeliveryStatusIAMRole",
            "DeliveryStatusSuccessSamplingRate", "DefaultSenderID", "DefaultSMSType", "UsageReportS3Bucket");

    private final SmsStore store;
    private final OutboxStore outbox;
    private final SnsSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SmsService(SmsStore store, OutboxStore outbox, SnsSettings settings, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    void setAttributes(RequestContext ctx, Map<String, String> changes) {
        for (Map.Entry<String, String> e : changes.entrySet()) {
            if (!ATTRIBUTES.contains(e.getKey())) {
                throw SnsException.invalidParameter(e.getKey());
            }
            String v = e.getValue() == null ? "" : e.getValue();
            switch (e.getKey()) {
                case "DefaultSMSType" -> {
                    if (!v.equals("Promotional") && !v.equals("Transactional")) {
                        throw SnsException.invalidParameter("DefaultSMSType Reason: must be Promotional or Transactional");
                    }
                }
                case "MonthlySpendLimit" -> {
                    if (!v.matches("\\d{1,9}")) {
                        throw SnsException.invalidParameter("MonthlySpendLimit Reason: must be a whole number of USD");
                    }
                }
                case "DeliveryStatusSuccessSamplingRate" -> {
                    if (!v.matches("\\d{1,3}") || Integer.parseInt(v) > 100) {
                        throw SnsException.invalidParameter("DeliveryStatusSuccessSamplingRate Reason: must be from 0 to 100");
                    }
                }
                case "DefaultSenderID" -> {
                    if (!v.matches("(?=.*[A-Za-z])[A-Za-z0-9-]{1,11}")) {
                        throw SnsException.invalidParameter("DefaultSenderID Reason: 1 to 11 alphanumeric characters with at least one letter");
                    }
                }
                default -> {
                }
            }
        }
        Map<String, String> attrs = new LinkedHashMap<>(store.attributes(ctx.accountId(), ctx.region()));
        attrs.putAll(changes);
        store.saveAttributes(ctx.accountId(), ctx.region(), attrs);
    }

    Map<String, String> attributes(RequestContext ctx, List<String> names) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("DefaultSMSType", "Promotional");
        all.putAll(store.attributes(ctx.accountId(), ctx.region()));
        if (names == null || names.isEmpty()) {
            return all;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            if (all.containsKey(n)) {
                out.put(n, all.get(n));
            }
        }
        return out;
    }

    private static String phone(String number, String parameter) {
        if (!PhoneNumbers.valid(number)) {
            throw SnsException.invalidParameter(parameter);
        }
        return PhoneNumbers.normalize(number);
    }

    boolean optedOut(RequestContext ctx, String number) {
        return store.optedOut(ctx.accountId(), ctx.region(), phone(number, "PhoneNumber"));
    }

    Pages.Page<String> listOptedOut(RequestContext ctx, String nextToken) {
        return Pages.of(store.listOptedOut(ctx.accountId(), ctx.region(), Pages.after(nextToken), Pages.PAGE_SIZE + 1),
                Pages.PAGE_SIZE, s -> s);
    }

    void optIn(RequestContext ctx, String number) {
        store.setOptedOut(ctx.accountId(), ctx.region(), phone(number, "PhoneNumber"), false, clock.millis());
    }

    /** Marks a number opted out (the internal route standing in for STOP replies). */
    void optOut(String account, String region, String number) {
        store.setOptedOut(account, region, phone(number, "PhoneNumber"), true, clock.millis());
    }

    boolean inSandbox() {
        return settings.smsSandbox();
    }

    void createSandboxNumber(RequestContext ctx, String number, String language) {
        String p = phone(number, "PhoneNumber");
        if (store.optedOut(ctx.accountId(), ctx.region(), p)) {
            throw new SnsException("OptedOutException", "Phone number is opted out");
        }
        String otp = String.format("%06d", random.nextInt(1_000_000));
        store.putSandbox(ctx.accountId(), ctx.region(), new SmsStore.SandboxNumber(p, language == null ? "en-US" : language, "Pending", otp),
                clock.millis());
        outbox.insert(new OutboxStore.Entry(0, ctx.accountId(), ctx.region(), "sms", p, UUID.randomUUID().toString(), null, null, null,
                "Your verification code is " + otp, null, "Verification", clock.millis()));
    }

    void deleteSandboxNumber(RequestContext ctx, String number) {
        if (!store.deleteSandbox(ctx.accountId(), ctx.region(), phone(number, "PhoneNumber"))) {
            throw SnsException.resourceNotFound("Phone number does not exist in the sandbox");
        }
    }

    void verifySandboxNumber(RequestContext ctx, String number, String otp) {
        String p = phone(number, "PhoneNumber");
        SmsStore.SandboxNumber n = store.sandboxNumber(ctx.accountId(), ctx.region(), p)
                .orElseThrow(() -> SnsException.resourceNotFound("Phone number does not exist in the sandbox"));
        if (!n.otp().equals(otp)) {
            throw new SnsException("VerificationException", "Invalid one-time password");
        }
        store.putSandbox(ctx.accountId(), ctx.region(), new SmsStore.SandboxNumber(p, n.language(), "Verified", n.otp()), clock.millis());
    }

    Pages.Page<SmsStore.SandboxNumber> listSandbox(RequestContext ctx, String nextToken, Integer max) {
        int size = max == null ? Pages.PAGE_SIZE : Math.max(1, Math.min(100, max));
        return Pages.of(store.listSandbox(ctx.accountId(), ctx.region(), Pages.after(nextToken), size + 1), size,
                SmsStore.SandboxNumber::phone);
    }
}
