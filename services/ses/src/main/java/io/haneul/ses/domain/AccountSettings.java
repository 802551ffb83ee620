package io.haneul.ses.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per account and region settings: sending enabled, active receipt rule set, suppression, v2 account details. */
public final class AccountSettings {
    public boolean sendingEnabled = true;
    public String activeRuleSet;
    /** Reasons the account-level suppression list applies for (AWS's default for new accounts: both). */
    public List<String> suppressedReasons = new ArrayList<>(List.of("BOUNCE", "COMPLAINT"));
    public Boolean productionAccess;
    public boolean dedicatedIpAutoWarmup;
    public Map<String, Object> details = new LinkedHashMap<>();
    public Map<String, Object> vdm = new LinkedHashMap<>();
    /** The pricing plan in force (null: NONE) and a scheduled change with the instant it starts (see {@link PricingPlans}). */
    public String pricingPlan;
    public String nextPricingPlan;
    public long nextPricingPlanFromMs;
}
