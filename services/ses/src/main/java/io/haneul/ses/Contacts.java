package io.haneul.ses;

import io.haneul.ses.domain.Addresses;
import io.haneul.ses.domain.SesException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** v2 contact lists (with topics) and their contacts (topic preferences, unsubscribe-all, attributes). */
final class Contacts {

    /** A contact list's topic. */
    public record Topic(String name, String displayName, String description, String defaultStatus) {
    }

    /** A stored contact list. */
    public static final class ContactList {
        public String name;
        public String description;
        public List<Topic> topics = new ArrayList<>();
        public long createdMs;
        public long updatedMs;
    }

    /** A stored contact. */
    public static final class Contact {
        public String list;
        public String email;
        public Map<String, String> preferences = new LinkedHashMap<>();
        public boolean unsubscribeAll;
        public String attributes;
        public long createdMs;
        public long updatedMs;
    }

    private final Docs docs;
    private final Clock clock;

    Contacts(Docs docs, Clock clock) {
        this.docs = docs;
        this.clock = clock;
    }

    /** At most this many topics in a list, as SES allows. */
    static final int MAX_TOPICS = 20;

    /** The input's own rules, checked before the one-list limit as SES checks them. */
    static void checkTopics(List<Topic> topics) {
        if (topics.size() > MAX_TOPICS) {
            throw SesException.invalid("A maximum of " + MAX_TOPICS + " Topics allowed per List");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Topic t : topics) {
            if (!names.add(t.name())) {
                throw SesException.invalid("Topic names must be unique: " + t.name() + " appears more than once.");
            }
        }
    }

    void createList(Scope s, ContactList l) {
        checkTopics(l.topics);
        l.createdMs = clock.millis();
        l.updatedMs = l.createdMs;
        boolean created = docs.store().db().write(c -> {
            if (docs.get(c, s, Docs.CONTACT_LIST, l.name, ContactList.class).isEmpty()
                    && docs.store().count(c, s.account(), s.region(), Docs.CONTACT_LIST) >= 1) {
                throw new SesException("LimitExceeded", "BadRequestException", "A maximum of 1 Lists allowed per account");
            }
            return docs.insert(c, s, Docs.CONTACT_LIST, l.name, l, l.createdMs);
        });
        if (!created) {
            throw SesException.exists("AlreadyExistsException", "Contact list " + l.name + " already exists.");
        }
    }

    ContactList requireList(Scope s, String name) {
        return docs.get(s, Docs.CONTACT_LIST, name, ContactList.class)
                .orElseThrow(() -> SesException.notFound("InvalidParameterValue", "List with name " + name + " does not exist."));
    }

    List<ContactList> lists(Scope s) {
        return docs.list(s, Docs.CONTACT_LIST, ContactList.class);
    }

    void updateList(Scope s, String name, String description, List<Topic> topics) {
        if (topics != null) {
            checkTopics(topics);
        }
        docs.update(s, Docs.CONTACT_LIST, name, ContactList.class,
                () -> SesException.notFound("InvalidParameterValue", "List with name " + name + " does not exist."), l -> {
                    l.description = description;
                    if (topics != null) {
                        l.topics = new ArrayList<>(topics);
                    }
                    l.updatedMs = clock.millis();
                });
    }

    void deleteList(Scope s, String name) {
        requireList(s, name);
        docs.store().db().write(c -> {
            for (var d : docs.store().list(c, s.account(), s.region(), Docs.CONTACT)) {
                if (d.name().startsWith(name + "/")) {
                    docs.store().delete(c, s.account(), s.region(), Docs.CONTACT, d.name());
                }
            }
            docs.store().delete(c, s.account(), s.region(), Docs.CONTACT_LIST, name);
            return null;
        });
    }

    private static String key(String list, String email) {
        return list + "/" + Addresses.bare(email).toLowerCase(Locale.ROOT);
    }

    /** Every topic a contact names must be one of its list's ({@code BadRequestException} otherwise). */
    private static void checkPreferences(ContactList l, Map<String, String> preferences) {
        for (String topic : preferences.keySet()) {
            if (l.topics.stream().noneMatch(t -> t.name().equals(topic))) {
                throw SesException.invalid("Topic " + topic + " does not exist in list " + l.name + ".");
            }
        }
    }

    void createContact(Scope s, Contact contact) {
        checkPreferences(requireList(s, contact.list), contact.preferences);
        contact.createdMs = clock.millis();
        contact.updatedMs = contact.createdMs;
        boolean created = docs.store().db().write(c -> docs.insert(c, s, Docs.CONTACT, key(contact.list, contact.email), contact,
                contact.createdMs));
        if (!created) {
            throw SesException.exists("AlreadyExistsException", "Contact already exists in list " + contact.list + ".");
        }
    }

    Contact contact(Scope s, String list, String email) {
        return docs.get(s, Docs.CONTACT, key(list, email), Contact.class)
                .orElseThrow(() -> SesException.notFound("InvalidParameterValue", "Contact " + email + " does not exist in list " + list + "."));
    }

    List<Contact> contacts(Scope s, String list) {
        requireList(s, list);
        return docs.list(s, Docs.CONTACT, Contact.class).stream().filter(c -> c.list.equals(list)).toList();
    }

    /**
     * Changes a contact: the topic preferences given are merged into the stored ones (a topic not
     * named keeps its choice), UnsubscribeAll and AttributesData are replaced when given.
     */
    void updateContact(Scope s, Contact next, boolean unsubscribeAllGiven) {
        checkPreferences(requireList(s, next.list), next.preferences);
        docs.update(s, Docs.CONTACT, key(next.list, next.email), Contact.class,
                () -> SesException.notFound("InvalidParameterValue", "Contact " + next.email + " does not exist."), c -> {
                    c.preferences.putAll(next.preferences);
                    if (unsubscribeAllGiven) {
                        c.unsubscribeAll = next.unsubscribeAll;
                    }
                    if (next.attributes != null) {
                        c.attributes = next.attributes;
                    }
                    c.updatedMs = clock.millis();
                });
    }

    void deleteContact(Scope s, String list, String email) {
        contact(s, list, email);
        docs.delete(s, Docs.CONTACT, key(list, email));
    }
}
