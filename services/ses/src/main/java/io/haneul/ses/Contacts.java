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

    void createList(Scope s, ContactList l) {
        l.createdMs = clock.millis();
        l.updatedMs = l.createdMs;
        boolean created = docs.store().db().write(c -> {
            if (docs.store().count(c, s.account(), s.region(), Docs.CONTACT_LIST) >= 1) {
                throw SesException.limit("Maximum number of contact lists (1) reached.");
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

    void createContact(Scope s, Contact contact) {
        requireList(s, contact.list);
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

    void updateContact(Scope s, Contact next) {
        docs.update(s, Docs.CONTACT, key(next.list, next.email), Contact.class,
                () -> SesException.notFound("InvalidParameterValue", "Contact " + next.email + " does not exist."), c -> {
                    c.preferences = next.preferences;
                    c.unsubscribeAll = next.unsubscribeAll;
                    c.attributes = next.attributes;
                    c.updatedMs = clock.millis();
                });
    }

    void deleteContact(Scope s, String list, String email) {
        contact(s, list, email);
        docs.delete(s, Docs.CONTACT, key(list, email));
    }
}
