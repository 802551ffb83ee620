package io.haneul.apigateway.invoke;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code AWS} integration's URI, {@code arn:aws:apigateway:{region}:{[subdomain.]service}:{action|path}/{rest}}:
 * the action form names an API action ({@code sqs:action/SendMessage}), the path form the path under the
 * service's endpoint ({@code sqs:path/{account}/{queue}}, {@code s3:path/{bucket}/{key}}); a subdomain
 * is the part of the endpoint's host before the service ({@code mybucket.s3}).
 */
record AwsServiceUri(String region, String subdomain, String service, boolean action, String rest) {

    private static final Pattern URI = Pattern.compile("arn:aws[a-z-]*:apigateway:([a-z0-9-]+):([a-z0-9.-]+):(action|path)/(.*)", Pattern.DOTALL);

    static Optional<AwsServiceUri> parse(String uri) {
        Matcher m = URI.matcher(uri);
        if (!m.matches()) {
            return Optional.empty();
        }
        String host = m.group(2);
        int dot = host.lastIndexOf('.');
        return Optional.of(new AwsServiceUri(m.group(1), dot < 0 ? null : host.substring(0, dot), host.substring(dot + 1),
                m.group(3).equals("action"), m.group(4)));
    }
}
