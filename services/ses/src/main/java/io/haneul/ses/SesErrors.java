package io.haneul.ses;

import io.haneul.core.error.AwsErrorException;
import io.haneul.ses.domain.SesException;

import java.util.Map;

/**
 * The one place SES domain errors become AWS errors: the v1 name (an error shape of the v1 model,
 * whose query code and status the engine takes from the model, or a plain query code with 400)
 * or the v2 shape name, depending on the API called.
 */
final class SesErrors {

    private SesErrors() {
    }

    static AwsErrorException v1(SesException e) {
        return new AwsErrorException(e.v1(), e.getMessage(), 400, true, Map.of());
    }

    static AwsErrorException v2(SesException e) {
        int status = switch (e.v2()) {
            case "NotFoundException" -> 404;
            case "TooManyRequestsException" -> 429;
            case "ConflictException" -> 409;
            default -> 400;
        };
        return new AwsErrorException(e.v2(), e.getMessage(), status, true, Map.of());
    }
}
