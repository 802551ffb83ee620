package io.haneul.core.spi;

import java.util.Map;

/**
 * The live feed behind {@code /_haneul/events}: services publish what changed (a message sent, a mail
 * captured, an object written) and the server pushes it, as server-sent events, to the console pages
 * whose caller sees that account, so that pages update without polling.
 *
 * <p>Why an SPI: the feed is the server's (it knows the listeners and their viewers), the events are
 * the services'; a service looks it up with {@code env.find(EventFeed.class)} and publishes one line
 * per change. Publishing never blocks and never fails the call it reports: with no one listening it
 * costs a map lookup.
 */
public interface EventFeed {

    /**
     * @param service the service's id, e.g. {@code sqs}
     * @param type    what happened, e.g. {@code message.sent}
     * @param account the account that owns the changed resource (listeners see only their accounts)
     * @param detail  small JSON-able details (names, ids; never a message body or a secret)
     */
    void publish(String service, String type, String account, Map<String, ?> detail);

    /** A feed nobody listens to: for tests and services started without a server. */
    EventFeed NONE = (service, type, account, detail) -> {
    };

    /** The environment's feed, or {@link #NONE}. */
    static EventFeed of(ServiceEnvironment env) {
        return env.find(EventFeed.class).orElse(NONE);
    }
}
