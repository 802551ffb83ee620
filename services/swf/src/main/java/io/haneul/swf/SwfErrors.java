package io.haneul.swf;

import io.haneul.core.error.AwsErrorException;
import io.haneul.swf.domain.SwfException;

import java.util.Map;

/** The one place SWF domain errors become AWS errors: every SWF fault is a 400 client error named by its shape. */
final class SwfErrors {

    private SwfErrors() {
    }

    static AwsErrorException toAws(SwfException e) {
        return new AwsErrorException(e.fault().name(), e.getMessage(), 400, true, Map.of());
    }
}
