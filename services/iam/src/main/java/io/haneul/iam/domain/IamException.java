package io.haneul.iam.domain;

/** A rule of IAM said no; the provider turns it into AWS's error. Carries no stack trace: it is an answer. */
public final class IamException extends RuntimeException {

    private final IamError error;

    public IamException(IamError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public IamError error() {
        return error;
    }

    public static IamException noSuchRole(String name) {
        return new IamException(IamError.NoSuchEntity, "The role with name " + name + " cannot be found.");
    }

    public static IamException policyNotAttachable(String arn) {
        return new IamException(IamError.NoSuchEntity, "Policy " + arn + " does not exist or is not attachable.");
    }

    public static IamException noSuchInstanceProfile(String name) {
        return new IamException(IamError.NoSuchEntity, "Instance Profile " + name + " cannot be found.");
    }
}
