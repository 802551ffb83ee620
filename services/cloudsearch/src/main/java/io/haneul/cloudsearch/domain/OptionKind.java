package io.haneul.cloudsearch.domain;

/**
 * What a stored option row configures. The first four are named and need IndexDocuments before
 * they are in force; the others are domain-wide settings that take effect on their own.
 */
public enum OptionKind {
    FIELD("IndexField", true), SCHEME("AnalysisScheme", true), EXPRESSION("Expression", true), SUGGESTER("Suggester", true),
    SCALING("ScalingParameters", false), AVAILABILITY("AvailabilityOptions", false), POLICIES("AccessPolicies", false),
    ENDPOINT("DomainEndpointOptions", false);

    private final String label;
    private final boolean needsIndexing;

    OptionKind(String label, boolean needsIndexing) {
        this.label = label;
        this.needsIndexing = needsIndexing;
    }

    /** The name AWS's messages give the option, e.g. {@code IndexField}. */
    public String label() {
        return label;
    }

    /** True when a change is only deployed by IndexDocuments (state RequiresIndexDocuments until then). */
    public boolean needsIndexing() {
        return needsIndexing;
    }

    /** The value kept in the store. */
    public String stored() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
