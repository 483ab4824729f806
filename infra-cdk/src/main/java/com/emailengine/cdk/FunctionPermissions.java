package com.emailengine.cdk;

import com.emailengine.platform.topology.ResourceUse;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * Turns a function's {@link ResourceUse}s into IAM statements naming exactly the actions the adapters in
 * {@code functions} call and exactly the resources used: no wildcard action, no {@code *} resource.
 * Consuming a queue is granted by its event source mapping, log writing by {@link Functions}.
 *
 * <p>The lists are deliberately tight: an adapter that starts calling, say, BatchWriteItem needs its action
 * added here, or it fails with AccessDenied in the cloud (the local emulators do not check IAM).
 */
final class FunctionPermissions {

    static final List<String> QUEUE_SEND = List.of("sqs:SendMessage");
    /** BatchGetItem: the ingest API tells stored and suppressed contacts apart a hundred keys per call. */
    static final List<String> TABLE_READ = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");
    static final List<String> TABLE_WRITE = List.of("dynamodb:PutItem", "dynamodb:UpdateItem");
    static final List<String> BUCKET_READ_OBJECTS = List.of("s3:GetObject");
    static final List<String> BUCKET_WRITE_OBJECTS = List.of("s3:PutObject");
    /** Without ListBucket S3 answers a missing key with 403 instead of 404; the config reader tells them apart. */
    static final List<String> BUCKET_LIST = List.of("s3:ListBucket");

    private final Queues queues;
    private final Tables tables;
    private final Buckets buckets;

    FunctionPermissions(Queues queues, Tables tables, Buckets buckets) {
        this.queues = queues;
        this.tables = tables;
        this.buckets = buckets;
    }

    void grant(Functions.Deployed function) {
        for (ResourceUse use : function.definition().uses()) {
            statements(use).forEach(function.role()::addToPolicy);
        }
    }

    List<PolicyStatement> statements(ResourceUse use) {
        return switch (use.kind()) {
            case QUEUE -> List.of(allow(QUEUE_SEND, List.of(queues.queue(use.name()).getQueueArn())));
            case TABLE -> tableStatements(use);
            case BUCKET -> {
                Bucket bucket = buckets.bucket(use.name());
                List<PolicyStatement> statements = new ArrayList<>(List.of(allow(BUCKET_READ_OBJECTS, List.of(bucket.arnForObjects("*"))),
                        allow(BUCKET_LIST, List.of(bucket.getBucketArn()))));
                if (use.access().writes()) {
                    statements.add(allow(BUCKET_WRITE_OBJECTS, List.of(bucket.arnForObjects("*"))));
                }
                yield statements;
            }
        };
    }

    private List<PolicyStatement> tableStatements(ResourceUse use) {
        List<PolicyStatement> statements = new ArrayList<>();
        String tableArn = tables.table(use.name()).getTableArn();
        if (use.access().reads()) {
            List<String> readable = new ArrayList<>();
            readable.add(tableArn);
            readable.addAll(tables.indexArns(use.name()));
            statements.add(allow(TABLE_READ, readable));
        }
        if (use.access().writes()) {
            statements.add(allow(TABLE_WRITE, List.of(tableArn)));
        }
        return statements;
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }
}
