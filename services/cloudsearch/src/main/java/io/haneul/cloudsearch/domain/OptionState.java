package io.haneul.cloudsearch.domain;

/**
 * OptionStatus.State as AWS reports it. A change that needs indexing waits in
 * {@link #REQUIRES_INDEX_DOCUMENTS}; IndexDocuments (or a setting's update) puts it in
 * {@link #PROCESSING} until its activation time, after which it reads {@link #ACTIVE}; an option
 * whose references no longer resolve when IndexDocuments runs is {@link #FAILED_TO_VALIDATE} and
 * stays undeployed.
 */
public enum OptionState {
    REQUIRES_INDEX_DOCUMENTS("RequiresIndexDocuments"), PROCESSING("Processing"), ACTIVE("Active"),
    FAILED_TO_VALIDATE("FailedToValidate");

    private final String wire;

    OptionState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static OptionState of(String wire) {
        for (OptionState s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown option state " + wire);
    }

    /** The state as seen at {@code nowMillis}: processing ends at {@code activeAt}. */
    public static OptionState seen(String stored, long activeAt, long nowMillis) {
        OptionState s = of(stored);
        return s == PROCESSING && nowMillis >= activeAt ? ACTIVE : s;
    }
}
