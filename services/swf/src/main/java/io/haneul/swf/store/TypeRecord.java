package io.haneul.swf.store;

/**
 * A registered workflow or activity type. {@code configuration} is the SDK's WorkflowTypeConfiguration
 * or ActivityTypeConfiguration as wire JSON (the type's defaults).
 */
public record TypeRecord(String domain, TypeKind kind, String name, String version, String status, String description,
                         String configuration, long createdAt, Long deprecatedAt) {

    public boolean deprecated() {
        return "DEPRECATED".equals(status);
    }
}
