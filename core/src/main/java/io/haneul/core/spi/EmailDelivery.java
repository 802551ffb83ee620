package io.haneul.core.spi;

import java.util.List;

/**
 * What SES offers other services (SNS email and email-json subscriptions): send a plain-text mail
 * that the service itself originates (e.g. from {@code no-reply@sns.amazonaws.com}). No verified
 * identity is required, but the mail takes SES's normal outbound path: it is captured in the
 * mailbox ({@code /_haneul/ses/messages}) and, under {@code --ses-delivery smtp}, relayed by a
 * durable job, so nothing acknowledged is lost on restart. Implemented by the SES module (exported
 * like SQS's {@link QueueDelivery}); callers look it up lazily with {@link ServiceEnvironment#find}
 * at delivery time and keep their own behaviour when it is absent (SES disabled).
 */
public interface EmailDelivery {

    /**
     * Sends a mail.
     *
     * @param account  account the mail is captured under
     * @param region   region the mail is captured under
     * @param from     the sender address
     * @param to       recipient addresses (at least one)
     * @param subject  the subject
     * @param textBody the plain-text body
     * @return the SES message id
     * @throws IllegalArgumentException when an address is malformed or no recipient is given
     */
    String send(String account, String region, String from, List<String> to, String subject, String textBody);
}
