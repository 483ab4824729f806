package com.emailengine.cdk;

import com.emailengine.cdk.fleet.SenderFleetStack;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: per stage the serverless stack {@code ee-<stage>} and the fleet stack {@code ee-<stage>-fleet}. {@code cdk synth -c stage=prod} from
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

    /** The stage's two stacks. */
    public record Stacks(EmailEngineStack serverless, SenderFleetStack fleet) {
    }

    /** Adds the stage's stacks to the app; tests call this with an app carrying their context. */
    public static Stacks build(App app, Environment environment) {
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());
        EmailEngineStack serverless = new EmailEngineStack(app, "ee-" + settings.stage(), StackProps.builder()
                .env(environment)
                .description("Email-Engine, stage " + settings.stage() + ": API, functions, queues, tables, buckets, alarms")
                .build(), settings);
        SenderFleetStack fleet = new SenderFleetStack(app, "ee-" + settings.stage() + "-fleet", StackProps.builder()
                .env(environment)
                .description("Email-Engine, stage " + settings.stage() + ": the sender fleet and its addresses")
                .build(), settings);
        // The fleet reads the serverless stack's queues, tables and config bucket by name: deploy those first.
        fleet.addDependency(serverless);
        for (Stack stack : new Stack[] {serverless, fleet}) {
            Tags.of(stack).add("project", "email-engine");
            Tags.of(stack).add("stage", settings.stage());
        }
        return new Stacks(serverless, fleet);
    }

    private static Environment environment() {
        Environment.Builder env = Environment.builder();
        Optional.ofNullable(System.getenv("CDK_DEFAULT_ACCOUNT")).ifPresent(env::account);
        Optional.ofNullable(System.getenv("CDK_DEFAULT_REGION")).ifPresent(env::region);
        return env.build();
    }
}
