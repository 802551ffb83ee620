package io.haneul.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.engine.DocumentOperations;
import io.haneul.ses.domain.AddressInsights;
import io.haneul.ses.domain.SesException;

import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;
import java.util.Hashtable;
import java.util.Map;

/**
 * GetEmailAddressInsights, which the SDK Haneul is built with has no classes for, answered on documents:
 * the verdicts of {@link AddressInsights}, with the domain's mail records asked of the machine's DNS
 * (one second, one retry; unanswered means MEDIUM) and the account's verified identities counted as
 * mailboxes that exist.
 */
@DocumentOperations.Names({"GetEmailAddressInsights"})
final class EmailInsightsApi implements DocumentOperations {

    private final SesRuntime rt;
    private final AddressInsights insights = new AddressInsights(EmailInsightsApi::receivesMail);

    EmailInsightsApi(SesRuntime rt) {
        this.rt = rt;
    }

    @Override
    public Map<String, DocumentHandler> documentOperations() {
        return Map.of("GetEmailAddressInsights", (ctx, input) -> insights(Scope.of(ctx), input));
    }

    private JsonNode insights(Scope s, JsonNode input) {
        JsonNode address = input.get("EmailAddress");
        if (address == null || !address.isTextual()) {
            throw SesException.invalid("1 validation error detected: Value null at 'emailAddress' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        String email = address.asText().strip();
        Boolean known = rt.identities().find(s, email).filter(io.haneul.ses.domain.Identity::verified).isPresent() ? Boolean.TRUE : null;
        Map<String, String> verdicts = insights.judge(email, known);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode validation = out.putObject("MailboxValidation");
        validation.putObject("IsValid").put("ConfidenceVerdict", verdicts.get("IsValid"));
        ObjectNode evaluations = validation.putObject("Evaluations");
        verdicts.forEach((name, verdict) -> {
            if (!name.equals("IsValid")) {
                evaluations.putObject(name).put("ConfidenceVerdict", verdict);
            }
        });
        return out;
    }

    /** MX or A records of the domain: true, false for a name that does not exist, null when DNS cannot answer. */
    static Boolean receivesMail(String domain) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", "1000");
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        try {
            InitialDirContext dns = new InitialDirContext(env);
            try {
                Attributes records = dns.getAttributes(domain, new String[] {"MX", "A"});
                return records.get("MX") != null || records.get("A") != null;
            } finally {
                dns.close();
            }
        } catch (NameNotFoundException noSuchDomain) {
            return Boolean.FALSE;
        } catch (NamingException | RuntimeException cannotAsk) {
            return null;
        }
    }
}
