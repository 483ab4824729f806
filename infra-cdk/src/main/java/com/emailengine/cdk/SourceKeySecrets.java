package com.emailengine.cdk;

import com.emailengine.core.source.Source;
import com.emailengine.platform.runtime.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * One Secrets Manager secret per source of {@code sources.yaml}, {@code ee/<stage>/sources/<id>}, holding the keys the
 * source authenticates with (one per line; the ingest function reads them through {@code SecretsManagerSourceKeys}).
 * Each starts with a random 43-character key Secrets Manager generates, which is the source's first key: an operator
 * reads it ({@code aws secretsmanager get-secret-value}) and hands it to the tool. Secrets outlive the stack, since
 * tools hold their keys. The ingest function may read exactly these secrets and learns their prefix from
 * {@value Settings#SOURCE_KEY_PREFIX}.
 */
public final class SourceKeySecrets extends Construct {

    /** Length of the generated key: 43 letters and digits are more than 256 bits. */
    static final int KEY_LENGTH = 43;

    private final Map<String, Secret> secrets = new LinkedHashMap<>();

    public SourceKeySecrets(Construct scope, String id, DeploymentSettings settings, Functions.Deployed ingest) {
        super(scope, id);
        String prefix = settings.names().sourceKeySecretPrefix();
        List<String> arns = new ArrayList<>();
        for (Source source : settings.config().sources().all()) {
            Secret secret = Secret.Builder.create(this, source.id())
                    .secretName(prefix + source.id())
                    .description("Keys of source " + source.id() + " (" + source.name() + "), one per line; feeds "
                            + String.join(", ", source.tenants()))
                    .generateSecretString(SecretStringGenerator.builder().excludePunctuation(true)
                            .passwordLength(KEY_LENGTH).build())
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            secrets.put(source.id(), secret);
            arns.add(secret.getSecretArn());
        }
        ingest.function().addEnvironment(Settings.SOURCE_KEY_PREFIX, prefix);
        if (!arns.isEmpty()) {
            ingest.role().addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                    .actions(List.of("secretsmanager:GetSecretValue")).resources(arns).build());
        }
    }

    public Map<String, Secret> secrets() {
        return Map.copyOf(secrets);
    }
}
