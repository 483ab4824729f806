package com.emailengine.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Operators and scripts rely on the reason codes: each one has its row in docs/validation.md. */
class ReasonCodesAreDocumentedTest {

    @Test
    void everyReasonCodeHasARowInTheValidationDocument() throws Exception {
        String doc = Files.readString(Path.of("../docs/validation.md"));

        for (ReasonCode code : ReasonCode.values()) {
            assertThat(doc).as("docs/validation.md documents %s", code.code()).contains("| `" + code.code() + "` | ");
        }
    }
}
