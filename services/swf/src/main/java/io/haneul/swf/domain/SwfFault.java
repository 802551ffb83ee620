package io.haneul.swf.domain;

/** The error shapes of the SWF model that Haneul raises; all are client faults (HTTP 400). */
public enum SwfFault {
    UnknownResourceFault,
    TypeAlreadyExistsFault,
    DomainAlreadyExistsFault,
    DomainDeprecatedFault,
    TypeDeprecatedFault,
    TypeNotDeprecatedFault,
    WorkflowExecutionAlreadyStartedFault,
    LimitExceededFault,
    OperationNotPermittedFault,
    DefaultUndefinedFault,
    TooManyTagsFault,
    /** Not a model shape: the generic awsJson validation error for rules the model cannot express. */
    ValidationException
}
