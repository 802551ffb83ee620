package io.haneul.swf.store;

import java.util.Map;

/** A registered domain; {@code retention} is days as text ("NONE" or 0–90), tags keyed by name in insertion order. */
public record DomainRecord(String account, String region, String name, String status, String description,
                           String retention, Map<String, String> tags, long createdAt) {

    public String arn() {
        return "arn:aws:swf:" + region + ":" + account + ":/domain/" + name;
    }

    public boolean deprecated() {
        return "DEPRECATED".equals(status);
    }
}
