package io.haneul.ses;

import io.haneul.ses.domain.AccountSettings;
import io.haneul.ses.domain.Addresses;
import io.haneul.ses.domain.SesException;
import io.haneul.ses.store.SesStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Account-level state: sending enabled, quota and statistics, the account suppression list. */
final class Accounts {

    private final Docs docs;
    private final SesStore store;
    private final SesSettings settings;
    private final Clock clock;

    Accounts(Docs docs, SesStore store, SesSettings settings, Clock clock) {
        this.docs = docs;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    AccountSettings settings(Scope s) {
        return docs.account(s);
    }

    AccountSettings update(Scope s, Consumer<AccountSettings> change) {
        return docs.updateAccount(s, change);
    }

    /** Max24HourSend, MaxSendRate, SentLast24Hours. */
    record Quota(double max24HourSend, double maxSendRate, double sentLast24Hours) {
    }

    Quota quota(Scope s) {
        return new Quota(settings.max24HourSend(), settings.maxSendRate(),
                store.sentSince(s.account(), s.region(), clock.millis() - 86_400_000L));
    }

    List<SesStore.StatBucket> statistics(Scope s) {
        return store.statistics(s.account(), s.region(), clock.millis() - 14L * 86_400_000L);
    }

    boolean sandbox(Scope s) {
        AccountSettings a = settings(s);
        return a.productionAccess != null ? !a.productionAccess : settings.sandbox();
    }

    // ---- suppression list ----

    /** A suppressed destination. */
    record Suppressed(String email, String reason, long lastUpdateMs, String messageId) {
    }

    void suppress(Scope s, String email, String reason) {
        String bare = Addresses.bare(email);
        if (!Addresses.valid(bare)) {
            throw SesException.invalid("Invalid email address " + email + ".");
        }
        if (!"BOUNCE".equals(reason) && !"COMPLAINT".equals(reason)) {
            throw SesException.invalid("Reason must be BOUNCE or COMPLAINT.");
        }
        String key = bare.toLowerCase(Locale.ROOT);
        docs.put(s, Docs.SUPPRESSED, key, Map.of("email", key, "reason", reason, "lastUpdateMs", clock.millis()), clock.millis());
    }

    Suppressed suppressed(Scope s, String email) {
        String key = Addresses.bare(email).toLowerCase(Locale.ROOT);
        return docs.store().get(s.account(), s.region(), Docs.SUPPRESSED, key).map(Accounts::suppressed)
                .orElseThrow(() -> SesException.notFound("InvalidParameterValue", "Email address " + email + " does not exist on your suppression list."));
    }

    void unsuppress(Scope s, String email) {
        String key = Addresses.bare(email).toLowerCase(Locale.ROOT);
        if (!docs.delete(s, Docs.SUPPRESSED, key)) {
            throw SesException.notFound("InvalidParameterValue", "Email address " + email + " does not exist on your suppression list.");
        }
    }

    List<Suppressed> suppressedList(Scope s, List<String> reasons, Long fromMs, Long toMs) {
        List<Suppressed> out = new ArrayList<>();
        for (SesStore.Doc d : docs.docs(s, Docs.SUPPRESSED)) {
            Suppressed x = suppressed(d);
            if ((reasons == null || reasons.isEmpty() || reasons.contains(x.reason())) && (fromMs == null || x.lastUpdateMs() >= fromMs)
                    && (toMs == null || x.lastUpdateMs() <= toMs)) {
                out.add(x);
            }
        }
        return out;
    }

    private static Suppressed suppressed(SesStore.Doc d) {
        Map<?, ?> m = Docs.parse(d.body(), Map.class);
        return new Suppressed(String.valueOf(m.get("email")), String.valueOf(m.get("reason")),
                ((Number) m.get("lastUpdateMs")).longValue(), m.get("messageId") == null ? null : String.valueOf(m.get("messageId")));
    }
}
