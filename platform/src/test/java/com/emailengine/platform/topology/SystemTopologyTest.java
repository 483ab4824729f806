package com.emailengine.platform.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SystemTopologyTest {

    private final SystemTopology topology = SystemTopology.forTenants(List.of("sos-expat", "ulixai"));

    @Test
    void everyTenantHasItsOwnOutboundQueue() {
        assertThat(topology.queues()).extracting(QueueDefinition::name)
                .contains("outbound-sos-expat", "outbound-ulixai", "contacts", "events");
    }

    @Test
    void everyReferenceNamesSomethingThatExists() {
        Set<String> functions = topology.functions().stream().map(FunctionDefinition::name).collect(Collectors.toSet());
        Set<String> queues = topology.queues().stream().map(QueueDefinition::name).collect(Collectors.toSet());
        topology.routes().forEach(route -> assertThat(functions).contains(route.function()));
        topology.schedules().forEach(schedule -> assertThat(functions).contains(schedule.function()));
        topology.triggers().forEach(trigger -> {
            assertThat(functions).contains(trigger.function());
            assertThat(queues).contains(trigger.queue());
        });
    }

    @Test
    void everyResourceAFunctionUsesExists() {
        Set<String> queues = topology.queues().stream().map(QueueDefinition::name).collect(Collectors.toSet());
        Set<String> tables = topology.tables().stream().map(TableDefinition::name).collect(Collectors.toSet());
        Set<String> buckets = topology.buckets().stream().map(BucketDefinition::name).collect(Collectors.toSet());
        for (FunctionDefinition function : topology.functions()) {
            assertThat(function.uses()).as(function.name()).isNotEmpty().allSatisfy(use -> assertThat(switch (use.kind()) {
                case QUEUE -> queues;
                case TABLE -> tables;
                case BUCKET -> buckets;
            }).contains(use.name()));
        }
    }

    @Test
    void theSchedulerSendsToEveryTenantsOutboundQueue() {
        assertThat(topology.function(SystemTopology.DUE_STEPS_FUNCTION).uses(ResourceUse.Kind.QUEUE))
                .containsExactlyInAnyOrder(ResourceUse.sendsTo("outbound-sos-expat"), ResourceUse.sendsTo("outbound-ulixai"));
    }

    @Test
    void aFunctionCanOnlySendToAQueueBecauseConsumingIsATrigger() {
        assertThatThrownBy(() -> new ResourceUse(ResourceUse.Kind.QUEUE, "contacts", ResourceUse.Access.READ))
                .hasMessageContaining("QueueTrigger");
    }

    @Test
    void queueVisibilityCoversSixTimesTheConsumingFunctionsTimeout() {
        // AWS's advice for SQS event source mappings: visibility timeout >= 6 x function timeout.
        for (QueueTrigger trigger : topology.triggers()) {
            var timeout = topology.function(trigger.function()).timeout();
            assertThat(topology.queue(trigger.queue()).visibilityTimeout()).isGreaterThanOrEqualTo(timeout.multipliedBy(6));
        }
    }

    @Test
    void handlersNameTheirClassForLambda() {
        assertThat(topology.function(SystemTopology.INGEST_FUNCTION).handlerReference())
                .isEqualTo("com.emailengine.functions.ingest.IngestContactsHandler::handleRequest");
    }

    @Test
    void physicalNamesCarryTheStage() {
        ResourceNames names = new ResourceNames("prod");
        assertThat(names.queue("contacts")).isEqualTo("ee-prod-contacts");
        assertThat(ResourceNames.queueUrlSetting("outbound-sos-expat")).isEqualTo("EE_QUEUE_URL_OUTBOUND_SOS_EXPAT");
        assertThatThrownBy(() -> new ResourceNames("Prod!")).hasMessageContaining("stage");
    }
}
