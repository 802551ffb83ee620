package io.haneul.sns.domain;

import java.util.Locale;

/**
 * Subscription protocols and the endpoints each accepts. {@link #outbox()} protocols have no
 * carrier here: their deliveries are recorded in the outbox.
 */
public enum Protocol {
    HTTP("http"), HTTPS("https"), EMAIL("email"), EMAIL_JSON("email-json"), SMS("sms"), SQS("sqs"),
    APPLICATION("application"), LAMBDA("lambda"), FIREHOSE("firehose");

    private final String wire;

    Protocol(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Protocol parse(String s) {
        if (s != null) {
            for (Protocol p : values()) {
                if (p.wire.equals(s.toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
        }
        throw SnsException.invalidParameter("Amazon SNS does not support this protocol string: " + s);
    }

    public boolean http() {
        return this == HTTP || this == HTTPS;
    }

    /** Delivered by writing to the outbox (no carrier or target service here). */
    public boolean outbox() {
        return this == EMAIL || this == EMAIL_JSON || this == SMS || this == APPLICATION || this == LAMBDA || this == FIREHOSE;
    }

    /** Subscriptions of this protocol wait for confirmation (cross-account SQS is decided elsewhere). */
    public boolean needsConfirmation() {
        return http() || this == EMAIL || this == EMAIL_JSON;
    }

    /** Whether RawMessageDelivery applies. */
    public boolean supportsRaw() {
        return http() || this == SQS || this == FIREHOSE;
    }

    /** Checks the endpoint's form for this protocol. */
    public void validateEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isEmpty()) {
            throw SnsException.invalidParameter("Invalid parameter: Endpoint");
        }
        switch (this) {
            case HTTP, HTTPS -> {
                if (!endpoint.toLowerCase(Locale.ROOT).startsWith(wire + "://")) {
                    throw SnsException.invalidParameter("Endpoint must match the specified protocol");
                }
                try {
                    java.net.URI u = new java.net.URI(endpoint);
                    if (u.getHost() == null) {
                        throw SnsException.invalidParameter("Endpoint Reason: " + endpoint + " is not a valid URL");
                    }
                } catch (java.net.URISyntaxException e) {
                    throw SnsException.invalidParameter("Endpoint Reason: " + endpoint + " is not a valid URL");
                }
            }
            case EMAIL, EMAIL_JSON -> {
                if (!endpoint.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    throw SnsException.invalidParameter("Email address");
                }
            }
            case SMS -> {
                if (!PhoneNumbers.valid(endpoint)) {
                    throw SnsException.invalidParameter("Invalid SMS endpoint: " + endpoint);
                }
            }
            case SQS -> {
                if (Arns.queue(endpoint).isEmpty()) {
                    throw SnsException.invalidParameter("SQS endpoint ARN");
                }
            }
            case LAMBDA -> {
                if (!endpoint.matches("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?")) {
                    throw SnsException.invalidParameter("Lambda endpoint ARN");
                }
            }
            case FIREHOSE -> {
                if (!endpoint.matches("arn:aws[a-z-]*:firehose:[a-z0-9-]+:\\d{12}:deliverystream/[A-Za-z0-9_.-]+")) {
                    throw SnsException.invalidParameter("Firehose endpoint ARN");
                }
            }
            case APPLICATION -> {
                if (Arns.parse(endpoint).filter(a -> a.resource().startsWith("endpoint/")).isEmpty()) {
                    throw SnsException.invalidParameter("Application endpoint ARN");
                }
            }
        }
    }
}
