package com.emailengine.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.emailengine.emulators.cloud.LocalAccount;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.FunctionDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LocalFunctionTest {

    private static final FunctionDependencies DEPENDENCIES =
            new FunctionDependencies(Settings.of(Map.of(Settings.STAGE, "unit")), Clock.systemUTC());

    /** Answers with the stage of the dependencies it was built with; remembers every context. */
    public static final class StageHandler implements RequestHandler<Object, Object> {
        static final List<Context> contexts = new CopyOnWriteArrayList<>();
        private final String stage;

        public StageHandler(FunctionDependencies dependencies) {
            this.stage = dependencies.names().stage();
        }

        @Override
        public Object handleRequest(Object event, Context context) {
            contexts.add(context);
            return stage + ":" + event;
        }
    }

    public static final class NoDependenciesHandler implements RequestHandler<Object, Object> {
        public NoDependenciesHandler() {
        }

        @Override
        public Object handleRequest(Object event, Context context) {
            return null;
        }
    }

    public static final class BrokenHandler implements RequestHandler<Object, Object> {
        public BrokenHandler(FunctionDependencies dependencies) {
            throw new IllegalStateException("setting EE_QUEUE_URL_CONTACTS is not set");
        }

        @Override
        public Object handleRequest(Object event, Context context) {
            return null;
        }
    }

    @Test
    void buildsTheHandlerWithTheLocalDependenciesAndInvokesIt() {
        LocalFunction function = LocalFunction.create(definition("stage-echo", StageHandler.class), DEPENDENCIES);

        assertThat(function.name()).isEqualTo("stage-echo");
        assertThat(function.invoke("ping")).isEqualTo("unit:ping");
    }

    @Test
    void handsEachInvocationAContextOfItsOwnWithTheFunctionsNameMemoryAndDeadline() {
        StageHandler.contexts.clear();
        LocalFunction function = LocalFunction.create(definition("contact-intake", StageHandler.class), DEPENDENCIES);

        function.invoke("first");
        function.invoke("second");

        assertThat(StageHandler.contexts).hasSize(2);
        Context context = StageHandler.contexts.getFirst();
        assertThat(context.getFunctionName()).isEqualTo("contact-intake");
        assertThat(context.getMemoryLimitInMB()).isEqualTo(512);
        assertThat(context.getFunctionVersion()).isEqualTo("$LATEST");
        assertThat(context.getLogGroupName()).isEqualTo("/aws/lambda/contact-intake");
        assertThat(context.getInvokedFunctionArn())
                .isEqualTo("arn:aws:lambda:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":function:contact-intake");
        assertThat(context.getRemainingTimeInMillis()).isBetween(1, 30_000);
        assertThat(context.getLogger()).isNotNull();
        assertThat(StageHandler.contexts).extracting(Context::getAwsRequestId).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());
    }

    @Test
    void namesTheConstructorAHandlerNeeds() {
        assertThatThrownBy(() -> LocalFunction.create(definition("plain", NoDependenciesHandler.class), DEPENDENCIES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("handler " + NoDependenciesHandler.class.getName() + " needs a public constructor taking FunctionDependencies");
    }

    @Test
    void saysWhichFunctionFailedToStartAndWhy() {
        assertThatThrownBy(() -> LocalFunction.create(definition("ingest-api", BrokenHandler.class), DEPENDENCIES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("function ingest-api failed to start: setting EE_QUEUE_URL_CONTACTS is not set")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    private static FunctionDefinition definition(String name, Class<?> handler) {
        return new FunctionDefinition(name, handler.getName(), 512, Duration.ofSeconds(30), OptionalInt.empty());
    }
}
