package com.emailengine.systemtests;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The check the API tests run on every answer can fail: on a wrong body, and on a status the document does not declare. */
class OpenApiAnswersTest {

    private static final String TEMPLATES = "/api/v2/tenants/sos-expat/templates";

    @Test
    void aBodyOfTheDeclaredShapePasses() {
        assertThatCode(() -> OpenApiAnswers.check("GET", TEMPLATES + "?include_deleted=true", 200, "{\"templates\":[]}"))
                .doesNotThrowAnyException();
        assertThatCode(() -> OpenApiAnswers.check("GET", TEMPLATES + "/welcome", 404,
                "{\"error\":{\"code\":\"template_not_found\",\"message\":\"no template\"},\"request_id\":\"r\"}"))
                .doesNotThrowAnyException();
    }

    @Test
    void aBodyMissingARequiredMemberFails() {
        assertThatThrownBy(() -> OpenApiAnswers.check("GET", TEMPLATES, 200, "{\"items\":[]}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("TemplateList");
        assertThatThrownBy(() -> OpenApiAnswers.check("GET", TEMPLATES, 404, "{\"error\":{\"code\":\"x\"}}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Error");
    }

    @Test
    void aStatusTheOperationDoesNotDeclareFails() {
        assertThatThrownBy(() -> OpenApiAnswers.check("GET", TEMPLATES, 201, "{\"templates\":[]}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not declare");
    }

    @Test
    void aPathNoRouteTakesFails() {
        assertThatThrownBy(() -> OpenApiAnswers.check("PUT", TEMPLATES, 200, "{}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no route");
    }
}
