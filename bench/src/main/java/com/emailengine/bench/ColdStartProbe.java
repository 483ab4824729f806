package com.emailengine.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.emailengine.core.source.DirectorySourceKeys;
import com.emailengine.functions.ingest.IngestContactsHandler;
import com.emailengine.platform.runtime.Settings;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Measures the ingest handler's cold start as Lambda pays it: a fresh JVM, the handler constructed from the
 * environment (clients built, configuration read from S3), then the first request (parse, SQS send).
 * Prints one line: ms from JVM start to main, to handler ready, to first response. Run by
 * bench/cold-start.sh against a running local cloud.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis();
        IngestContactsHandler handler = new IngestContactsHandler();
        long readyAt = System.currentTimeMillis();
        // Posts as the local source 'manual', whose key the local cloud keeps in EE_SOURCE_KEY_DIR.
        String key = new DirectorySourceKeys(Path.of(System.getenv(Settings.SOURCE_KEY_DIR))).keysOf("manual").getFirst();
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("content-type", "application/json", "x-ee-source", "manual", "authorization", "Bearer " + key))
                .withBody("{\"email\":\"cold." + UUID.randomUUID() + "@example.test\",\"first_name\":\"Cold\","
                        + "\"language\":\"en\",\"source\":\"cold-start-probe\",\"tenant\":\"" + args[0] + "\"}")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId(UUID.randomUUID().toString()).build())
                .build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long respondedAt = System.currentTimeMillis();
        if (response.getStatusCode() != 202) {
            throw new IllegalStateException("unexpected response " + response.getStatusCode() + " " + response.getBody());
        }
        System.out.printf("jvm_to_main_ms=%d init_ms=%d first_request_ms=%d jvm_to_first_response_ms=%d%n",
                mainAt - jvmStart, readyAt - mainAt, respondedAt - readyAt, respondedAt - jvmStart);
    }
}
