package io.haneul.swf.domain;

/**
 * A rule of SWF said no. Carries the fault shape and AWS's message; {@code SwfErrors} turns it into
 * the wire error, so domain code knows nothing of HTTP. No stack trace: it is an answer, not a bug.
 */
public final class SwfException extends RuntimeException {

    private final SwfFault fault;

    public SwfException(SwfFault fault, String message) {
        super(message, null, false, false);
        this.fault = fault;
    }

    public SwfFault fault() {
        return fault;
    }

    public static SwfException unknownDomain(String name) {
        return new SwfException(SwfFault.UnknownResourceFault, "Unknown domain: " + name);
    }

    public static SwfException unknownType(String kind, String name, String version) {
        return new SwfException(SwfFault.UnknownResourceFault, "Unknown type: " + typeText(kind, name, version));
    }

    public static SwfException unknownExecution(String workflowId, String runId) {
        return new SwfException(SwfFault.UnknownResourceFault,
                "Unknown execution: WorkflowExecution=[workflowId=" + workflowId + ", runId=" + runId + "]");
    }

    public static SwfException unknownToken() {
        return new SwfException(SwfFault.UnknownResourceFault, "Unknown task token");
    }

    public static SwfException validation(String message) {
        return new SwfException(SwfFault.ValidationException, message);
    }

    /** How AWS names a type in its messages, e.g. {@code WorkflowType=[name=w, version=1]}. */
    public static String typeText(String kind, String name, String version) {
        return kind + "=[name=" + name + ", version=" + version + "]";
    }
}
