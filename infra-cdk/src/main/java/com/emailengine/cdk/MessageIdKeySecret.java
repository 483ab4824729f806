package com.emailengine.cdk;

import com.emailengine.platform.runtime.Settings;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The stage's message id key (D40), {@code ee/<stage>/message-id-key}: 64 random letters and digits Secrets Manager
 * generates, read by the due-steps function only, which keys every message id with it so ids coming back (return
 * paths, links, ARF reports) cannot be computed from an address. Retained with the stack's data: a new key would give
 * every step not yet sent a new id, and the ids of mail already sent would no longer be ours to recompute.
 */
public final class MessageIdKeySecret extends Construct {

    static final int KEY_LENGTH = 64;

    private final Secret secret;

    public MessageIdKeySecret(Construct scope, String id, DeploymentSettings settings, Functions.Deployed dueSteps) {
        super(scope, id);
        secret = Secret.Builder.create(this, "key")
                .secretName(settings.names().messageIdKeySecret())
                .description("Key of the message ids of stage " + settings.stage() + " (HMAC-SHA256)")
                .generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(KEY_LENGTH).build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        dueSteps.function().addEnvironment(Settings.MESSAGE_ID_KEY_SECRET, settings.names().messageIdKeySecret());
        dueSteps.role().addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("secretsmanager:GetSecretValue")).resources(List.of(secret.getSecretArn())).build());
    }

    public Secret secret() {
        return secret;
    }
}
