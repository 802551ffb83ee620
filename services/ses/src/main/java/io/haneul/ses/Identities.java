package io.haneul.ses;

import io.haneul.ses.domain.Addresses;
import io.haneul.ses.domain.DkimKeys;
import io.haneul.ses.domain.Identity;
import io.haneul.ses.domain.SesException;
import io.haneul.ses.domain.SimpleMail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Email and domain identities: verification (at once, or in manual mode by the link mailed to an
 * email identity and by the internal confirmation of a domain), Easy DKIM with a real key pair per
 * domain, MAIL FROM, notification topics and policies.
 */
final class Identities {

    private static final int MAX_IDENTITIES = 10_000;
    private final Docs docs;
    private final Clock clock;
    private final SesSettings settings;
    private final ConcurrentHashMap<String, java.security.interfaces.RSAPrivateKey> keys = new ConcurrentHashMap<>();
    private volatile Mailer mailer;

    Identities(Docs docs, Clock clock, SesSettings settings) {
        this.docs = docs;
        this.clock = clock;
        this.settings = settings;
    }

    void mailer(Mailer mailer) {
        this.mailer = mailer;
    }

    Optional<Identity> find(Scope s, String name) {
        return docs.get(s, Docs.IDENTITY, Addresses.identityKey(name), Identity.class);
    }

    Identity require(Scope s, String name) {
        return find(s, name).orElseThrow(() -> SesException.notFound("InvalidParameterValue",
                "Identity " + name + " does not exist."));
    }

    List<Identity> list(Scope s) {
        return docs.list(s, Docs.IDENTITY, Identity.class);
    }

    /** VerifyEmailIdentity / VerifyEmailAddress / CreateEmailIdentity for an address. */
    Identity verifyEmail(Scope s, String email, boolean failIfExists) {
        return verifyEmail(s, email, failIfExists, null);
    }

    /** As {@link #verifyEmail(Scope, String, boolean)}, mailing a custom verification template's content when given. */
    Identity verifyEmail(Scope s, String email, boolean failIfExists, io.haneul.ses.domain.EmailTemplate custom) {
        String bare = Addresses.bare(email);
        if (!Addresses.valid(bare)) {
            throw SesException.invalid("Invalid email address <" + email + ">.");
        }
        String key = Addresses.identityKey(bare);
        Identity created = docs.store().db().write(c -> {
            Optional<Identity> existing = docs.get(c, s, Docs.IDENTITY, key, Identity.class);
            if (existing.isPresent()) {
                if (failIfExists) {
                    throw SesException.exists("AlreadyExistsException", "Email identity " + key + " already exist.");
                }
                if (existing.get().verified()) {
                    return null;
                }
            }
            checkLimit(c, s, existing.isPresent());
            Identity i = existing.orElseGet(Identity::new);
            i.name = key;
            i.type = Identity.EMAIL;
            i.createdMs = i.createdMs == 0 ? clock.millis() : i.createdMs;
            i.status = settings.manualVerification() ? "Pending" : "Success";
            if (settings.manualVerification()) {
                if (i.linkToken != null) {
                    docs.store().deleteAnywhere(c, Docs.LINK_TOKEN, i.linkToken);
                }
                i.linkToken = DkimKeys.random(40);
                docs.insert(c, s, Docs.LINK_TOKEN, i.linkToken, Map.of("identity", key), clock.millis());
            }
            docs.put(c, s, Docs.IDENTITY, key, i, clock.millis());
            return i;
        });
        if (created != null && (settings.manualVerification() || custom != null)) {
            sendVerificationMail(s, created, custom);
        }
        return created != null ? created : require(s, key);
    }

    /**
     * Mails the verification link to a pending email identity. A custom verification template is passed as
     * an EmailTemplate whose subject and html are its subject and content and whose text is its From address.
     */
    void sendVerificationMail(Scope s, Identity i, io.haneul.ses.domain.EmailTemplate custom) {
        String link = i.linkToken == null ? null : s.baseUrl() + "/_haneul/ses/verify?token=" + i.linkToken;
        String subject = custom != null && custom.subject != null ? custom.subject
                : "Amazon Web Services – Email Address Verification Request in region " + regionName(s.region());
        String text = "Dear Amazon Web Services Customer,\n\nWe have received a request to authorize this email address for use with "
                + "Amazon SES and Amazon Pinpoint in region " + regionName(s.region()) + ". If you requested this verification, "
                + "please go to the following URL to confirm that you are authorized to use this email address:\n\n" + link
                + "\n\nYour request will not be processed unless you confirm the address using this URL.\n";
        String html = custom != null && custom.html != null
                ? custom.html + (link == null ? "" : "<p><a href=\"" + link + "\">" + link + "</a></p>") : null;
        String from = custom != null && custom.text != null ? custom.text : "no-reply-aws@amazon.com";
        mailer.captureSystemMail(s, from, new SimpleMail(from, List.of(i.name), List.of(), List.of(), subject, null,
                custom != null && html != null ? null : text, null, html, null, List.of(), List.of()));
    }

    static String regionName(String region) {
        return switch (region) {
            case "us-east-1" -> "US East (N. Virginia)";
            case "us-west-2" -> "US West (Oregon)";
            case "eu-west-1" -> "EU (Ireland)";
            default -> region;
        };
    }

    /** VerifyDomainIdentity / CreateEmailIdentity for a domain; returns the identity with its TXT token. */
    Identity verifyDomain(Scope s, String domain, boolean failIfExists, boolean withDkim, String byoSelector, String byoKey,
                          String keyLength) {
        if (!Addresses.validDomain(domain)) {
            throw SesException.invalid("Invalid domain name " + domain + ".");
        }
        String key = Addresses.identityKey(domain);
        return docs.store().db().write(c -> {
            Optional<Identity> existing = docs.get(c, s, Docs.IDENTITY, key, Identity.class);
            if (existing.isPresent() && failIfExists) {
                throw SesException.exists("AlreadyExistsException", "Email identity " + key + " already exist.");
            }
            checkLimit(c, s, existing.isPresent());
            Identity i = existing.orElseGet(Identity::new);
            i.name = key;
            i.type = Identity.DOMAIN;
            if (i.createdMs == 0) {
                i.createdMs = clock.millis();
            }
            if (i.verificationToken == null) {
                i.verificationToken = java.util.Base64.getEncoder().encodeToString(DkimKeys.random(32).getBytes());
            }
            if (!i.verified()) {
                i.status = settings.manualVerification() ? "Pending" : "Success";
            }
            if (byoKey != null) {
                i.dkimOrigin = "EXTERNAL";
                i.dkimSelector = byoSelector;
                i.dkimPrivateKey = stripPem(byoKey);
                i.dkimPublicKey = null;
                i.dkimEnabled = true;
                i.dkimStatus = i.status;
                i.dkimTokens = new ArrayList<>(List.of(byoSelector));
            } else if (withDkim) {
                enableEasyDkim(i, keyLength);
            }
            docs.put(c, s, Docs.IDENTITY, key, i, clock.millis());
            return i;
        });
    }

    private static String stripPem(String key) {
        return key.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private void enableEasyDkim(Identity i, String keyLength) {
        if (i.dkimTokens == null || i.dkimTokens.isEmpty() || i.dkimPrivateKey == null || "EXTERNAL".equals(i.dkimOrigin)) {
            i.dkimTokens = new ArrayList<>(DkimKeys.tokens());
            int bits = "RSA_1024_BIT".equals(keyLength) ? 1024 : 2048;
            DkimKeys.Pair pair = DkimKeys.generate(bits);
            i.dkimPrivateKey = pair.privateKey();
            i.dkimPublicKey = pair.publicKey();
            i.dkimOrigin = "AWS_SES";
            i.dkimSelector = null;
            i.dkimKeyLength = bits == 1024 ? "RSA_1024_BIT" : "RSA_2048_BIT";
        }
        i.dkimEnabled = true;
        i.dkimStatus = settings.manualVerification() && !i.verified() ? "Pending" : "Success";
    }

    /** VerifyDomainDkim: tokens (a key pair made on first call). */
    List<String> verifyDomainDkim(Scope s, String domain) {
        Identity i = verifyDomain(s, domain, false, true, null, null, null);
        return i.dkimTokens;
    }

    private void checkLimit(java.sql.Connection c, Scope s, boolean exists) throws java.sql.SQLException {
        if (!exists && docs.store().count(c, s.account(), s.region(), Docs.IDENTITY) >= MAX_IDENTITIES) {
            throw SesException.limit("Maximum number of identities (" + MAX_IDENTITIES + ") reached.");
        }
    }

    boolean delete(Scope s, String name) {
        String key = Addresses.identityKey(name);
        return docs.store().db().write(c -> {
            Optional<Identity> i = docs.get(c, s, Docs.IDENTITY, key, Identity.class);
            if (i.isPresent() && i.get().linkToken != null) {
                docs.store().deleteAnywhere(c, Docs.LINK_TOKEN, i.get().linkToken);
            }
            keys.remove(s.account() + "/" + s.region() + "/" + key);
            return docs.store().delete(c, s.account(), s.region(), Docs.IDENTITY, key);
        });
    }

    Identity update(Scope s, String name, java.util.function.Consumer<Identity> change) {
        String key = Addresses.identityKey(name);
        Identity i = docs.update(s, Docs.IDENTITY, key, Identity.class,
                () -> SesException.notFound("InvalidParameterValue", "Identity <" + name + "> does not exist."), change);
        keys.remove(s.account() + "/" + s.region() + "/" + key);
        return i;
    }

    /** Follows a verification link; the identity's name, or empty when the token is unknown. */
    Optional<String> confirmLink(String token) {
        Optional<io.haneul.ses.store.SesStore.Doc> doc = docs.store().findAnywhere(Docs.LINK_TOKEN, token);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        String identity = String.valueOf(Docs.parse(doc.get().body(), Map.class).get("identity"));
        Scope s = new Scope(doc.get().account(), doc.get().region(), "");
        update(s, identity, i -> {
            i.status = "Success";
            i.linkToken = null;
        });
        docs.store().db().write(c -> {
            docs.store().deleteAnywhere(c, Docs.LINK_TOKEN, token);
            return null;
        });
        return Optional.of(identity);
    }

    /** Confirms (or fails) a domain's verification and DKIM, as DNS would. */
    Identity setDomainStatus(Scope s, String domain, String status) {
        return update(s, domain, i -> {
            i.status = status;
            if (i.dkimEnabled || !i.dkimTokens.isEmpty()) {
                i.dkimStatus = status;
            }
        });
    }

    /**
     * The addresses among {@code addresses} that are not verified: neither the address nor its domain
     * (or a parent domain) is a verified identity. {@code known} holds the identities already read.
     */
    static List<String> unverified(Collection<String> addresses, Map<String, Identity> known) {
        List<String> out = new ArrayList<>();
        for (String a : addresses) {
            String bare = Addresses.bare(a);
            Identity byEmail = known.get(Addresses.identityKey(bare));
            boolean ok = byEmail != null && byEmail.verified();
            if (!ok) {
                for (String d : Addresses.domainAndParents(Addresses.domain(bare))) {
                    Identity byDomain = known.get(d);
                    if (byDomain != null && byDomain.verified()) {
                        ok = true;
                        break;
                    }
                }
            }
            if (!ok) {
                out.add(bare);
            }
        }
        return out;
    }

    /** Identity names to read to judge the addresses: each address and its domains. */
    static Set<String> candidates(Collection<String> addresses) {
        Set<String> names = new LinkedHashSet<>();
        for (String a : addresses) {
            String bare = Addresses.bare(a);
            names.add(Addresses.identityKey(bare));
            names.addAll(Addresses.domainAndParents(Addresses.domain(bare)));
        }
        return names;
    }

    /** The identity that signs mail from the address: its domain (or parent) with DKIM enabled and verified. */
    static Identity signer(String address, Map<String, Identity> known) {
        for (String d : Addresses.domainAndParents(Addresses.domain(Addresses.bare(address)))) {
            Identity i = known.get(d);
            if (i != null && i.verified() && i.signs()) {
                return i;
            }
        }
        return null;
    }

    java.security.interfaces.RSAPrivateKey privateKey(Scope s, Identity i) {
        return keys.computeIfAbsent(s.account() + "/" + s.region() + "/" + i.name, k -> DkimKeys.privateKey(i.dkimPrivateKey));
    }

    /** Verification attributes of identities, as v1 answers them. */
    Map<String, Identity> byName(Scope s, Collection<String> names) {
        Map<String, Identity> out = new LinkedHashMap<>();
        for (String n : names) {
            find(s, n).ifPresent(i -> out.put(n, i));
        }
        return out;
    }
}
