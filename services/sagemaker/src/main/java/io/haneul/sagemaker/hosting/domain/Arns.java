package io.haneul.sagemaker.hosting.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * SageMaker ARNs: {@code arn:aws:sagemaker:<region>:<account>:<type>/<name>}, where SageMaker writes the
 * name in lower case (an endpoint named {@code MyEndpoint} has the ARN {@code .../endpoint/myendpoint}).
 */
public final class Arns {

    /** An ARN taken apart. */
    public record Parts(String region, String account, String type, String name) {
    }

    private Arns() {
    }

    public static String of(String region, String account, String type, String name) {
        return "arn:aws:sagemaker:" + region + ":" + account + ":" + type + "/" + name.toLowerCase(Locale.ROOT);
    }

    public static Optional<Parts> parse(String arn) {
        String[] p = arn == null ? new String[0] : arn.split(":", 6);
        if (p.length != 6 || !p[0].equals("arn") || !p[2].equals("sagemaker")) {
            return Optional.empty();
        }
        int slash = p[5].indexOf('/');
        if (slash <= 0 || slash == p[5].length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Parts(p[3], p[4], p[5].substring(0, slash), p[5].substring(slash + 1)));
    }
}
