package io.haneul.sts;

import io.haneul.core.error.AwsErrorException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM role ARN, {@code arn:aws:iam::<account>:role/<path/><name>}.
 */
record RoleArn(String account, String name) {

    private static final Pattern ROLE = Pattern.compile("arn:aws[\\w-]*:iam::(\\d{12}):role/(?:[\\w+=,.@/-]*/)?([\\w+=,.@-]{1,64})");

    static RoleArn parse(String arn) {
        Matcher m = arn == null ? null : ROLE.matcher(arn);
        if (m == null || !m.matches()) {
            throw new AwsErrorException("ValidationError", arn + " is invalid", 400);
        }
        return new RoleArn(m.group(1), m.group(2));
    }
}
