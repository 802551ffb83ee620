package io.haneul.ses.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per account and region settings: sending enabled, active receipt rule set, suppression, v2 account details. */
public final class AccountSettings {
    public boolean sendingEnabled = true;
    public String activeRuleSet;
    public List<String> suppressedReasons = new ArrayList<>();
    public Boolean productionAccess;
    public boolean dedicatedIpAutoWarmup;
    public Map<String, Object> details = new LinkedHashMap<>();
    public Map<String, Object> vdm = new LinkedHashMap<>();
}
