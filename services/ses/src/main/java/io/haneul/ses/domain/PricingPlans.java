package io.haneul.ses.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The account's SES pricing plan (PutAccountPricingAttributes): a change is scheduled for the start of
 * the next monthly cycle (taken as the next UTC calendar month), when it becomes the current plan;
 * until then GetAccount reports it as {@code NextPlan}. Asking for the current plan again cancels a
 * pending change. An account that never chose one is on {@code NONE} (per-feature pricing).
 */
public final class PricingPlans {

    public static final List<String> PLANS = List.of("NONE", "ESSENTIALS", "PRO", "ENTERPRISE");

    /** The plan in force and the one scheduled next (null when no change is pending). */
    public record Attributes(String current, String next) {
    }

    private PricingPlans() {
    }

    /** Records a request for {@code plan} at {@code now}. */
    public static void request(AccountSettings a, String plan, Instant now) {
        settle(a, now);
        if (plan.equals(current(a))) {
            a.nextPricingPlan = null;
            a.nextPricingPlanFromMs = 0;
        } else {
            a.nextPricingPlan = plan;
            a.nextPricingPlanFromMs = YearMonth.from(now.atZone(ZoneOffset.UTC)).plusMonths(1).atDay(1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
    }

    /** The plans as they stand at {@code now} (a scheduled change whose month has begun is current). */
    public static Attributes at(AccountSettings a, Instant now) {
        boolean begun = a.nextPricingPlan != null && now.toEpochMilli() >= a.nextPricingPlanFromMs;
        return begun ? new Attributes(a.nextPricingPlan, null) : new Attributes(current(a), a.nextPricingPlan);
    }

    private static void settle(AccountSettings a, Instant now) {
        Attributes standing = at(a, now);
        a.pricingPlan = standing.current();
        if (standing.next() == null) {
            a.nextPricingPlan = null;
            a.nextPricingPlanFromMs = 0;
        }
    }

    private static String current(AccountSettings a) {
        return a.pricingPlan == null ? "NONE" : a.pricingPlan;
    }
}
