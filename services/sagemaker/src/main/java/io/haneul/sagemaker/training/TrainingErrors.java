package io.haneul.sagemaker.training;

import io.haneul.core.error.AwsErrorException;

/** SageMaker's errors as the training operations answer them (all 400s, as AWS sends them). */
final class TrainingErrors {

    private TrainingErrors() {
    }

    static AwsErrorException validation(String message) {
        return new AwsErrorException("ValidationException", message, 400);
    }

    /** DescribeTrainingJob and StopTrainingJob of an unknown name answer ValidationException, not the modelled ResourceNotFound. */
    static AwsErrorException notFound() {
        return validation("Requested resource not found.");
    }

    static AwsErrorException inUse(String message) {
        return new AwsErrorException("ResourceInUse", message, 400);
    }

    static AwsErrorException resourceNotFound(String message) {
        return new AwsErrorException("ResourceNotFound", message, 400);
    }
}
