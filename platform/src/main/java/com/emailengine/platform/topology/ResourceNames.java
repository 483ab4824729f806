package com.emailengine.platform.topology;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Physical names per stage: {@code ee-<stage>-<logical>}. Queues and tables are unique per account and
 * region, so this suffices for them; bucket names are global, so the cloud adds the account to them.
 */
public record ResourceNames(String stage) {

    private static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9]{1,11}");

    public ResourceNames {
        if (!STAGE.matcher(stage).matches()) {
            throw new IllegalArgumentException("stage '" + stage + "' must be 2-12 lower-case letters and digits, starting with a letter");
        }
    }

    public String queue(String logical) {
        return "ee-" + stage + "-" + logical;
    }

    public String table(String logical) {
        return "ee-" + stage + "-" + logical;
    }

    public String bucket(String logical) {
        return "ee-" + stage + "-" + logical;
    }

    /** A function's name, e.g. {@code ee-prod-ingest-api} (its log group is {@code /aws/lambda/} and this). */
    public String function(String logical) {
        return "ee-" + stage + "-" + logical;
    }

    /** A schedule's (EventBridge rule's) name. */
    public String schedule(String logical) {
        return "ee-" + stage + "-" + logical;
    }

    /** The name prefix of the stage's source-key secrets, {@code ee/<stage>/sources/}: the CDK creates them, ingest reads them. */
    public String sourceKeySecretPrefix() {
        return "ee/" + stage + "/sources/";
    }

    /**
     * The IAM role of a tenant's operators, {@code ee-<stage>-tenant-<tenant>-operator} (at most 63 characters): its
     * policy reaches only that tenant's operator routes, and the functions read the tenant back from a session of it.
     */
    public String tenantOperatorRole(String tenantId) {
        return tenantOperatorRolePrefix() + tenantId + "-operator";
    }

    /** The tenant whose operator role this is, when it is one of this stage's. */
    public Optional<String> tenantOfOperatorRole(String roleName) {
        String prefix = tenantOperatorRolePrefix();
        return roleName.startsWith(prefix) && roleName.endsWith("-operator") && roleName.length() > prefix.length() + 9
                ? Optional.of(roleName.substring(prefix.length(), roleName.length() - "-operator".length()))
                : Optional.empty();
    }

    private String tenantOperatorRolePrefix() {
        return "ee-" + stage + "-tenant-";
    }

    /** The secret of the stage's message id key (random, made by the CDK; only the due-steps function reads it). */
    public String messageIdKeySecret() {
        return "ee/" + stage + "/message-id-key";
    }

    /**
     * The fleet stack's output holding a tenant's SPF record: {@code SpfRecordSosExpat} for {@code sos-expat}
     * (output names are alphanumeric). The CLI names it to operators.
     */
    public static String spfRecordOutput(String tenantId) {
        StringBuilder name = new StringBuilder("SpfRecord");
        for (String part : tenantId.split("-")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }

    /** The settings key under which a queue's URL is handed to a function, e.g. {@code EE_QUEUE_URL_OUTBOUND_SOS_EXPAT}. */
    public static String queueUrlSetting(String logical) {
        return "EE_QUEUE_URL_" + logical.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The settings key under which a bucket's name is handed to a function, e.g. {@code EE_BUCKET_CONFIG}. */
    public static String bucketSetting(String logical) {
        return "EE_BUCKET_" + logical.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
