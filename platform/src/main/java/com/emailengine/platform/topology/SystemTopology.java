package com.emailengine.platform.topology;

import com.emailengine.platform.api.RouteDefinition;
import com.emailengine.platform.api.RouteTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * THE one definition of the system's resources and their wiring: queues, tables, buckets, functions,
 * routes, queue triggers and schedules. The CDK stack and the local cloud both build from it, so local
 * and cloud cannot drift. Names here are logical; {@link ResourceNames} makes them physical per stage.
 */
public record SystemTopology(
        List<QueueDefinition> queues,
        List<TableDefinition> tables,
        List<BucketDefinition> buckets,
        List<FunctionDefinition> functions,
        List<RouteDefinition> routes,
        List<QueueTrigger> triggers,
        List<ScheduleDefinition> schedules) {

    /** The functions' handler classes live under this package (checked by the functions module's FunctionHandlersTest). */
    private static final String HANDLERS = "com.emailengine.functions.";

    public static final String CONTACTS_QUEUE = "contacts";
    public static final String EVENTS_QUEUE = "events";
    public static final String OUTBOUND_QUEUE_PREFIX = "outbound-";
    /** Where the fleet's bounce listener announces each DSN/ARF message it stored raw (for the bounce parser). */
    public static final String INBOUND_BOUNCES_QUEUE = "inbound-bounces";

    public static final String CONTACTS_TABLE = "contacts";
    public static final String ENROLLMENTS_TABLE = "enrollments";
    public static final String ENROLLMENTS_DUE_INDEX = "due";
    public static final String MESSAGES_TABLE = "messages";
    /** Template records and versions (bodies in the templates bucket), imported autoresponders. */
    public static final String TEMPLATES_TABLE = "templates";
    /** Campaign records and their immutable versions (D46). */
    public static final String CAMPAIGNS_TABLE = "campaigns";
    /** Suppression lists: partition key scope (a tenant, or _global), sort key email_hash. */
    public static final String SUPPRESSIONS_TABLE = "suppressions";
    /** The fleet's shared state per sending IP: lease, warmup progress, quota and traffic counters. */
    public static final String FLEET_STATE_TABLE = "fleet-state";

    public static final String CONFIG_BUCKET = "config";
    /** Template version bodies, one immutable object per content (named by its SHA-256). */
    public static final String TEMPLATES_BUCKET = "templates";
    /** DSN and ARF messages as the bounce listener received them, for the bounce parser. */
    public static final String RAW_BOUNCES_BUCKET = "raw-bounces";
    /** Raw bounces hold recipients' addresses: kept long enough to re-parse, not forever. */
    public static final Duration RAW_BOUNCE_RETENTION = Duration.ofDays(30);

    /** Serves the ingest route (named in {@link RouteTable}, which says which function serves each route). */
    public static final String INGEST_FUNCTION = RouteTable.INGEST_FUNCTION;
    public static final String INTAKE_FUNCTION = "contact-intake";
    public static final String DUE_STEPS_FUNCTION = "due-steps";
    public static final String EVENTS_FUNCTION = "delivery-events";
    /** Serves the templates and import routes. */
    public static final String TEMPLATES_FUNCTION = RouteTable.TEMPLATES_FUNCTION;
    public static final String CAMPAIGNS_FUNCTION = RouteTable.CAMPAIGNS_FUNCTION;


    public SystemTopology {
        queues = List.copyOf(queues);
        tables = List.copyOf(tables);
        buckets = List.copyOf(buckets);
        functions = List.copyOf(functions);
        routes = List.copyOf(routes);
        triggers = List.copyOf(triggers);
        schedules = List.copyOf(schedules);
    }

    /** The topology serving these tenants: each tenant has its own outbound queue. */
    public static SystemTopology forTenants(List<String> tenantIds) {
        Duration lambdaQueueVisibility = Duration.ofSeconds(180);
        List<QueueDefinition> queues = new ArrayList<>();
        queues.add(new QueueDefinition(CONTACTS_QUEUE, lambdaQueueVisibility, Duration.ofDays(4), 5));
        queues.add(new QueueDefinition(EVENTS_QUEUE, lambdaQueueVisibility, Duration.ofDays(4), 5));
        queues.add(new QueueDefinition(INBOUND_BOUNCES_QUEUE, lambdaQueueVisibility, Duration.ofDays(14), 5));
        for (String tenant : tenantIds) {
            // The fleet re-hides deferred messages itself (ChangeMessageVisibility), so a message is received
            // many times during its retry life (about 40 attempts in the standard 3-day schedule, plus receives
            // while another node holds it, and while it waits for an IP: warmup quota, backoff, busy connections);
            // the DLQ catches only messages that keep crashing a node.
            queues.add(new QueueDefinition(outboundQueue(tenant), Duration.ofMinutes(5), Duration.ofDays(14), 1000));
        }
        List<TableDefinition> tables = List.of(
                new TableDefinition(CONTACTS_TABLE, KeyAttribute.string("tenant"), Optional.of(KeyAttribute.string("contact_id")),
                        List.of(), Optional.empty()),
                new TableDefinition(ENROLLMENTS_TABLE, KeyAttribute.string("tenant_campaign"),
                        Optional.of(KeyAttribute.string("contact_id")),
                        List.of(new IndexDefinition(ENROLLMENTS_DUE_INDEX, KeyAttribute.string("due_tenant"),
                                KeyAttribute.number("due_at"))),
                        Optional.empty()),
                new TableDefinition(MESSAGES_TABLE, KeyAttribute.string("message_id"), Optional.empty(), List.of(),
                        Optional.of("expires_at")),
                new TableDefinition(TEMPLATES_TABLE, KeyAttribute.string("tenant"), Optional.of(KeyAttribute.string("item")),
                        List.of(), Optional.empty()),
                new TableDefinition(CAMPAIGNS_TABLE, KeyAttribute.string("tenant"), Optional.of(KeyAttribute.string("item")),
                        List.of(), Optional.empty()),
                new TableDefinition(SUPPRESSIONS_TABLE, KeyAttribute.string("scope"), Optional.of(KeyAttribute.string("email_hash")),
                        List.of(), Optional.empty()),
                new TableDefinition(FLEET_STATE_TABLE, KeyAttribute.string("ip"), Optional.of(KeyAttribute.string("item")),
                        List.of(), Optional.of("expires_at")));
        List<BucketDefinition> buckets = List.of(new BucketDefinition(CONFIG_BUCKET, Optional.empty(), true),
                new BucketDefinition(TEMPLATES_BUCKET, Optional.empty(), false),
                new BucketDefinition(RAW_BOUNCES_BUCKET, Optional.of(RAW_BOUNCE_RETENTION), false));
        List<ResourceUse> dueStepsUses = new ArrayList<>(List.of(ResourceUse.readsObjectsOf(CONFIG_BUCKET),
                ResourceUse.readsAndWrites(ENROLLMENTS_TABLE), ResourceUse.reads(CONTACTS_TABLE),
                ResourceUse.reads(TEMPLATES_TABLE), ResourceUse.readsObjectsOf(TEMPLATES_BUCKET),
                ResourceUse.readsAndWrites(CAMPAIGNS_TABLE)));
        tenantIds.forEach(tenant -> dueStepsUses.add(ResourceUse.sendsTo(outboundQueue(tenant))));
        // Test sends go through the same outbound queues and fleet as campaign mail.
        List<ResourceUse> templatesUses = new ArrayList<>(List.of(ResourceUse.readsObjectsOf(CONFIG_BUCKET),
                ResourceUse.readsAndWrites(TEMPLATES_TABLE), ResourceUse.readsAndWritesObjectsOf(TEMPLATES_BUCKET)));
        tenantIds.forEach(tenant -> templatesUses.add(ResourceUse.sendsTo(outboundQueue(tenant))));
        List<FunctionDefinition> functions = List.of(
                // Reads contacts and suppressions to answer duplicate / suppressed per contact; its source keys are
                // secrets the CDK grants from sources.yaml.
                new FunctionDefinition(INGEST_FUNCTION, HANDLERS + "ingest.IngestContactsHandler", 1024, Duration.ofSeconds(10), OptionalInt.empty(),
                        List.of(ResourceUse.readsObjectsOf(CONFIG_BUCKET), ResourceUse.sendsTo(CONTACTS_QUEUE),
                                ResourceUse.reads(CONTACTS_TABLE), ResourceUse.reads(SUPPRESSIONS_TABLE))),
                // Sends to its own queue: a contact whose DNS answer is unknown comes back later.
                new FunctionDefinition(INTAKE_FUNCTION, HANDLERS + "ingest.ContactsQueueHandler", 1024, Duration.ofSeconds(30), OptionalInt.empty(),
                        List.of(ResourceUse.readsObjectsOf(CONFIG_BUCKET), ResourceUse.readsAndWrites(CONTACTS_TABLE),
                                ResourceUse.writes(ENROLLMENTS_TABLE), ResourceUse.reads(SUPPRESSIONS_TABLE),
                                ResourceUse.sendsTo(CONTACTS_QUEUE), ResourceUse.readsAndWrites(CAMPAIGNS_TABLE),
                                ResourceUse.reads(TEMPLATES_TABLE), ResourceUse.readsObjectsOf(TEMPLATES_BUCKET))),
                new FunctionDefinition(DUE_STEPS_FUNCTION, HANDLERS + "campaign.DueStepsHandler", 1024, Duration.ofSeconds(60), OptionalInt.of(1),
                        dueStepsUses),
                // Status changes are conditional updates: no read needed.
                new FunctionDefinition(EVENTS_FUNCTION, HANDLERS + "feedback.DeliveryEventsHandler", 512, Duration.ofSeconds(30), OptionalInt.empty(),
                        List.of(ResourceUse.writes(CONTACTS_TABLE), ResourceUse.writes(SUPPRESSIONS_TABLE))),
                new FunctionDefinition(TEMPLATES_FUNCTION, HANDLERS + "templating.TemplatesApiHandler", 1024, Duration.ofSeconds(30), OptionalInt.empty(),
                        templatesUses),
                // Reads templates to check that a campaign's templates and languages exist before it runs.
                new FunctionDefinition(CAMPAIGNS_FUNCTION, HANDLERS + "campaign.CampaignsApiHandler", 1024, Duration.ofSeconds(30), OptionalInt.empty(),
                        List.of(ResourceUse.readsObjectsOf(CONFIG_BUCKET), ResourceUse.readsAndWrites(CAMPAIGNS_TABLE),
                                ResourceUse.reads(TEMPLATES_TABLE), ResourceUse.readsObjectsOf(TEMPLATES_BUCKET))));
        List<RouteDefinition> routes = RouteTable.definitions();
        List<QueueTrigger> triggers = List.of(
                new QueueTrigger(CONTACTS_QUEUE, INTAKE_FUNCTION, 10, Duration.ofSeconds(1)),
                new QueueTrigger(EVENTS_QUEUE, EVENTS_FUNCTION, 10, Duration.ofSeconds(1)));
        List<ScheduleDefinition> schedules = List.of(
                new ScheduleDefinition("due-steps-every-minute", "rate(1 minute)", DUE_STEPS_FUNCTION));
        return new SystemTopology(queues, tables, buckets, functions, routes, triggers, schedules);
    }

    public static String outboundQueue(String tenantId) {
        return OUTBOUND_QUEUE_PREFIX + tenantId;
    }

    public FunctionDefinition function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + name));
    }

    public QueueDefinition queue(String name) {
        return queues.stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no queue " + name));
    }
}
