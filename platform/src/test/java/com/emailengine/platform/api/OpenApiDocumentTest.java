package com.emailengine.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The OpenAPI document made from the route table: valid for an independent parser, complete, and published as is. */
class OpenApiDocumentTest {

    private static final Path PUBLISHED = Path.of("../docs/openapi.json");

    @Test
    void anIndependentParserReadsTheDocumentWithoutAMessageAndResolvesEveryReference() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(OpenApiDocument.json(), null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    }

    @Test
    void everyRouteOfTheTableIsAnOperationWithItsIdPathParametersAndSecurity() {
        OpenAPI api = new OpenAPIV3Parser().readContents(OpenApiDocument.json(), null, new ParseOptions()).getOpenAPI();
        int operations = 0;
        for (PathItem item : api.getPaths().values()) {
            operations += item.readOperations().size();
        }
        assertThat(operations).isEqualTo(RouteTable.routes().size());
        for (ApiRoute route : RouteTable.routes()) {
            Operation operation = api.getPaths().get(route.path()).readOperationsMap()
                    .get(PathItem.HttpMethod.valueOf(route.method().toUpperCase(Locale.ROOT)));
            assertThat(operation).as(route.routeKey()).isNotNull();
            assertThat(operation.getOperationId()).isEqualTo(route.operation().operationId());
            assertThat(operation.getParameters() == null ? Set.of() : operation.getParameters().stream()
                    .filter(p -> p.getIn().equals("path")).map(p -> p.getName()).toList())
                    .as("path parameters of %s", route.routeKey()).containsExactlyElementsOf(route.pathParameters());
            assertThat(operation.getResponses()).as(route.routeKey()).containsKeys("4XX", "503");
            String scheme = route.route().access() == RouteAccess.OPERATOR ? "sigv4" : "sourceKey";
            assertThat(operation.getSecurity()).as(route.routeKey())
                    .anySatisfy(requirement -> assertThat(requirement).containsKey(scheme));
        }
    }

    @Test
    void everySchemaOfTheComponentsIsUsedAndEveryReferenceNamesOne() {
        JsonNode document = Json.MAPPER.valueToTree(OpenApiDocument.document());
        Set<String> defined = new HashSet<>();
        document.path("components").path("schemas").fieldNames().forEachRemaining(defined::add);
        Set<String> referenced = new HashSet<>();
        Matcher ref = Pattern.compile("#/components/schemas/([A-Za-z]+)").matcher(document.toString());
        while (ref.find()) {
            referenced.add(ref.group(1));
        }
        assertThat(referenced).isEqualTo(defined);
    }

    @Test
    void thePublishedDocumentIsTheOneTheTableMakes() throws IOException {
        String made = OpenApiDocument.json();
        Path written = Path.of("target", "openapi.json");
        Files.writeString(written, made, StandardCharsets.UTF_8);

        assertThat(Files.readString(PUBLISHED, StandardCharsets.UTF_8))
                .as("docs/openapi.json is stale: copy platform/target/openapi.json over it").isEqualTo(made);
    }
}
