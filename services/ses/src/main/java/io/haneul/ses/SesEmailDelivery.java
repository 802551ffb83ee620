package io.haneul.ses;

import io.haneul.core.spi.EmailDelivery;

import java.util.List;

/**
 * SES as other services send mail through it (SNS email and email-json subscriptions): service
 * mail, so no verified identity is needed, on the same capture-then-relay path as SendEmail.
 */
final class SesEmailDelivery implements EmailDelivery {

    private final SesRuntime runtime;

    SesEmailDelivery(SesRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String send(String account, String region, String from, List<String> to, String subject, String textBody) {
        return runtime.mailer().sendServiceMail(new Scope(account, region, ""), from, to, subject, textBody);
    }
}
