package com.emailengine.core.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.delivery.TestMessageIds;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RecipientLinksTest {

    private static final String ID = TestMessageIds.IDS.forStep("sos-expat", "welcome", "c0ffee", 0);

    @Test
    void everyLinkWrittenReadsBackAsItsKindAndMessage() {
        for (RecipientLinks.Kind kind : RecipientLinks.Kind.values()) {
            URI url = URI.create(RecipientLinks.url("sos-expat.test", kind, ID));

            assertThat(url.getHost()).isEqualTo("sos-expat.test");
            assertThat(RecipientLinks.read(url.getPath())).hasValue(new RecipientLinks.Link(kind, ID));
        }
    }

    @Test
    void theTemplatesLinksAreTheSameAddresses() {
        assertThat(RecipientLinks.forTemplates("ulixai.test", ID))
                .containsEntry("unsubscribe", "https://ulixai.test/ee/unsubscribe/" + ID)
                .containsEntry("webVersion", "https://ulixai.test/ee/view/" + ID)
                .containsEntry("subscribe", "https://ulixai.test/ee/subscribe");
    }

    @Test
    void aPathWeDidNotWriteIsNoLink() {
        assertThat(RecipientLinks.read("/ee/unsubscribe/" + ID.substring(1))).isEmpty();
        assertThat(RecipientLinks.read("/ee/delete-everything/" + ID)).isEmpty();
        assertThat(RecipientLinks.read("/ee/unsubscribe/" + ID + "/../../admin")).isEmpty();
        assertThat(RecipientLinks.read(null)).isEmpty();
    }
}
