package com.emailengine.cdk;

import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: one stack per stage, named {@code ee-<stage>}. {@code cdk synth -c stage=prod} from
 * {@code infra-cdk/} runs it (see cdk.json). The account and region are those of the credentials the CLI
 * runs with (it sets CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION); without them the stack is
 * environment-agnostic.
 */
public final class EmailEngineApp {

    private EmailEngineApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app, environment());
        app.synth();
    }

    /** Adds the stage's stack to the app; tests call this with an app carrying their context. */
    public static EmailEngineStack build(App app, Environment environment) {
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());
        EmailEngineStack stack = new EmailEngineStack(app, "ee-" + settings.stage(), StackProps.builder()
                .env(environment)
                .description("Email-Engine, stage " + settings.stage())
                .build(), settings);
        Tags.of(stack).add("project", "email-engine");
        Tags.of(stack).add("stage", settings.stage());
        return stack;
    }

    private static Environment environment() {
        Environment.Builder env = Environment.builder();
        Optional.ofNullable(System.getenv("CDK_DEFAULT_ACCOUNT")).ifPresent(env::account);
        Optional.ofNullable(System.getenv("CDK_DEFAULT_REGION")).ifPresent(env::region);
        return env.build();
    }
}
