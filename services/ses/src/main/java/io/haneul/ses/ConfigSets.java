package io.haneul.ses;

import io.haneul.ses.domain.ConfigSet;
import io.haneul.ses.domain.EventDestination;
import io.haneul.ses.domain.SesException;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/** Configuration sets and their event destinations and options. */
final class ConfigSets {

    private static final int MAX_SETS = 10_000;
    private static final int MAX_DESTINATIONS = 10;

    private final Docs docs;
    private final Clock clock;
    /** Whether an SNS topic exists (through SNS's TopicDelivery; true when SNS does not run here). */
    private final java.util.function.Predicate<String> topicExists;

    ConfigSets(Docs docs, Clock clock, java.util.function.Predicate<String> topicExists) {
        this.docs = docs;
        this.clock = clock;
        this.topicExists = topicExists;
    }

    void create(Scope s, ConfigSet cs) {
        if (cs.name == null || !cs.name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new SesException("InvalidConfigurationSetException", "BadRequestException",
                    "Configuration set name " + cs.name + " is invalid: only alphanumeric ASCII characters, '_', and '-' are allowed.");
        }
        cs.createdMs = clock.millis();
        docs.store().db().write(c -> {
            if (docs.store().count(c, s.account(), s.region(), Docs.CONFIG_SET) >= MAX_SETS) {
                throw SesException.limit("Maximum number of configuration sets (" + MAX_SETS + ") reached.");
            }
            if (!docs.insert(c, s, Docs.CONFIG_SET, cs.name, cs, cs.createdMs)) {
                throw SesException.exists("ConfigurationSetAlreadyExistsException", "Configuration set <" + cs.name + "> already exists.");
            }
            return null;
        });
    }

    ConfigSet get(Scope s, String name) {
        return docs.get(s, Docs.CONFIG_SET, name, ConfigSet.class).orElseThrow(() -> SesException.configSetMissing(name));
    }

    List<ConfigSet> list(Scope s) {
        return docs.list(s, Docs.CONFIG_SET, ConfigSet.class);
    }

    void delete(Scope s, String name) {
        if (!docs.delete(s, Docs.CONFIG_SET, name)) {
            throw SesException.configSetMissing(name);
        }
    }

    ConfigSet update(Scope s, String name, Consumer<ConfigSet> change) {
        return docs.update(s, Docs.CONFIG_SET, name, ConfigSet.class, () -> SesException.configSetMissing(name), change);
    }

    void addDestination(Scope s, String set, EventDestination d) {
        validate(d);
        checkTopic(d);
        update(s, set, cs -> {
            if (cs.destination(d.name) != null) {
                throw SesException.exists("EventDestinationAlreadyExistsException",
                        "Event destination " + d.name + " already exists in configuration set " + set + ".");
            }
            if (cs.destinations.size() >= MAX_DESTINATIONS) {
                throw SesException.limit("Maximum number of event destinations (" + MAX_DESTINATIONS + ") reached.");
            }
            cs.destinations.add(d);
        });
    }

    void updateDestination(Scope s, String set, EventDestination d) {
        validate(d);
        checkTopic(d);
        update(s, set, cs -> {
            EventDestination old = cs.destination(d.name);
            if (old == null) {
                throw missingDestination(set, d.name);
            }
            cs.destinations.set(cs.destinations.indexOf(old), d);
        });
    }

    void deleteDestination(Scope s, String set, String name) {
        update(s, set, cs -> {
            if (!cs.destinations.removeIf(d -> d.name.equals(name))) {
                throw missingDestination(set, name);
            }
        });
    }

    private static SesException missingDestination(String set, String name) {
        return SesException.notFound("EventDestinationDoesNotExistException",
                "No EventDestination found for " + name + " in configuration set " + set + ".");
    }

    /** An SNS destination must name a topic that exists, as SES checks when the destination is made. */
    private void checkTopic(EventDestination d) {
        if (d.snsTopicArn != null && !topicExists.test(d.snsTopicArn)) {
            throw new SesException("InvalidSNSDestinationException", "BadRequestException",
                    "SNS topic <" + d.snsTopicArn + "> does not exist.");
        }
    }

    private static void validate(EventDestination d) {
        if (d.name == null || !d.name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw SesException.invalid("Event destination name " + d.name + " is invalid.");
        }
        Events.types(d.types);
        if (d.snsTopicArn != null && !d.snsTopicArn.startsWith("arn:")) {
            throw new SesException("InvalidSNSDestinationException", "BadRequestException", "Invalid SNS topic ARN " + d.snsTopicArn);
        }
    }
}
