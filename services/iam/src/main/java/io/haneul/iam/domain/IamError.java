package io.haneul.iam.domain;

/** The IAM errors Haneul answers, each named by its error shape in the IAM model (which carries code and status). */
public enum IamError {
    NoSuchEntity("NoSuchEntityException"),
    EntityAlreadyExists("EntityAlreadyExistsException"),
    DeleteConflict("DeleteConflictException"),
    LimitExceeded("LimitExceededException"),
    MalformedPolicyDocument("MalformedPolicyDocumentException"),
    InvalidInput("InvalidInputException"),
    UnmodifiableEntity("UnmodifiableEntityException");

    private final String shape;

    IamError(String shape) {
        this.shape = shape;
    }

    public String shape() {
        return shape;
    }
}
