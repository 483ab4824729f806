package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CloudFormation refuses a template over 1 MB (uploaded through S3, as the CDK CLI does) or over 500 resources. */
class TemplateLimitsTest {

    static final int MAX_TEMPLATE_BYTES = 1_000_000;
    static final int MAX_RESOURCES = 500;

    private final ProdStack prod = ProdStack.get();

    @Test
    void bothStacksStayWellUnderCloudFormationsLimits() throws Exception {
        for (TemplateJson template : new TemplateJson[] {prod, prod.fleetJson}) {
            int bytes = new ObjectMapper().writeValueAsBytes(template.json).length;
            int resources = ((Map<?, ?>) template.json.get("Resources")).size();
            // Half the limits: room for the resources later issues add (and for a larger pool, see the README).
            assertThat(bytes).isLessThan(MAX_TEMPLATE_BYTES / 2);
            assertThat(resources).isLessThan(MAX_RESOURCES * 3 / 5);
        }
    }
}
