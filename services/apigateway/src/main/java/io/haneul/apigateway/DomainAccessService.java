package io.haneul.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.store.SqlDomainNameStore;
import io.haneul.apigateway.store.SqlItemStore;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Domain name access associations: a VPC endpoint ({@code VPCE}) allowed to reach a private custom
 * domain name (endpoint type {@code PRIVATE}), possibly of another account. The account that made an
 * association lists ({@code resourceOwner SELF}) and deletes it; the domain name's owner lists the
 * ones other accounts made with its domain names ({@code OTHER_ACCOUNTS}) and may reject them, which
 * removes them. They are recorded only: Haneul has no VPC endpoints to admit or refuse traffic from.
 * Kept among the API Gateway items, scoped by the creating account and region.
 */
public final class DomainAccessService {

    static final String KIND = "domainaccess";
    private static final Pattern DOMAIN_ARN = Pattern.compile("arn:aws[a-z-]*:apigateway:([a-z0-9-]+):([0-9]*):/domainnames/([^/+]+)(?:\\+([A-Za-z0-9]+))?");
    private static final Pattern VPCE = Pattern.compile("vpce-[0-9a-f]{8,17}");

    private final SqlDomainNameStore domains;
    private final SqlItemStore items;

    public DomainAccessService(SqlDomainNameStore domains, SqlItemStore items) {
        this.domains = domains;
        this.items = items;
    }

    public ObjectNode create(String account, String region, ObjectNode in) {
        String domainArn = in.path("domainNameArn").asText("");
        String sourceType = in.path("accessAssociationSourceType").asText("");
        String source = in.path("accessAssociationSource").asText("");
        if (!sourceType.equals("VPCE")) {
            throw ApiGatewayException.badRequest("Invalid accessAssociationSourceType " + sourceType + ": must be VPCE");
        }
        if (!VPCE.matcher(source).matches()) {
            throw ApiGatewayException.badRequest("Invalid VPC endpoint identifier specified: " + source);
        }
        SqlDomainNameStore.DomainRow domain = domain(domainArn, region)
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid domain name identifier specified"));
        JsonNode types = domain.doc().path("endpointConfiguration").path("types");
        if (types.isEmpty() || !types.get(0).asText().equals("PRIVATE")) {
            throw ApiGatewayException.badRequest("Domain name access associations are only supported for private custom domain names");
        }
        String name = domain.doc().path("domainName").asText();
        String arn = "arn:aws:apigateway:" + region + ":" + account + ":/domainnameaccessassociations/domainname/" + name
                + "/vpcesource/" + source;
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("domainNameAccessAssociationArn", arn);
        doc.put("domainNameArn", domainArn);
        doc.put("accessAssociationSourceType", sourceType);
        doc.put("accessAssociationSource", source);
        if (in.has("tags") && !in.get("tags").isEmpty()) {
            doc.set("tags", in.get("tags").deepCopy());
        }
        return items.update(tx -> {
            if (tx.get(KIND, scope(account, region), arn).isPresent()) {
                throw ApiGatewayException.conflict("A domain name access association already exists for " + source + " and " + name);
            }
            tx.put(KIND, scope(account, region), arn, doc);
            return doc;
        });
    }

    /** @param resourceOwner SELF (the caller's own, the default) or OTHER_ACCOUNTS (others' with the caller's domain names) */
    public Paging.Page list(String account, String region, String resourceOwner, String position, Integer limit) {
        String owner = resourceOwner == null || resourceOwner.isEmpty() ? "SELF" : resourceOwner;
        if (!owner.equals("SELF") && !owner.equals("OTHER_ACCOUNTS")) {
            throw ApiGatewayException.badRequest("Invalid resourceOwner " + owner + ": must be SELF or OTHER_ACCOUNTS");
        }
        List<ObjectNode> found = owner.equals("SELF")
                ? items.read(tx -> tx.list(KIND, scope(account, region)))
                : items.read(tx -> tx.listKind(KIND)).stream()
                        .filter(s -> !s.scope().equals(scope(account, region)) && ownedBy(s.doc(), account, region))
                        .map(SqlItemStore.Scoped::doc).toList();
        List<ObjectNode> sorted = found.stream()
                .sorted(Comparator.comparing(d -> d.path("domainNameAccessAssociationArn").asText())).toList();
        return Paging.page(sorted, "domainNameAccessAssociationArn", position, limit);
    }

    /** The domain name's owner turns away an association another account made. */
    public void reject(String account, String region, String associationArn, String domainArn) {
        SqlDomainNameStore.DomainRow domain = domain(domainArn == null ? "" : domainArn, region)
                .filter(d -> d.account().equals(account))
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid domain name identifier specified"));
        items.update(tx -> {
            for (SqlItemStore.Scoped s : tx.listKind(KIND)) {
                if (s.doc().path("domainNameAccessAssociationArn").asText().equals(associationArn)
                        && s.doc().path("domainNameArn").asText().equals(domainArn) && domain.doc() != null) {
                    tx.delete(KIND, s.scope(), associationArn);
                    return null;
                }
            }
            throw ApiGatewayException.notFound("Invalid domain name access association identifier specified");
        });
    }

    public void delete(String account, String region, String associationArn) {
        items.update(tx -> {
            if (!tx.delete(KIND, scope(account, region), associationArn == null ? "" : associationArn)) {
                throw ApiGatewayException.notFound("Invalid domain name access association identifier specified");
            }
            return null;
        });
    }

    private boolean ownedBy(ObjectNode association, String account, String region) {
        return domain(association.path("domainNameArn").asText(), region).map(d -> d.account().equals(account)).orElse(false);
    }

    /** The domain name an ARN names in this region, by Haneul's form or AWS's private form with {@code +domainNameId}. */
    private Optional<SqlDomainNameStore.DomainRow> domain(String arn, String region) {
        Matcher m = DOMAIN_ARN.matcher(arn);
        if (!m.matches()) {
            throw ApiGatewayException.badRequest("Invalid domain name ARN specified: " + arn);
        }
        if (!m.group(1).equals(region)) {
            return Optional.empty();
        }
        return domains.read(tx -> tx.domain(m.group(3).toLowerCase(Locale.ROOT))).filter(d -> d.region().equals(region));
    }

    private static String scope(String account, String region) {
        return account + "/" + region;
    }
}
