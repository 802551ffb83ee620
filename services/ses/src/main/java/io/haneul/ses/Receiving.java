package io.haneul.ses;

import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.TopicDelivery;
import io.haneul.ses.domain.Addresses;
import io.haneul.ses.domain.EventJson;
import io.haneul.ses.domain.RawMessage;
import io.haneul.ses.domain.ReceiptRuleSet;
import io.haneul.ses.domain.SesException;
import io.haneul.ses.domain.SimpleMail;
import io.haneul.ses.store.MessageRow;
import io.haneul.ses.store.SesStore;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Receiving mail: receipt rule sets (one active per account and region) and receipt filters, and
 * the processing of mail addressed to recipients an active set's enabled rules match, whether it
 * came in over SMTP or was sent through SES itself. Rules run in order; each runs its actions in
 * order (AddHeader, SNS notification with the content UTF-8 or Base64, Bounce reply, Stop, S3 storing
 * the raw mail in a bucket of Haneul's S3 when it is served, Lambda invoking the function through
 * Lambda's {@code FunctionInvoker} as {@code ses.amazonaws.com}; WorkMail is recorded in the event
 * outbox but not executed).
 */
final class Receiving {

    static final String JOB = "ses.inbound";
    static final String ACTIVE = "activeruleset";
    private static final int MAX_RULE_SETS = 40;
    private static final int MAX_RULES = 200;
    private static final long CACHE_MILLIS = 1_000;

    private final SesStore store;
    private final Docs docs;
    private final Clock clock;
    private final ServiceEnvironment env;
    private final DurableScheduler scheduler;
    private volatile Mailer mailer;
    private volatile Cache cache = new Cache(Long.MIN_VALUE, List.of());

    private record Active(String account, String region, ReceiptRuleSet set) {
    }

    private record Cache(long loadedMs, List<Active> sets) {
    }

    Receiving(SesStore store, Docs docs, Clock clock, ServiceEnvironment env, DurableScheduler scheduler) {
        this.store = store;
        this.docs = docs;
        this.clock = clock;
        this.env = env;
        this.scheduler = scheduler;
    }

    void mailer(Mailer mailer) {
        this.mailer = mailer;
    }

    // ---- rule sets ----

    void createRuleSet(Scope s, String name) {
        validName(name);
        docs.store().db().write(c -> {
            if (docs.store().count(c, s.account(), s.region(), Docs.RULE_SET) >= MAX_RULE_SETS) {
                throw SesException.limit("Maximum number of rule sets (" + MAX_RULE_SETS + ") reached.");
            }
            ReceiptRuleSet set = new ReceiptRuleSet();
            set.name = name;
            set.createdMs = clock.millis();
            if (!docs.insert(c, s, Docs.RULE_SET, name, set, set.createdMs)) {
                throw SesException.exists("AlreadyExistsException", "Rule set already exists: " + name);
            }
            return null;
        });
    }

    void cloneRuleSet(Scope s, String name, String original) {
        validName(name);
        ReceiptRuleSet src = ruleSet(s, original);
        docs.store().db().write(c -> {
            src.name = name;
            src.createdMs = clock.millis();
            if (!docs.insert(c, s, Docs.RULE_SET, name, src, src.createdMs)) {
                throw SesException.exists("AlreadyExistsException", "Rule set already exists: " + name);
            }
            return null;
        });
    }

    ReceiptRuleSet ruleSet(Scope s, String name) {
        return docs.get(s, Docs.RULE_SET, name, ReceiptRuleSet.class).orElseThrow(() -> SesException.ruleSetMissing(name));
    }

    List<ReceiptRuleSet> ruleSets(Scope s) {
        return docs.list(s, Docs.RULE_SET, ReceiptRuleSet.class);
    }

    void deleteRuleSet(Scope s, String name) {
        docs.store().db().write(c -> {
            Optional<Map> active = docs.get(c, s, ACTIVE, "active", Map.class);
            if (active.isPresent() && name.equals(active.get().get("name"))) {
                throw new SesException("CannotDeleteException", "BadRequestException", "Cannot delete active rule set: " + name);
            }
            docs.store().delete(c, s.account(), s.region(), Docs.RULE_SET, name);
            return null;
        });
    }

    /** Sets (or with null, clears) the active rule set. */
    void setActive(Scope s, String name) {
        docs.store().db().write(c -> {
            if (name == null) {
                docs.store().delete(c, s.account(), s.region(), ACTIVE, "active");
            } else {
                if (docs.get(c, s, Docs.RULE_SET, name, ReceiptRuleSet.class).isEmpty()) {
                    throw SesException.ruleSetMissing(name);
                }
                docs.put(c, s, ACTIVE, "active", Map.of("name", name), clock.millis());
            }
            return null;
        });
        invalidate();
    }

    Optional<ReceiptRuleSet> active(Scope s) {
        return docs.get(s, ACTIVE, "active", Map.class)
                .flatMap(m -> docs.get(s, Docs.RULE_SET, String.valueOf(m.get("name")), ReceiptRuleSet.class));
    }

    void reorder(Scope s, String setName, List<String> order) {
        change(s, setName, set -> {
            if (order.size() != set.rules.size() || !set.rules.stream().allMatch(r -> order.contains(r.name))) {
                throw SesException.invalid("Rule names in the reorder request must match the rules of the rule set.");
            }
            List<ReceiptRuleSet.Rule> sorted = new ArrayList<>();
            for (String n : order) {
                sorted.add(set.rule(n));
            }
            set.rules = sorted;
        });
    }

    void createRule(Scope s, String setName, ReceiptRuleSet.Rule rule, String after) {
        validName(rule.name);
        checkFunctions(s, setName, rule);
        change(s, setName, set -> {
            if (set.rule(rule.name) != null) {
                throw SesException.exists("AlreadyExistsException", "Rule already exists: " + rule.name);
            }
            if (set.rules.size() >= MAX_RULES) {
                throw SesException.limit("Maximum number of rules (" + MAX_RULES + ") reached.");
            }
            if (after != null) {
                int i = set.indexOf(after);
                if (i < 0) {
                    throw SesException.ruleMissing(after);
                }
                set.rules.add(i + 1, rule);
            } else {
                set.rules.addFirst(rule);
            }
        });
    }

    void updateRule(Scope s, String setName, ReceiptRuleSet.Rule rule) {
        checkFunctions(s, setName, rule);
        change(s, setName, set -> {
            int i = set.indexOf(rule.name);
            if (i < 0) {
                throw SesException.ruleMissing(rule.name);
            }
            set.rules.set(i, rule);
        });
    }

    /**
     * SES checks that it may invoke each Lambda action's function when a rule is saved, as AWS does:
     * a DryRun as {@code ses.amazonaws.com} from the rule's ARN, so a function whose resource policy
     * does not allow SES (or that does not exist) is refused with {@code InvalidLambdaFunction}.
     */
    private void checkFunctions(Scope s, String setName, ReceiptRuleSet.Rule rule) {
        Optional<FunctionInvoker> lambda = env.find(FunctionInvoker.class);
        if (lambda.isEmpty() || rule.actions == null) {
            return;
        }
        for (ReceiptRuleSet.Action a : rule.actions) {
            if (!"Lambda".equals(a.type)) {
                continue;
            }
            try {
                lambda.get().invoke(invocation(s, setName, rule.name, a, FunctionInvoker.InvocationType.DRY_RUN, new byte[0]));
            } catch (FunctionInvoker.FunctionInvocationException e) {
                throw new SesException("InvalidLambdaFunctionException", "BadRequestException",
                        "Could not invoke Lambda function: " + a.functionArn);
            }
        }
    }

    /** An invocation of a Lambda action's function as SES makes it, in the function's account and region. */
    private static FunctionInvoker.Invocation invocation(Scope s, String ruleSet, String rule, ReceiptRuleSet.Action action,
                                                         FunctionInvoker.InvocationType type, byte[] event) {
        String[] arn = action.functionArn == null ? new String[0] : action.functionArn.split(":");
        String region = arn.length > 3 ? arn[3] : s.region();
        String account = arn.length > 4 ? arn[4] : s.account();
        return new FunctionInvoker.Invocation(account, region, action.functionArn, null, type, event, null, "ses.amazonaws.com",
                s.arn("receipt-rule-set/" + ruleSet + ":receipt-rule/" + rule));
    }

    void deleteRule(Scope s, String setName, String ruleName) {
        change(s, setName, set -> set.rules.removeIf(r -> r.name.equals(ruleName)));
    }

    ReceiptRuleSet.Rule rule(Scope s, String setName, String ruleName) {
        ReceiptRuleSet.Rule r = ruleSet(s, setName).rule(ruleName);
        if (r == null) {
            throw SesException.ruleMissing(ruleName);
        }
        return r;
    }

    void setPosition(Scope s, String setName, String ruleName, String after) {
        change(s, setName, set -> {
            int i = set.indexOf(ruleName);
            if (i < 0) {
                throw SesException.ruleMissing(ruleName);
            }
            ReceiptRuleSet.Rule r = set.rules.remove(i);
            if (after == null) {
                set.rules.addFirst(r);
            } else {
                int j = set.indexOf(after);
                if (j < 0) {
                    throw SesException.ruleMissing(after);
                }
                set.rules.add(j + 1, r);
            }
        });
    }

    private void change(Scope s, String setName, java.util.function.Consumer<ReceiptRuleSet> change) {
        docs.update(s, Docs.RULE_SET, setName, ReceiptRuleSet.class, () -> SesException.ruleSetMissing(setName), change);
        invalidate();
    }

    private static void validName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw SesException.invalid("Invalid name " + name + ": names must start with a letter or number and contain only "
                    + "ASCII letters, numbers, underscores, dashes and periods, 64 characters at most.");
        }
    }

    private void invalidate() {
        cache = new Cache(Long.MIN_VALUE, List.of());
    }

    private List<Active> actives() {
        Cache c = cache;
        long now = System.currentTimeMillis();
        if (now - c.loadedMs() < CACHE_MILLIS && c.loadedMs() != Long.MIN_VALUE) {
            return c.sets();
        }
        List<Active> sets = new ArrayList<>();
        for (SesStore.Doc d : store.listAll(ACTIVE)) {
            String name = String.valueOf(Docs.parse(d.body(), Map.class).get("name"));
            store.get(d.account(), d.region(), Docs.RULE_SET, name)
                    .ifPresent(rs -> sets.add(new Active(d.account(), d.region(), Docs.parse(rs.body(), ReceiptRuleSet.class))));
        }
        cache = new Cache(now, List.copyOf(sets));
        return sets;
    }

    /** Recipients that an enabled rule of an active rule set in the region matches. */
    List<String> matchingRecipients(String region, List<String> recipients) {
        List<Active> sets = actives();
        if (sets.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String r : recipients) {
            if (owner(region, r) != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** The account whose active rule set receives mail for the recipient, or null. */
    String owner(String region, String recipient) {
        for (Active a : actives()) {
            if (a.region().equals(region) && a.set().rules.stream().anyMatch(r -> r.enabled && r.matches(recipient))) {
                return a.account();
            }
        }
        return null;
    }

    /** Mail received over SMTP for recipients an active rule set matches: stored and processed by a durable job. */
    String receive(String region, String envelopeFrom, List<String> recipients, byte[] raw) {
        String account = owner(region, recipients.getFirst());
        Instant now = clock.instant();
        String id = EventJson.messageId(now);
        RawMessage m = RawMessage.parse(raw);
        MessageRow row = new MessageRow(id, account, region, envelopeFrom,
                Docs.json(Map.of("ToAddresses", recipients, "CcAddresses", List.of(), "BccAddresses", List.of())),
                "," + String.join(",", recipients).toLowerCase(Locale.ROOT) + ",", m.decoded("Subject"), null, null, raw, true, null, null,
                0, 0, 0, 0, "received", now.toEpochMilli());
        store.db().write(c -> {
            store.insertMessage(c, row);
            scheduler.schedule(c, JOB, id, Docs.json(Map.of("id", id, "recipients", recipients, "region", region)), now);
            return null;
        });
        scheduler.wake();
        return id;
    }

    /** An inbound job's payload. */
    record Payload(String id, List<String> recipients, String region) {
    }

    /** Runs the active rule sets' rules over a received message. */
    void handle(Job job) {
        Payload p = Docs.parse(job.payload(), Payload.class);
        MessageRow row = store.message(p.id()).orElse(null);
        if (row == null) {
            return;
        }
        byte[] raw = row.raw();
        Instant started = clock.instant();
        for (Active a : actives()) {
            if (!a.region().equals(p.region())) {
                continue;
            }
            Scope s = new Scope(a.account(), a.region(), "");
            List<SesStore.EventRow> outbox = new ArrayList<>();
            boolean stopped = false;
            for (ReceiptRuleSet.Rule rule : a.set().rules) {
                boolean ruleStopped = false;
                if (stopped || !rule.enabled) {
                    continue;
                }
                List<String> matched = p.recipients().stream().filter(rule::matches).toList();
                if (matched.isEmpty()) {
                    continue;
                }
                for (ReceiptRuleSet.Action action : rule.actions) {
                    String outcome;
                    switch (action.type) {
                        case "AddHeader" -> {
                            RawMessage m = RawMessage.parse(raw);
                            m.set(action.headerName, action.headerValue);
                            raw = m.toBytes();
                            outcome = "added " + action.headerName;
                        }
                        case "SNS" -> outcome = publish(s, action, notification(row, raw, matched, action, started), action.topicArn);
                        case "Bounce" -> outcome = bounce(s, row, raw, action);
                        case "S3" -> outcome = storeS3(s, row, raw, matched, action, started);
                        case "Stop" -> {
                            outcome = "stopped";
                            if (action.topicArn != null) {
                                publish(s, action, notification(row, raw, matched, action, started), action.topicArn);
                            }
                            stopped = true;
                        }
                        case "Lambda" -> {
                            LambdaOutcome o = invoke(s, a.set().name, rule.name, action, notification(row, raw, matched, action, started));
                            outcome = o.text();
                            stopped = "STOP_RULE_SET".equals(o.disposition());
                            ruleStopped = "STOP_RULE".equals(o.disposition());
                        }
                        default -> outcome = "skipped: " + action.type + " actions are not executed by Haneul";
                    }
                    outbox.add(new SesStore.EventRow(0, a.account(), a.region(), row.id(), "receipt:" + action.type,
                            "rule:" + a.set().name + "/" + rule.name, outcome, "{}", clock.millis()));
                    if (stopped || ruleStopped) {
                        break;
                    }
                }
            }
            if (!outbox.isEmpty()) {
                store.db().write(c -> {
                    for (SesStore.EventRow r : outbox) {
                        store.insertEvent(c, r);
                    }
                    return null;
                });
            }
        }
    }

    /**
     * The S3 action: the raw mail stored as {@code ObjectKeyPrefix + message id} in the named bucket of
     * Haneul's S3, as the rule set's account; with a TopicArn, a Received notification (no content) follows.
     */
    private String storeS3(Scope s, MessageRow row, byte[] raw, List<String> matched, ReceiptRuleSet.Action action,
                           Instant started) {
        Optional<ObjectStorage> s3 = env.find(ObjectStorage.class);
        if (s3.isEmpty()) {
            return "skipped: S3 actions are not executed by Haneul (S3 is not served)";
        }
        String key = (action.objectKeyPrefix == null ? "" : action.objectKeyPrefix) + row.id();
        try {
            s3.get().putObject(s.account(), s.region(), action.bucketName, key, raw, null);
        } catch (ObjectStorage.ObjectStorageException e) {
            return "failed: " + e.code() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return "failed: " + e.getMessage();
        }
        String outcome = "stored s3://" + action.bucketName + "/" + key;
        if (action.topicArn != null) {
            outcome += "; " + publish(s, action, notification(row, raw, matched, action, started), action.topicArn);
        }
        return outcome;
    }

    /** What a Lambda action did, and the {@code disposition} a RequestResponse function answered (null for Event). */
    private record LambdaOutcome(String text, String disposition) {
    }

    /**
     * The Lambda action: the function invoked with SES's event ({@code Records[0].ses.mail} and
     * {@code .receipt}, {@code eventSource aws:ses}) as {@code ses.amazonaws.com} from the rule's ARN,
     * so the function's resource policy must allow SES. {@code Event} (the default) queues it;
     * {@code RequestResponse} waits for the function, whose {@code disposition} ({@code STOP_RULE},
     * {@code STOP_RULE_SET}, else {@code CONTINUE}) decides what runs next. With a TopicArn, a
     * Received notification follows, as for the S3 action.
     */
    private LambdaOutcome invoke(Scope s, String ruleSet, String rule, ReceiptRuleSet.Action action, Map<String, Object> notification) {
        Optional<FunctionInvoker> lambda = env.find(FunctionInvoker.class);
        if (lambda.isEmpty()) {
            return new LambdaOutcome("skipped: Lambda is not served", null);
        }
        boolean sync = "RequestResponse".equals(action.invocationType);
        Map<String, Object> ses = new LinkedHashMap<>();
        ses.put("mail", notification.get("mail"));
        ses.put("receipt", notification.get("receipt"));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventSource", "aws:ses");
        record.put("eventVersion", "1.0");
        record.put("ses", ses);
        byte[] event = Docs.json(Map.of("Records", List.of(record))).getBytes(StandardCharsets.UTF_8);
        LambdaOutcome outcome;
        try {
            FunctionInvoker.Result r = lambda.get().invoke(invocation(s, ruleSet, rule, action,
                    sync ? FunctionInvoker.InvocationType.REQUEST_RESPONSE : FunctionInvoker.InvocationType.EVENT, event));
            if (!sync) {
                outcome = new LambdaOutcome("invoked " + action.functionArn + " (Event)", null);
            } else if (r.functionError() != null) {
                outcome = new LambdaOutcome("failed: " + action.functionArn + " answered " + r.functionError() + ": "
                        + new String(r.payload(), StandardCharsets.UTF_8), null);
            } else {
                String disposition = disposition(r.payload());
                outcome = new LambdaOutcome("invoked " + action.functionArn + " (RequestResponse): " + disposition, disposition);
            }
        } catch (FunctionInvoker.FunctionInvocationException e) {
            outcome = new LambdaOutcome("failed: " + e.code() + ": " + e.getMessage(), null);
        }
        if (action.topicArn != null) {
            return new LambdaOutcome(outcome.text() + "; " + publish(s, action, notification, action.topicArn), outcome.disposition());
        }
        return outcome;
    }

    /** The {@code disposition} of a RequestResponse function's answer; anything else is {@code CONTINUE}, as on AWS. */
    private static String disposition(byte[] payload) {
        try {
            Object answer = Docs.parse(new String(payload, StandardCharsets.UTF_8), Object.class);
            if (answer instanceof Map<?, ?> m && m.get("disposition") instanceof String d
                    && (d.equals("STOP_RULE") || d.equals("STOP_RULE_SET"))) {
                return d;
            }
        } catch (RuntimeException e) {
            // not JSON: CONTINUE
        }
        return "CONTINUE";
    }

    private String publish(Scope s, ReceiptRuleSet.Action action, Map<String, Object> body, String topicArn) {
        Optional<TopicDelivery> sns = env.find(TopicDelivery.class);
        if (sns.isEmpty()) {
            return "skipped: SNS is not served";
        }
        try {
            return "published:" + sns.get().publish(topicArn, s.account(), s.arn("receipt-rule-set"), "Amazon SES Email Receipt Notification",
                    Docs.json(body));
        } catch (RuntimeException e) {
            return "failed: " + e.getMessage();
        }
    }

    private Map<String, Object> notification(MessageRow row, byte[] raw, List<String> recipients, ReceiptRuleSet.Action action,
                                             Instant started) {
        RawMessage m = RawMessage.parse(raw);
        Map<String, Object> mail = EventJson.mail(m, row.id(), row.createdInstant(), row.source(), null, row.account(), recipients, null);
        mail.remove("sourceArn");
        mail.remove("sendingAccountId");
        mail.remove("tags");
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("timestamp", started.toString());
        receipt.put("processingTimeMillis", Math.max(0, clock.millis() - started.toEpochMilli()));
        receipt.put("recipients", recipients);
        for (String v : new String[]{"spamVerdict", "virusVerdict", "spfVerdict", "dkimVerdict", "dmarcVerdict"}) {
            receipt.put(v, Map.of("status", "PASS"));
        }
        Map<String, Object> act = new LinkedHashMap<>();
        act.put("type", action.type);
        if ("Lambda".equals(action.type)) {
            act.put("functionArn", action.functionArn);
            act.put("invocationType", action.invocationType == null ? "Event" : action.invocationType);
        } else {
            act.put("topicArn", action.topicArn);
        }
        if ("SNS".equals(action.type)) {
            act.put("encoding", action.encoding == null ? "UTF8" : action.encoding);
        }
        if ("S3".equals(action.type)) {
            act.put("bucketName", action.bucketName);
            act.put("objectKeyPrefix", action.objectKeyPrefix == null ? "" : action.objectKeyPrefix);
            act.put("objectKey", (action.objectKeyPrefix == null ? "" : action.objectKeyPrefix) + row.id());
        }
        receipt.put("action", act);
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("notificationType", "Received");
        n.put("mail", mail);
        n.put("receipt", receipt);
        if ("SNS".equals(action.type)) {
            boolean base64 = "Base64".equalsIgnoreCase(action.encoding);
            n.put("content", base64 ? Base64.getEncoder().encodeToString(raw) : new String(raw, StandardCharsets.UTF_8));
        }
        return n;
    }

    private String bounce(Scope s, MessageRow row, byte[] raw, ReceiptRuleSet.Action action) {
        String to = row.source();
        if (to == null || !Addresses.valid(Addresses.bare(to))) {
            return "skipped: no sender to bounce to";
        }
        String text = (action.message == null ? "Delivery failed." : action.message) + "\n\nSmtpReplyCode: " + action.smtpReplyCode
                + "\nStatusCode: " + action.statusCode + "\n\n--- original message headers ---\n"
                + String.join("\n", RawMessage.parse(raw).fields().stream().map(RawMessage.Field::text).toList());
        mailer.captureSystemMail(s, action.sender, new SimpleMail(action.sender, List.of(Addresses.bare(to)), List.of(), List.of(),
                "Delivery Status Notification (Failure)", null, text, null, null, null, List.of(), List.of()));
        return "bounced to " + to;
    }
}
