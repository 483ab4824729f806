package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.platform.topology.FunctionDefinition;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class FunctionsTest {

    private final ProdStack prod = ProdStack.get();

    @Test
    void everyFunctionRunsJava21OnArmWithTheMemoryTimeoutAndConcurrencyOfItsDefinition() {
        for (FunctionDefinition function : prod.topology.functions()) {
            prod.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", prod.names.function(function.name()),
                    "Runtime", "java21",
                    "Architectures", List.of("arm64"),
                    "Handler", function.handlerReference(),
                    "MemorySize", function.memoryMb(),
                    "Timeout", function.timeout().toSeconds(),
                    "ReservedConcurrentExecutions", function.reservedConcurrency().isPresent()
                            ? function.reservedConcurrency().getAsInt() : Match.absent()));
        }
    }

    @Test
    void everyFunctionRunsFromTheOneFunctionsJarAsset() {
        List<Object> codes = prod.topology.functions().stream()
                .map(f -> TemplateJson.properties(prod.resources("AWS::Lambda::Function").get(prod.functionLogicalId(f.name()))).get("Code"))
                .toList();
        assertThat(codes).hasSize(prod.topology.functions().size()).allSatisfy(code -> assertThat(code).isEqualTo(codes.get(0)));
        assertThat(codes.get(0).toString()).endsWith(".jar}");
    }

    @Test
    void snapStartIsOnWhereFunctionsScaleOutAndOffForTheScheduledOne() {
        prod.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", prod.names.function(SystemTopology.INGEST_FUNCTION),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        prod.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", prod.names.function(SystemTopology.INTAKE_FUNCTION),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        prod.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", prod.names.function(SystemTopology.DUE_STEPS_FUNCTION),
                "SnapStart", Match.absent()));
    }

    @Test
    void everyFunctionHasALiveAliasOnAPublishedVersion() {
        prod.template.resourceCountIs("AWS::Lambda::Alias", prod.topology.functions().size());
        for (FunctionDefinition function : prod.topology.functions()) {
            String id = prod.functionLogicalId(function.name());
            prod.template.hasResourceProperties("AWS::Lambda::Alias", Map.of("FunctionName", Map.of("Ref", id),
                    "Name", Functions.ALIAS, "FunctionVersion", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue()))));
            prod.template.hasResourceProperties("AWS::Lambda::Version", Map.of("FunctionName", Map.of("Ref", id)));
        }
    }

    @Test
    void functionsGetTheStageAndTheUrlsOfTheQueuesAndNamesOfTheBucketsTheyUse() {
        prod.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", prod.names.function(SystemTopology.INGEST_FUNCTION),
                "Environment", Map.of("Variables", Map.of(
                        "EE_STAGE", "prod",
                        Functions.CONFIG_DIGEST_SETTING, Match.stringLikeRegexp("[0-9a-f]{16}"),
                        ResourceNames.queueUrlSetting(SystemTopology.CONTACTS_QUEUE),
                        Map.of("Ref", prod.logicalId("AWS::SQS::Queue", "QueueName", prod.names.queue(SystemTopology.CONTACTS_QUEUE))),
                        ResourceNames.bucketSetting(SystemTopology.CONFIG_BUCKET), Map.of("Ref", prod.bucketLogicalId("config"))))));
        for (String tenant : List.of("sos-expat", "ulixai")) {
            String queue = SystemTopology.outboundQueue(tenant);
            prod.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", prod.names.function(SystemTopology.DUE_STEPS_FUNCTION),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(ResourceNames.queueUrlSetting(queue),
                            Map.of("Ref", prod.logicalId("AWS::SQS::Queue", "QueueName", prod.names.queue(queue))))))));
        }
        prod.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", prod.names.function(SystemTopology.EVENTS_FUNCTION),
                "Environment", Map.of("Variables", Map.of("EE_STAGE", "prod", Functions.CONFIG_DIGEST_SETTING, Match.anyValue()))));
    }

    @Test
    void functionsAreCreatedOnlyAfterTheConfigurationIsInTheBucket() {
        String upload = prod.resources("Custom::CDKBucketDeployment").keySet().iterator().next();
        for (FunctionDefinition function : prod.topology.functions()) {
            assertThat(prod.resources("AWS::Lambda::Function").get(prod.functionLogicalId(function.name())).get("DependsOn"))
                    .asList().contains(upload);
        }
    }

    @Test
    void everyFunctionLogsToItsOwnGroupWithARetention() {
        for (FunctionDefinition function : prod.topology.functions()) {
            String group = prod.logicalId("AWS::Logs::LogGroup", "LogGroupName", "/aws/lambda/" + prod.names.function(function.name()));
            prod.template.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                    "LogGroupName", "/aws/lambda/" + prod.names.function(function.name()), "RetentionInDays", 30));
            prod.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", prod.names.function(function.name()),
                    "LoggingConfig", Map.of("LogGroup", Map.of("Ref", group))));
        }
    }
}
