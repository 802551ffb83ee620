package io.haneul.rekognition.customlabels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.policy.MalformedPolicyException;
import io.haneul.core.policy.PolicyDocument;
import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.domain.ResourceArn;
import io.haneul.rekognition.store.SqlProjectPolicies;
import io.haneul.rekognition.store.SqlProjects;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * Project policies of Custom Labels projects: resource policies (IAM's grammar, every statement naming
 * a Principal) that say which accounts may copy the project's versions. Each write answers a new
 * revision id; changing or deleting a policy with a revision id that is not its current one is
 * InvalidPolicyRevisionIdException, and changing one without naming its revision is
 * ResourceAlreadyExistsException, so that two writers who read the same revision cannot overwrite each
 * other. A project holds at most {@value #MAX_POLICIES} policies (AWS's quota). Only Custom Labels projects
 * have policies: they govern copying a model version, which only those projects have.
 */
public final class ProjectPolicyService {

    public static final int MAX_POLICIES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A policy of a project, with the project's ARN. */
    public record Policy(String projectArn, SqlProjectPolicies.PolicyRow row) {
    }

    private final SqlProjects projects;
    private final SqlProjectPolicies policies;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ProjectPolicyService(SqlProjects projects, SqlProjectPolicies policies, Clock clock) {
        this.projects = projects;
        this.policies = policies;
        this.clock = clock;
    }

    /** Creates the policy (no revision id) or replaces its current revision, and answers the new revision id. */
    public String put(String account, String region, String projectArn, String name, String revisionId, String document) {
        checkDocument(document);
        ResourceArn arn = ResourceArn.parse(account, region, projectArn, ResourceArn.Kind.PROJECT);
        String revision = newRevision();
        long now = clock.millis();
        return projects.database().write(c -> {
            SqlProjectPolicies.Owner owner = locked(c, account, region, arn);
            if (!project(c, account, region, arn).feature().equals(ProjectService.CUSTOM_LABELS)) {
                throw RekognitionException.invalidParameter("Project policies apply only to Custom Labels projects");
            }
            if (revisionId == null || revisionId.isEmpty()) {
                if (policies.count(c, owner) >= MAX_POLICIES && policies.find(c, owner, name).isEmpty()) {
                    throw new RekognitionException("LimitExceededException",
                            "The project " + projectArn + " already has " + MAX_POLICIES + " project policies");
                }
                if (!policies.create(c, owner, new SqlProjectPolicies.PolicyRow(name, revision, document, now, now))) {
                    throw new RekognitionException("ResourceAlreadyExistsException",
                            "A project policy named " + name + " already exists: name its PolicyRevisionId to change it");
                }
                return revision;
            }
            if (!policies.revise(c, owner, name, revisionId, revision, document, now)) {
                throw invalidRevision(revisionId);
            }
            return revision;
        });
    }

    /** Deletes the policy; with a revision id, only while that revision is the current one. */
    public void delete(String account, String region, String projectArn, String name, String revisionId) {
        ResourceArn arn = ResourceArn.parse(account, region, projectArn, ResourceArn.Kind.PROJECT);
        projects.database().write(c -> {
            SqlProjectPolicies.Owner owner = locked(c, account, region, arn);
            if (!policies.delete(c, owner, name, revisionId == null || revisionId.isEmpty() ? null : revisionId)) {
                throw policies.find(c, owner, name).isEmpty() ? RekognitionException.notFound("The project policy " + name + " does not exist")
                        : invalidRevision(revisionId);
            }
            return null;
        });
    }

    /** The project's policies in name order, {@code maxResults} (1 to 5, default 5) a page. */
    public Page<Policy> list(String account, String region, String projectArn, String token, Integer maxResults) {
        ResourceArn arn = ResourceArn.parse(account, region, projectArn, ResourceArn.Kind.PROJECT);
        int max = maxResults == null ? MAX_POLICIES : maxResults;
        String after = Page.after(token);
        List<SqlProjectPolicies.PolicyRow> rows = projects.database().read(c -> {
            SqlProjects.ProjectRow p = project(c, account, region, arn);
            return policies.list(c, new SqlProjectPolicies.Owner(account, region, p.name(), p.createdMs()), after, max + 1);
        });
        boolean more = rows.size() > max;
        List<Policy> page = rows.subList(0, Math.min(max, rows.size())).stream().map(r -> new Policy(arn.arn(), r)).toList();
        return new Page<>(page, more ? Page.token(page.getLast().row().name()) : null);
    }

    /**
     * A project policy is a resource policy: JSON in IAM's grammar whose every statement names who it
     * applies to (Principal or NotPrincipal).
     */
    static void checkDocument(String document) {
        try {
            PolicyDocument.parse(document);
            JsonNode statements = JSON.readTree(document).path("Statement");
            if (statements.isEmpty()) {
                throw malformed("The policy document has no statements");
            }
            for (JsonNode s : statements.isArray() ? statements : List.of(statements)) {
                if (!s.has("Principal") && !s.has("NotPrincipal")) {
                    throw malformed("Missing required field Principal");
                }
            }
        } catch (MalformedPolicyException e) {
            throw malformed(e.getMessage().startsWith("Policies must be valid JSON") ? "The policy document is not valid JSON" : e.getMessage());
        } catch (IOException e) {
            throw malformed("The policy document is not valid JSON");
        }
    }

    private static RekognitionException malformed(String message) {
        return new RekognitionException("MalformedPolicyDocumentException", message);
    }

    private static RekognitionException invalidRevision(String revisionId) {
        return new RekognitionException("InvalidPolicyRevisionIdException",
                "The policy revision id " + revisionId + " is not the current revision of the policy");
    }

    private SqlProjects.ProjectRow project(Connection c, String account, String region, ResourceArn arn) throws SQLException {
        return projects.find(c, account, region, arn.name(), arn.createdMs()).orElseThrow(() -> ResourceArn.missing(arn.arn()));
    }

    /**
     * Locks the project named by the ARN for this transaction, so that policy writes (the quota count
     * included) and DeleteProject follow one another; answers the owner of its policies.
     */
    private SqlProjectPolicies.Owner locked(Connection c, String account, String region, ResourceArn arn) throws SQLException {
        if (!projects.lock(c, account, region, arn.name(), arn.createdMs())) {
            throw ResourceArn.missing(arn.arn());
        }
        return new SqlProjectPolicies.Owner(account, region, arn.name(), arn.createdMs());
    }

    private String newRevision() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
