package io.haneul.iam.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM ARNs. IAM is global, so its ARNs have no region: {@code arn:aws:iam::<account>:role/<path><name>}.
 * AWS managed policies name the account {@code aws}.
 */
public final class IamArns {

    /** The account part of AWS managed policies' ARNs. */
    public static final String AWS = "aws";

    private static final Pattern POLICY = Pattern.compile("arn:aws:iam::(\\d{12}|aws):policy(/(?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]+)");
    private static final Pattern ROLE = Pattern.compile("arn:aws[\\w-]*:iam::(\\d{12}):role(/(?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]+)");

    private IamArns() {
    }

    public static String role(String account, String path, String name) {
        return "arn:aws:iam::" + account + ":role" + path + name;
    }

    public static String policy(String account, String path, String name) {
        return "arn:aws:iam::" + account + ":policy" + path + name;
    }

    public static String instanceProfile(String account, String path, String name) {
        return "arn:aws:iam::" + account + ":instance-profile" + path + name;
    }

    /** A parsed ARN of a role or policy: owner account (or {@code aws}), path and name. */
    public record Parsed(String account, String path, String name) {
    }

    public static Optional<Parsed> parsePolicy(String arn) {
        return parse(POLICY, arn);
    }

    public static Optional<Parsed> parseRole(String arn) {
        return parse(ROLE, arn);
    }

    private static Optional<Parsed> parse(Pattern pattern, String arn) {
        Matcher m = arn == null ? null : pattern.matcher(arn);
        return m != null && m.matches() ? Optional.of(new Parsed(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }
}
