package com.emailengine.cdk;

import com.emailengine.platform.topology.BucketDefinition;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Every bucket of the topology: S3-managed encryption, all public access blocked, TLS only, ACLs disabled,
 * versioned where the definition says so, objects expiring where it says so. Bucket names are global, so
 * the cloud name is the stage name plus the account: {@code ee-prod-config-<account>}.
 */
public final class Buckets extends Construct {

    /** Parts of an upload that never completed are billed until removed; a week is plenty to finish one. */
    static final Duration ABANDONED_UPLOAD_AGE = Duration.days(7);
    /** Earlier versions of a versioned object (an overwritten config file) are kept this long. */
    static final Duration NONCURRENT_VERSION_AGE = Duration.days(90);

    private final Map<String, Bucket> buckets = new LinkedHashMap<>();

    public Buckets(Construct scope, String id, SystemTopology topology, ResourceNames names) {
        super(scope, id);
        for (BucketDefinition definition : topology.buckets()) {
            List<LifecycleRule> rules = new ArrayList<>();
            LifecycleRule.Builder rule = LifecycleRule.builder().id("housekeeping").abortIncompleteMultipartUploadAfter(ABANDONED_UPLOAD_AGE);
            definition.expireAfter().ifPresent(age -> rule.expiration(Duration.days(Math.max(1, age.toDays()))));
            if (definition.versioned()) {
                rule.noncurrentVersionExpiration(NONCURRENT_VERSION_AGE);
            }
            rules.add(rule.build());
            Bucket bucket = Bucket.Builder.create(this, definition.name())
                    .bucketName(cloudName(names, definition.name()))
                    .encryption(BucketEncryption.S3_MANAGED)
                    .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                    .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                    .enforceSsl(true)
                    .versioned(definition.versioned())
                    .lifecycleRules(rules)
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            buckets.put(definition.name(), bucket);
        }
    }

    private String cloudName(ResourceNames names, String logicalName) {
        return cloudName(names, logicalName, Stack.of(this).getAccount());
    }

    /** A bucket's name in the cloud; the fleet's stack finds the config bucket by it. */
    public static String cloudName(ResourceNames names, String logicalName, String account) {
        return names.bucket(logicalName) + "-" + account;
    }

    public Bucket bucket(String logicalName) {
        Bucket bucket = buckets.get(logicalName);
        if (bucket == null) {
            throw new IllegalArgumentException("the topology has no bucket " + logicalName);
        }
        return bucket;
    }
}
