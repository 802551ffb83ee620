package io.haneul.iam;

import io.haneul.core.error.AwsErrorException;
import io.haneul.iam.domain.IamException;

import java.util.Map;

/** The one place IAM domain errors become AWS errors, named by model shape (which carries code and status). */
final class IamErrors {

    private IamErrors() {
    }

    static AwsErrorException toAws(IamException e) {
        return new AwsErrorException(e.error().shape(), e.getMessage(), 400, true, Map.of());
    }
}
